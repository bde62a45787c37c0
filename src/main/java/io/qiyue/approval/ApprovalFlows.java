package io.qiyue.approval;

import io.qiyue.customer.CustomerLevel;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.Role;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Flow administration (admins only). Every saved change deploys a new version of the flow's process in the same
 * transaction, so runs already started keep the version they started with.
 */
@Service
public class ApprovalFlows {
    static final int MAX_STEPS = 20;
    static final int MAX_APPROVERS = 20;
    static final int MAX_TIME_LIMIT_HOURS = 24 * 90;

    private final ApprovalStore store;
    private final ApprovalEngine engine;
    private final UserAdministration users;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    ApprovalFlows(ApprovalStore store, ApprovalEngine engine, UserAdministration users, Clock clock,
                  ApplicationEventPublisher events, JsonMapper json) {
        this.store = store;
        this.engine = engine;
        this.users = users;
        this.clock = clock;
        this.events = events;
        this.json = json;
    }

    public List<ApprovalFlow> list() {
        requireAdmin();
        return store.flows();
    }

    public ApprovalFlow get(String id) {
        requireAdmin();
        return find(id);
    }

    @Transactional
    public ApprovalFlow create(FlowInput input) {
        var user = requireAdmin();
        validate(input, java.util.Set.of());
        var now = clock.instant();
        var flow = new ApprovalFlow(Ids.newId(), input.name().strip(), !Boolean.FALSE.equals(input.enabled()),
                input.priority() == null ? 100 : input.priority(), Boolean.TRUE.equals(input.resubmitToRejectingStep()),
                Boolean.TRUE.equals(input.skipRepeatedApprover()), normalised(input.steps()), null, 1, now, now);
        store.insertFlow(flow);
        var deployed = deploy(flow);
        events.publishEvent(new EntityChanged("APPROVAL_FLOW", flow.id(), EntityChanged.Action.CREATE,
                user.username(), now, List.of(new EntityChanged.Change("/", null, json.writeValueAsString(flow)))));
        return deployed;
    }

    @Transactional
    public ApprovalFlow update(String id, int expectedVersion, FlowInput input) {
        var user = requireAdmin();
        var before = find(id);
        if (before.version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
        // an approver the flow already names and who has since lost the right to decide does not block other
        // edits (disabling the flow, say): runs hand such a step on, saying why
        validate(input, before.steps().stream().flatMap(step -> step.approvers().stream()).map(Approver::userId)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        var now = clock.instant();
        var after = new ApprovalFlow(id, input.name().strip(), !Boolean.FALSE.equals(input.enabled()),
                input.priority() == null ? before.priority() : input.priority(),
                Boolean.TRUE.equals(input.resubmitToRejectingStep()), Boolean.TRUE.equals(input.skipRepeatedApprover()),
                normalised(input.steps()), null, expectedVersion + 1, before.createdAt(), now);
        if (after.name().equals(before.name()) && after.enabled() == before.enabled()
                && after.priority() == before.priority()
                && after.resubmitToRejectingStep() == before.resubmitToRejectingStep()
                && after.skipRepeatedApprover() == before.skipRepeatedApprover()
                && after.steps().equals(before.steps())) {
            // what GET answered, sent back: no new version, deployment or audit entry (outside tester)
            return before;
        }
        if (!store.updateFlow(after, expectedVersion)) {
            throw new PreconditionFailedException("qiyue.problem.stale-raced", expectedVersion);
        }
        var deployed = deploy(after);
        events.publishEvent(new EntityChanged("APPROVAL_FLOW", id, EntityChanged.Action.UPDATE, user.username(), now,
                List.of(new EntityChanged.Change("/", json.writeValueAsString(before), json.writeValueAsString(after)))));
        return deployed;
    }

    /**
     * The flow's current version as a process definition, deployed now when it is not yet (the shipped flow). Two
     * first submissions at once take turns on the flow's row: the second finds the first's deployment instead of
     * deploying the same version again (which Flowable refuses with a duplicate key).
     */
    ApprovalStore.FlowRow deployed(ApprovalStore.FlowRow row) {
        if (row.definitionId() != null) {
            return row;
        }
        var locked = store.lockFlow(row.flow().id()).orElseThrow();
        if (locked.definitionId() != null) {
            return locked;
        }
        var flow = deploy(locked.flow());
        return store.flow(flow.id()).orElseThrow();
    }

    private ApprovalFlow deploy(ApprovalFlow flow) {
        var deployed = engine.deploy(flow.id(), flow.name(), flow.steps());
        store.recordDeployment(flow.id(), flow.version(), deployed.definitionId(), deployed.version());
        return new ApprovalFlow(flow.id(), flow.name(), flow.enabled(), flow.priority(), flow.resubmitToRejectingStep(),
                flow.skipRepeatedApprover(), flow.steps(), deployed.version(), flow.version(), flow.createdAt(),
                flow.updatedAt());
    }

    private ApprovalFlow find(String id) {
        return store.flow(id).map(ApprovalStore.FlowRow::flow)
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "approval-flow", id));
    }

