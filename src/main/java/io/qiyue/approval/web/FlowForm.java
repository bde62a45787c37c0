package io.qiyue.approval.web;

import io.qiyue.approval.ApprovalFlow;
import io.qiyue.approval.Approver;
import io.qiyue.approval.FlowInput;
import io.qiyue.approval.FlowStep;
import io.qiyue.approval.StepCondition;
import io.qiyue.approval.StepKind;
import io.qiyue.approval.StepMode;
import io.qiyue.contract.ContractType;
import io.qiyue.shared.Text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The flow editor's form: bound field by field ({@code steps[0].name}). Approvers are one per line, as an admin
 * reads them: {@code role:LEGAL}, {@code user:zhangsan} or {@code manager} (the owner's team manager).
 */
class FlowForm {
    public String name;
    public boolean enabled = true;
    public Integer priority = 100;
    public boolean resubmitToRejectingStep;
    public boolean skipRepeatedApprover = true;
    public Integer version;
    public List<StepForm> steps = new ArrayList<>();

    public static class StepForm {
        public String name;
        public StepKind kind = StepKind.APPROVAL;
        public StepMode mode = StepMode.ANY;
        public String approvers = "manager";
        public Integer timeLimitHours;
        public StepCondition.Match match = StepCondition.Match.ALL;
        public List<ContractType> types = new ArrayList<>();
        public BigDecimal amountAtLeast;
        public BigDecimal amountBelow;
        /** "", "true" or "false": not a criterion, or the value it must have. */
        public String warningsAccepted = "";
        public String personalInformation = "";
        public List<String> customerLevels = new ArrayList<>();
    }

    static FlowForm of(ApprovalFlow flow, Function<String, String> usernameOfId) {
        var form = new FlowForm();
        form.name = flow.name();
        form.enabled = flow.enabled();
        form.priority = flow.priority();
        form.resubmitToRejectingStep = flow.resubmitToRejectingStep();
        form.skipRepeatedApprover = flow.skipRepeatedApprover();
        form.version = flow.version();
        for (FlowStep step : flow.steps()) {
            var s = new StepForm();
            s.name = step.name();
            s.kind = step.kind();
            s.mode = step.mode();
            s.timeLimitHours = step.timeLimitHours();
            var lines = new ArrayList<String>();
            for (Approver a : step.approvers()) {
                lines.add(Boolean.TRUE.equals(a.ownerManager()) ? "manager" : a.role() != null ? "role:" + a.role()
                        : "user:" + usernameOfId.apply(a.userId()));
            }
            s.approvers = String.join("\n", lines);
            var c = step.condition();
            if (c != null) {
                s.match = c.match() == null ? StepCondition.Match.ALL : c.match();
                s.types = c.types() == null ? new ArrayList<>() : new ArrayList<>(c.types());
                s.amountAtLeast = c.amountAtLeast();
                s.amountBelow = c.amountBelow();
                s.warningsAccepted = c.warningsAccepted() == null ? "" : c.warningsAccepted().toString();
                s.personalInformation = c.personalInformation() == null ? "" : c.personalInformation().toString();
                s.customerLevels = c.customerLevels() == null ? new ArrayList<>() : new ArrayList<>(c.customerLevels());
            }
            form.steps.add(s);
        }
        return form;
    }

    /**
     * The API's input. A line naming a user the directory does not know keeps the name as the user id, so the
     * service refuses it with the field it belongs to.
     */
    FlowInput toInput(Function<String, String> idOfUsername) {
        var list = new ArrayList<FlowStep>();
        for (StepForm s : steps) {
            var approvers = new ArrayList<Approver>();
            if (s.approvers != null) {
                for (String line : s.approvers.split("[\\r\\n,，]+")) {
                    String l = line.strip();
                    if (l.isEmpty()) {
                        continue;
                    }
                    if (l.equalsIgnoreCase("manager")) {
                        approvers.add(new Approver(null, null, true));
                    } else if (l.regionMatches(true, 0, "role:", 0, 5)) {
                        approvers.add(new Approver(l.substring(5).strip().toUpperCase(java.util.Locale.ROOT), null, null));
                    } else {
                        String username = l.regionMatches(true, 0, "user:", 0, 5) ? l.substring(5).strip() : l;
                        approvers.add(new Approver(null, idOfUsername.apply(username), null));
                    }
                }
            }
            boolean any = !s.types.isEmpty() || s.amountAtLeast != null || s.amountBelow != null
                    || !Text.isBlank(s.warningsAccepted) || !Text.isBlank(s.personalInformation)
                    || !s.customerLevels.isEmpty();
            var condition = !any ? null : new StepCondition(s.match, s.types.isEmpty() ? null : List.copyOf(s.types),
                    s.amountAtLeast, s.amountBelow, flag(s.warningsAccepted), flag(s.personalInformation),
                    s.customerLevels.isEmpty() ? null : List.copyOf(s.customerLevels));
            list.add(new FlowStep(s.name, s.kind, s.mode, approvers, condition, s.timeLimitHours));
        }
        return new FlowInput(name, enabled, priority, resubmitToRejectingStep, skipRepeatedApprover, list);
    }

    private static Boolean flag(String value) {
        return Text.isBlank(value) ? null : Boolean.valueOf(value);
    }

    /** Edits the step list without saving: add, remove-N, up-N, down-N. False for an unknown operation. */
    boolean apply(String op) {
        if (op.equals("add")) {
            var step = new StepForm();
            step.name = "";
            steps.add(step);
            return true;
        }
        int dash = op.lastIndexOf('-');
        if (dash < 0) {
            return false;
        }
        int i;
        try {
            i = Integer.parseInt(op.substring(dash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (i < 0 || i >= steps.size()) {
            return false;
        }
        switch (op.substring(0, dash)) {
            case "remove" -> steps.remove(i);
            case "up" -> {
                if (i > 0) {
                    steps.add(i - 1, steps.remove(i));
                }
            }
            case "down" -> {
                if (i < steps.size() - 1) {
                    steps.add(i + 1, steps.remove(i));
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