    private static io.qiyue.security.CurrentUser requireAdmin() {
        var user = CurrentUsers.require();
        if (!user.isAdmin()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        return user;
    }

    /** Trimmed names, and each approver in its one canonical form. */
    private static List<FlowStep> normalised(List<FlowStep> steps) {
        return steps.stream().map(s -> new FlowStep(s.name().strip(), s.kind(), s.mode(),
                s.approvers().stream().map(a -> Boolean.TRUE.equals(a.ownerManager()) ? new Approver(null, null, true)
                        : !Text.isBlank(a.role()) ? new Approver(a.role().strip(), null, null)
                        : new Approver(null, a.userId().strip(), null)).toList(),
                s.condition(), s.timeLimitHours())).toList();
    }

    private void validate(FlowInput input, java.util.Set<String> kept) {
        var violations = new ArrayList<FieldViolation>();
        if (Text.isBlank(input.name())) {
            violations.add(new FieldViolation("name", "qiyue.validation.required"));
        } else if (input.name().strip().length() > 100) {
            violations.add(new FieldViolation("name", "qiyue.validation.size", 1, 100));
        }
        if (input.priority() != null && (input.priority() < -1_000_000 || input.priority() > 1_000_000)) {
            violations.add(new FieldViolation("priority", "qiyue.validation.range", -1_000_000, 1_000_000));
        }
        if (input.steps() == null || input.steps().isEmpty()) {
            violations.add(new FieldViolation("steps", "qiyue.approval.steps-required"));
        } else if (input.steps().size() > MAX_STEPS) {
            violations.add(new FieldViolation("steps", "qiyue.validation.size", 1, MAX_STEPS));
        } else {
            var names = new HashSet<String>();
            for (int i = 0; i < input.steps().size(); i++) {
                validateStep("steps[" + i + "]", input.steps().get(i), names, kept, violations);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private void validateStep(String at, FlowStep step, java.util.Set<String> names, java.util.Set<String> kept,
                              List<FieldViolation> violations) {
        if (step == null) {
            violations.add(new FieldViolation(at, "qiyue.validation.required"));
            return;
        }
        if (Text.isBlank(step.name())) {
            violations.add(new FieldViolation(at + ".name", "qiyue.validation.required"));
        } else if (step.name().strip().length() > 100) {
            violations.add(new FieldViolation(at + ".name", "qiyue.validation.size", 1, 100));
        } else if (!names.add(step.name().strip())) {
            violations.add(new FieldViolation(at + ".name", "qiyue.approval.step-name-repeated", step.name().strip()));
        }
        if (step.kind() == null) {
            violations.add(new FieldViolation(at + ".kind", "qiyue.validation.required"));
        }
        if (step.mode() == null) {
            violations.add(new FieldViolation(at + ".mode", "qiyue.validation.required"));
        }
        if (step.timeLimitHours() != null && (step.timeLimitHours() < 1 || step.timeLimitHours() > MAX_TIME_LIMIT_HOURS)) {
            violations.add(new FieldViolation(at + ".timeLimitHours", "qiyue.validation.range", 1, MAX_TIME_LIMIT_HOURS));
        }
        if (step.approvers() == null || step.approvers().isEmpty()) {
            violations.add(new FieldViolation(at + ".approvers", "qiyue.approval.approvers-required"));
        } else if (step.approvers().size() > MAX_APPROVERS) {
            violations.add(new FieldViolation(at + ".approvers", "qiyue.validation.size", 1, MAX_APPROVERS));
        } else {
            for (int j = 0; j < step.approvers().size(); j++) {
                validateApprover(at + ".approvers[" + j + "]", step.approvers().get(j), kept, violations);
            }
        }
        var condition = step.condition();
        if (condition != null) {
            BigDecimal least = condition.amountAtLeast();
            BigDecimal below = condition.amountBelow();
            // amounts in yuan and fen, as the contracts they are compared with
            if (least != null && (least.signum() < 0 || least.precision() - least.scale() > 15
                    || least.stripTrailingZeros().scale() > 2)) {
                violations.add(new FieldViolation(at + ".condition.amountAtLeast", "qiyue.approval.amount-invalid"));
            }
            if (below != null && (below.signum() <= 0 || below.precision() - below.scale() > 15
                    || below.stripTrailingZeros().scale() > 2)) {
                violations.add(new FieldViolation(at + ".condition.amountBelow", "qiyue.approval.amount-invalid"));
            }
            if (least != null && below != null && least.compareTo(below) >= 0) {
                violations.add(new FieldViolation(at + ".condition.amountBelow", "qiyue.approval.amount-range"));
            }
            if (condition.types() != null && condition.types().stream().anyMatch(java.util.Objects::isNull)) {
                violations.add(new FieldViolation(at + ".condition.types", "qiyue.validation.required"));
            }
            if (condition.customerLevels() != null) {
                for (String level : condition.customerLevels()) {
                    if (level == null || java.util.Arrays.stream(CustomerLevel.values()).noneMatch(l -> l.name().equals(level))) {
                        violations.add(new FieldViolation(at + ".condition.customerLevels", "qiyue.approval.level-unknown",
                                String.valueOf(level), java.util.Arrays.toString(CustomerLevel.values())));
                        break;
                    }
                }
            }
        }
    }

    /** Whether a user may decide approval tasks: enabled, with a role other than the read-only VIEWER. */
    static boolean mayDecide(io.qiyue.security.User user) {
        return user.enabled() && !user.readOnly();
    }

    private void validateApprover(String at, Approver approver, java.util.Set<String> kept,
                                  List<FieldViolation> violations) {
        if (approver == null) {
            violations.add(new FieldViolation(at, "qiyue.approval.approver-one-of"));
            return;
        }
        int given = (Text.isBlank(approver.role()) ? 0 : 1) + (Text.isBlank(approver.userId()) ? 0 : 1)
                + (Boolean.TRUE.equals(approver.ownerManager()) ? 1 : 0);
        if (given != 1) {
            violations.add(new FieldViolation(at, "qiyue.approval.approver-one-of"));
        } else if (!Text.isBlank(approver.role())) {
            if (java.util.Arrays.stream(Role.values()).noneMatch(r -> r.name().equals(approver.role().strip()))) {
                violations.add(new FieldViolation(at + ".role", "qiyue.approval.role-unknown", approver.role().strip(),
                        java.util.Arrays.toString(Role.values())));
            } else if (Role.valueOf(approver.role().strip()) == Role.VIEWER) {
                violations.add(new FieldViolation(at + ".role", "qiyue.approval.role-cannot-decide"));
            }
        } else if (!Text.isBlank(approver.userId())) {
            String id = approver.userId().strip();
            io.qiyue.security.User user;
            try {
                user = users.get(id);
            } catch (NotFoundException e) {
                user = null;
            }
            if (user == null || !user.enabled()) {
                violations.add(new FieldViolation(at + ".userId", "qiyue.validation.unknown-reference", id));
            } else if (!mayDecide(user) && !kept.contains(id)) {
                // the flow would hand the step to an administrator at every run, saying the user does not exist
                violations.add(new FieldViolation(at + ".userId", "qiyue.approval.to-user-cannot-decide",
                        user.displayName()));
            }
        }
    }
}
