package io.qiyue.approval;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractAction;
import io.qiyue.contract.ContractTransitioned;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.Customer;
import io.qiyue.customer.Customers;
import io.qiyue.review.Reviews;
import io.qiyue.security.AccessChanged;
import io.qiyue.security.CurrentUser;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.Role;
import io.qiyue.security.RunAs;
import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.RequestIdempotency;
import io.qiyue.shared.Text;
import io.qiyue.template.ChangedParticular;
import io.qiyue.template.PartiesAsPrinted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs approval flows: starts one when a contract is submitted, records decisions, ends the run with the contract's
 * approval or rejection, and watches time limits. The engine moves tokens; who may decide what, and the history,
 * are this module's rows, so that inbox and history are simple queries and every decision is taken exactly once.
 */
@Service
public class Approvals {
    private static final Map<String, String> INBOX_SORT = Map.of("createdAt", "t.created_at", "dueAt", "t.due_at");
    private static final int MAX_COMMENT = 2000;
    /** The share of a time limit after which the assignee is reminded. */
    private static final double REMIND_AT = 0.8;

    private final ApprovalStore store;
    private final ApprovalEngine engine;
    private final ApprovalFlows flows;
    private final Contracts contracts;
    private final Customers customers;
    private final Reviews reviews;
    private final UserAdministration users;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final TransactionTemplate ownTransaction;
    /** For writes after another transaction's commit, whose connection is still bound then. */
    private final TransactionTemplate newTransaction;
    private final MessageSource messages;
    private final RunAs runAs;
    private final PartiesAsPrinted partiesAsPrinted;

    Approvals(ApprovalStore store, ApprovalEngine engine, ApprovalFlows flows, Contracts contracts, Customers customers,
              Reviews reviews, UserAdministration users, Clock clock, ApplicationEventPublisher events,
              PlatformTransactionManager transactions, MessageSource messages, RunAs runAs,
              PartiesAsPrinted partiesAsPrinted) {
        this.runAs = runAs;
        this.partiesAsPrinted = partiesAsPrinted;
        this.store = store;
        this.engine = engine;
        this.flows = flows;
        this.contracts = contracts;
        this.customers = customers;
        this.reviews = reviews;
        this.users = users;
        this.clock = clock;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ownTransaction.setReadOnly(true);
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.messages = messages;
    }

    // ------------------------------------------------------------------ inbox and history

    /** Open tasks of {@code assignee} ("me" or null: the caller; someone else's: admins only). */
    public PageResult<ApprovalTask> inbox(String assignee, Integer page, Integer size, String sort) {
        var user = CurrentUsers.require();
        String who = Text.isBlank(assignee) || assignee.equals("me") ? user.username() : assignee.strip();
        if (!who.equals(user.username()) && !user.isAdmin()) {
            throw new ForbiddenException("qiyue.approval.inbox-of-others");
        }
        return store.inbox(who, Paging.of(page, size, sort, INBOX_SORT, "createdAt,asc"));
    }

    /** How many tasks wait for the caller (the header's badge). */
    public long waitingForMe() {
        return CurrentUsers.current().map(u -> store.openCount(u.username())).orElse(0L);
    }

    /** A task for its page: only its assignee's (403 for anyone else, as for a decision). */
    public ApprovalHistory.Entry task(String taskId) {
        var user = CurrentUsers.require();
        var row = store.task(taskId)
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "approval-task", taskId));
        if (!row.assignee().equals(user.username())) {
            // outside the caller's read scope: 404, as for any such record, naming the task asked for and not the
            // contract behind it (outside tester)
            if (contracts.findVisible(row.contractId()).isEmpty()) {
                throw new NotFoundException("qiyue.problem.not-found", "approval-task", taskId);
            }
            throw new ForbiddenException("qiyue.approval.not-your-task");
        }
        refuseIfNoLongerEntitled(user, row);
        return entry(row);
    }

    /**
     * Whether the task was decided, or closed with its step or run: a request to act on it (待您审批, a transfer, an
     * escalation …) that has not gone out yet is better not sent. False while it is open, and for a task not known.
     */
    public boolean taskEnded(String taskId) {
        return store.task(taskId).map(t -> !ApprovalStore.OPEN.equals(t.status())).orElse(false);
    }

    /** The contract of a task, as its assignee may read it. */
    public String contractOf(String taskId) {
        return store.task(taskId).map(ApprovalStore.TaskRow::contractId)
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "approval-task", taskId));
    }

    /**
     * Whom the task may be handed to or shared with (转办, 加签): those a decision would accept ({@link #target}).
     * For the task page's list, which offered the read-only and the owner only to have them refused.
     */
    public java.util.function.Predicate<User> handOverTarget(String taskId) {
        var row = store.task(taskId).orElseThrow();
        var run = store.instance(row.instanceId()).orElseThrow();
        return candidate -> handOverRefusal(candidate, row.assignee(), run, row.stepKind()) == null;
    }

    /**
     * The particulars of the parties that the document of the task's contract, as submitted, prints otherwise than
     * their records now say: while any remain, the task cannot be approved ({@code qiyue.approval.parties-changed}).
     * For the task's page, which says so before the approver tries.
     */
    public List<ChangedParticular> partiesChanged(String taskId) {
        var row = store.task(taskId).orElseThrow();
        var contract = contracts.internal(row.contractId());
        return partiesAsPrinted.changed(contract.id(), contract.version());
    }

    /** The earlier steps a task may be returned to (names), for the decision form. */
    public List<String> returnableSteps(String taskId) {
        var row = store.task(taskId).orElseThrow();
        var plan = store.instance(row.instanceId()).orElseThrow().plan();
        var names = new ArrayList<String>();
        for (int i = 0; i < row.stepIndex(); i++) {
            if (plan.get(i).applies()) {
                names.add(plan.get(i).name());
            }
        }
        return names;
    }

    /** Every run of a flow for a contract the caller may read, newest first. */
    public ApprovalHistory history(String contractId) {
        contracts.get(contractId);
        var runs = new ArrayList<ApprovalHistory.Run>();
        for (var run : store.instances(contractId)) {
            var tasks = store.tasks(run.id());
            var steps = new ArrayList<ApprovalHistory.Step>();
            int firstDecided = tasks.stream().mapToInt(ApprovalStore.TaskRow::stepIndex).min().orElse(0);
            for (int i = 0; i < run.plan().size(); i++) {
                var planned = run.plan().get(i);
                int index = i;
                var entries = tasks.stream().filter(t -> t.stepIndex() == index).map(this::entry).toList();
                // a step that applied yet no one decided in an approved run was passed, and the history says why
                // (outside tester: an empty legal review read as never reached): a resubmission went straight back
                // to the step that had rejected it, or the step's approver had approved an earlier one (自动去重)
                String note = planned.note();
                if (note == null && planned.applies() && entries.isEmpty() && run.status() == RunStatus.APPROVED) {
                    note = messages.getMessage(run.resubmitToRejectingStep() && index < firstDecided
                                    ? "approval.step.passedResubmitted" : "approval.step.passedRepeated", null,
                            org.springframework.context.i18n.LocaleContextHolder.getLocale());
                }
                steps.add(new ApprovalHistory.Step(i, planned.name(), planned.kind(), planned.mode(), planned.applies(),
                        note, entries));
            }
            runs.add(new ApprovalHistory.Run(run.id(), run.flowName(), run.status(), run.submitter(), run.startedAt(),
                    run.endedAt(), steps));
        }
        return new ApprovalHistory(contractId, runs);
    }

    private ApprovalHistory.Entry entry(ApprovalStore.TaskRow t) {
        return new ApprovalHistory.Entry(t.id(), t.assignee(), t.origin(), t.status(), t.decision(), t.position(),
                t.target(), t.comment(), t.note(), t.createdAt(), t.dueAt(), t.decidedAt(),
                t.decidedAt() == null ? null : Duration.between(t.createdAt(), t.decidedAt()).toSeconds(), t.round());
    }

    // ------------------------------------------------------------------ start and end of a run

    /** A contract was submitted: start its run in the submission's transaction (approved at once when no step applies). */
    void start(ContractTransitioned submitted) {
        var contract = contracts.internal(submitted.contractId());
        var previous = store.latest(contract.id());
        if (previous.isPresent() && previous.get().status() == RunStatus.REJECTED
                && previous.get().resubmitToRejectingStep() && previous.get().rejectedStep() != null
                && previous.get().definitionId() != null) {
            // straight back to the step that rejected it, with the definition and approvers of that run
            var p = previous.get();
            begin(contract, submitted.actor(), p.flowId(), p.flowName(), p.definitionId(), true,
                    p.skipRepeatedApprover(), p.plan(), p.rejectedStep());
            return;
        }
        // the first enabled flow (by priority) with a step that applies to this contract; none: approved at once
        var facts = facts(contract);
        for (var candidate : store.enabledFlows()) {
            if (candidate.flow().steps().stream().noneMatch(step -> applies(step.condition(), facts))) {
                continue;
            }
            var flow = flows.deployed(candidate);
            begin(contract, submitted.actor(), flow.flow().id(), flow.flow().name(), flow.definitionId(),
                    flow.flow().resubmitToRejectingStep(), flow.flow().skipRepeatedApprover(),
                    plan(flow.flow().steps(), contract, facts, submitted.actor()), 0);
            return;
        }
        var now = clock.instant();
        store.insertInstance(new ApprovalStore.InstanceRow(Ids.newId(), contract.id(), contract.number(),
                contract.title(), contract.owner(), submitted.actor(), null,
                text("approval.noStepApplied"), null, null, false, false, List.of(), RunStatus.APPROVED, 1, null, now,
                now, 1));
        approveContract(contract.id(), contract.number(), contract.title(), contract.owner(), submitted.actor(),
                "system", text("approval.noStepApplied"));
    }

    private void begin(Contract contract, String submitter, String flowId, String flowName, String definitionId,
                       boolean resubmit, boolean skipRepeated, List<PlannedStep> plan, int from) {
        var now = clock.instant();
        String processInstanceId = startProcess(definitionId, contract.id(), plan, from);
        var run = new ApprovalStore.InstanceRow(Ids.newId(), contract.id(), contract.number(), contract.title(),
                contract.owner(), submitter, flowId, flowName, definitionId, processInstanceId, resubmit, skipRepeated,
                plan, RunStatus.RUNNING, 1, null, now, null, 1);
        store.insertInstance(run);
        sync(run, submitter, null);
    }

    private String startProcess(String definitionId, String contractId, List<PlannedStep> plan, int from) {
        var approvers = new ArrayList<List<String>>();
        for (int i = 0; i < plan.size(); i++) {
            approvers.add(i < from || !plan.get(i).applies() ? List.of() : plan.get(i).approvers());
        }
        return engine.start(definitionId, contractId, ApprovalEngine.variables(approvers));
    }

    /**
     * Brings the task rows in line with the engine after it moved: a row for each new engine task (REQUESTED),
     * open rows of tasks the engine ended without their decision closed (the rest of an any-of step), and the
     * contract approved when the process has ended.
     */
    private void sync(ApprovalStore.InstanceRow run, String actor, String comment) {
        sync(run, actor, comment, null);
    }

    /** {@link #sync}, telling the new tasks' approvers {@code toNewTasks} (why a return sent the contract back). */
    private void sync(ApprovalStore.InstanceRow run, String actor, String comment, String toNewTasks) {
        var now = clock.instant();
        var engineTasks = engine.tasks(run.processInstanceId());
        var open = store.openTasks(run.id());
        var present = engineTasks.stream().map(ApprovalEngine.EngineTask::id).collect(Collectors.toSet());
        store.closeOpen(open.stream().filter(t -> !present.contains(t.taskRef())).map(ApprovalStore.TaskRow::id).toList(),
                now);
        var covered = open.stream().map(ApprovalStore.TaskRow::taskRef).collect(Collectors.toSet());
        for (var task : engineTasks) {
            if (covered.contains(task.id())) {
                continue;
            }
            int index = task.stepIndex();
            var step = run.plan().get(index);
            var row = newTask(run, task.id(), index, step.name(), step.kind(), task.assignee(),
                    step.note() == null ? "FLOW" : "FALLBACK", step.note(), null, now, step.timeLimitHours());
            store.insertTask(row);
            publish(ApprovalEvent.Kind.REQUESTED, run, row.id(), step.name(), List.of(row.assignee()), actor,
                    toNewTasks);
        }
        if (!engine.running(run.processInstanceId())) {
            store.end(run.id(), RunStatus.APPROVED, null, now);
            approveContract(run.contractId(), run.contractNumber(), run.contractTitle(), run.owner(), run.submitter(),
                    actor, comment);
        }
    }

    private void approveContract(String contractId, String number, String title, String owner, String submitter,
                                 String actor, String comment) {
        events.publishEvent(new ApprovalEvent(ApprovalEvent.Kind.APPROVED, contractId, number, title, null, null,
                recipients(owner, submitter), actor, comment, clock.instant()));
        contracts.advance(contractId, ContractAction.APPROVE, comment, actor);
    }

    private ApprovalStore.TaskRow newTask(ApprovalStore.InstanceRow run, String taskRef, int index, String stepName,
                                          StepKind kind, String assignee, String origin, String note, String returnTo,
                                          Instant now, Integer limitHours) {
        Instant due = limitHours == null ? null : now.plus(Duration.ofHours(limitHours));
        Instant remind = due == null ? null : now.plusSeconds((long) (limitHours * 3600L * REMIND_AT));
        return new ApprovalStore.TaskRow(Ids.newId(), run.id(), run.contractId(), taskRef, run.round(), index,
                stepName, kind, assignee, origin, note, returnTo, ApprovalStore.OPEN, null, null, null, null, now, due,
                remind, null, false, false, 1);
    }

    /** A row for another person on the same engine task, keeping the task's time limit. */
    private ApprovalStore.TaskRow handOver(ApprovalStore.InstanceRow run, ApprovalStore.TaskRow from, String assignee,
                                           String origin, String returnTo, Instant now) {
        return new ApprovalStore.TaskRow(Ids.newId(), run.id(), run.contractId(), from.taskRef(), run.round(),
                from.stepIndex(), from.stepName(), from.stepKind(), assignee, origin, null, returnTo,
                ApprovalStore.OPEN, null, null, null, null, now, from.dueAt(), from.remindAt(), null, from.reminded(),
                false, 1);
    }

    /** Another module moved a contract out of approval (a withdrawal, or a move made directly): the run ends. */
    void ended(ContractTransitioned moved) {
        store.running(moved.contractId()).ifPresent(run -> {
            var now = clock.instant();
            var open = store.openTasks(run.id());
            store.closeOpen(open.stream().map(ApprovalStore.TaskRow::id).toList(), now);
            deleteProcess(run.processInstanceId(), moved.action().name());
            boolean withdrawn = moved.action() == ContractAction.WITHDRAW;
            store.end(run.id(), withdrawn ? RunStatus.WITHDRAWN : RunStatus.CLOSED, null, now);
            var waiting = open.stream().map(ApprovalStore.TaskRow::assignee).distinct().toList();
            if (withdrawn && !waiting.isEmpty()) {
                // those whose request it ended need not act on it any more (outside tester: they were not told)
                publish(ApprovalEvent.Kind.WITHDRAWN, run, null, null, waiting, moved.actor(), moved.reason(), now);
            }
        });
    }

    /** Only the submitter may withdraw, and only while no approver has decided in the running flow. */
    void checkWithdrawal(Contract contract) {
        var run = store.running(contract.id());
        if (run.isEmpty()) {
            return;
        }
        var caller = CurrentUsers.current();
        if (caller.isPresent() && !caller.get().username().equals(run.get().submitter())) {
            throw new ForbiddenException("qiyue.approval.withdraw-by-submitter-only", run.get().submitter());
        }
        // the run's row lock, taken as a decision takes it first: a decision at the same moment either commits
        // before (and is seen below) or waits and then finds the run withdrawn; without it both went through, and
        // the two took their rows in opposite orders (a deadlock answered 500)
        if (!store.lock(run.get().id())) {
            throw new ConflictException("qiyue.approval.not-running");
        }
        if (store.anyDecision(run.get().id())) {
            throw new ConflictException("qiyue.approval.withdraw-after-decision");
        }
    }

    boolean involved(String username, String contractId) {
        return store.involved(username, contractId);
    }

    private void deleteProcess(String processInstanceId, String reason) {
        engine.delete(processInstanceId, reason);
    }

    // ------------------------------------------------------------------ planning

    /**
     * Each step with its approvers. Neither the submitter nor the owner ever approves their own contract: they are
     * left out of every step; a step left without approvers goes to the owner's manager's manager, else to admins
     * (other than those two), with the reason recorded.
     */
    private List<PlannedStep> plan(List<FlowStep> steps, Contract contract, Facts facts, String submitter) {
        Set<String> excluded = new HashSet<>(List.of(contract.owner(), submitter));
        var plan = new ArrayList<PlannedStep>();
        for (var step : steps) {
            boolean applies = applies(step.condition(), facts);
            List<String> approvers = List.of();
            String note = null;
            if (applies) {
                var reasons = new ArrayList<String>();
                approvers = resolve(step.approvers(), contract.owner(), excluded, reasons);
                if (approvers.isEmpty()) {
                    var above = managerOf(contract.owner()).flatMap(this::managerOf).filter(m -> !excluded.contains(m));
                    if (above.isPresent()) {
                        approvers = List.of(above.get());
                        note = text("approval.fallbackManager", String.join("；", reasons), above.get());
                    } else {
                        approvers = admins(null).stream().filter(a -> !excluded.contains(a)).toList();
                        if (approvers.isEmpty()) {
                            approvers = admins(null); // the only admin submitted it: someone must decide
                        }
                        note = text("approval.fallback", String.join("；", reasons));
                    }
                }
            }
            plan.add(new PlannedStep(step.name(), step.kind(), step.mode(), step.timeLimitHours(), applies, approvers,
                    note));
        }
        return plan;
    }

    record Facts(io.qiyue.contract.ContractType type, java.math.BigDecimal amount, boolean warningsAccepted,
                 boolean personalInformation, String customerLevel) {
    }

    private Facts facts(Contract contract) {
        boolean accepted;
        try {
            // in a transaction of its own: a contract never reviewed is a NotFoundException, which must not mark
            // the submission's transaction rollback-only on its way out of the review service
            java.util.function.Supplier<Boolean> read = () -> ownTransaction.execute(status -> reviews.last(
                    contract.id(), Locale.SIMPLIFIED_CHINESE).findings().stream().anyMatch(f -> f.accepted() != null));
            // a submission made by a module outside a request reads the review as the owner would
            accepted = CurrentUsers.current().isPresent() ? read.get() : runAs.user(contract.owner(), read);
        } catch (NotFoundException | ForbiddenException notReviewed) {
            accepted = false;
        }
        var shared = contract.terms() == null ? null : contract.terms().sharedInformation();
        boolean personal = shared != null && (Boolean.TRUE.equals(shared.containsPersonalInformation())
                || Boolean.TRUE.equals(shared.containsSensitivePersonalInformation()));
        String level = contract.customerId() == null ? null : customers.inFull(contract.customerId())
                .map(Customer::level).map(Enum::name).orElse(null);
        return new Facts(contract.type(), contract.amount() == null ? null : contract.amount().value(), accepted,
                personal, level);
    }

    static boolean applies(StepCondition condition, Facts facts) {
        if (condition == null) {
            return true;
        }
        var tests = new ArrayList<Boolean>();
        if (condition.types() != null && !condition.types().isEmpty()) {
            tests.add(condition.types().contains(facts.type()));
        }
        if (condition.amountAtLeast() != null) {
            tests.add(facts.amount() != null && facts.amount().compareTo(condition.amountAtLeast()) >= 0);
        }
        if (condition.amountBelow() != null) {
            tests.add(facts.amount() == null || facts.amount().compareTo(condition.amountBelow()) < 0);
        }
        if (condition.warningsAccepted() != null) {
            tests.add(condition.warningsAccepted() == facts.warningsAccepted());
        }
        if (condition.personalInformation() != null) {
            tests.add(condition.personalInformation() == facts.personalInformation());
        }
        if (condition.customerLevels() != null && !condition.customerLevels().isEmpty()) {
            tests.add(facts.customerLevel() != null && condition.customerLevels().contains(facts.customerLevel()));
        }
        if (tests.isEmpty()) {
            return true;
        }
        return condition.match() == StepCondition.Match.ANY ? tests.contains(true) : !tests.contains(false);
    }

    /** Usernames of the enabled users the approvers name, in order and each once; why some could not be found. */
    private List<String> resolve(List<Approver> approvers, String owner, Set<String> excluded, List<String> reasons) {
        var found = new LinkedHashSet<String>();
        var left = new LinkedHashSet<String>();
        for (var approver : approvers) {
            var named = new ArrayList<String>();
            if (Boolean.TRUE.equals(approver.ownerManager())) {
                managerOf(owner).ifPresentOrElse(named::add, () -> reasons.add(text("approval.noManager", owner)));
            } else if (approver.role() != null) {
                var inRole = users.enabledUsernames(Role.valueOf(approver.role()));
                if (inRole.isEmpty()) {
                    reasons.add(text("approval.noRoleUser", text("enum.Role." + approver.role())));
                }
                named.addAll(inRole);
            } else if (approver.userId() != null) {
                var user = enabledUser(approver.userId());
                user.filter(ApprovalFlows::mayDecide).map(User::username).ifPresentOrElse(named::add,
                        () -> reasons.add(user.isPresent()
                                ? text("approval.userCannotDecide", user.get().displayName())
                                : text("approval.noUser", approver.userId())));
            }
            for (String username : named) {
                (excluded.contains(username) ? left : found).add(username);
            }
        }
        left.removeAll(found);
        if (!left.isEmpty()) {
            reasons.add(text("approval.ownApproverExcluded", String.join("、", left)));
        }
        return List.copyOf(found);
    }

    private Optional<String> managerOf(String username) {
        return users.findByUsername(username).map(User::teamId).filter(Objects::nonNull)
                .flatMap(teamId -> {
                    try {
                        return Optional.ofNullable(users.team(teamId).managerId());
                    } catch (NotFoundException e) {
                        return Optional.empty();
                    }
                })
                // a manager left with the read-only role is routed around like a missing one: their task would wait
                // for an escalation nobody can decide
                .flatMap(this::enabledUser).filter(ApprovalFlows::mayDecide).map(User::username)
                .filter(m -> !m.equals(username));
    }

    /** Whether these roles may pass the legal gate (a 法务审核 step): legal or an admin. */
    private static boolean mayReviewAsLegal(java.util.Set<Role> roles) {
        return roles.contains(Role.LEGAL) || roles.contains(Role.ADMIN);
    }

    /**
     * The assignee's roles as they are now, not as they were when the task became theirs: demoted to read-only they
     * decide nothing, and moved out of legal they no longer pass the legal gate (the task went on to their manager
     * or the admins when the role changed: see on(AccessChanged)).
     */
    private static void refuseIfNoLongerEntitled(CurrentUser user, ApprovalStore.TaskRow row) {
        if (user.readOnly()) {
            throw new ForbiddenException("qiyue.approval.cannot-decide-any-more");
        }
        if (row.stepKind() == StepKind.LEGAL_REVIEW && !mayReviewAsLegal(user.roles())) {
            throw new ForbiddenException("qiyue.approval.not-legal-any-more");
        }
    }

    /** The user with this id, enabled or not; null when there is none. */
    private User anyUser(String id) {
        try {
            return users.get(id);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private Optional<User> enabledUser(String id) {
        return Optional.ofNullable(anyUser(id)).filter(User::enabled);
    }

    private List<String> admins(String except) {
        return users.enabledUsernames(Role.ADMIN).stream().filter(a -> !a.equals(except)).toList();
    }

    // ------------------------------------------------------------------ decisions

    /**
     * One decision on one task, by its assignee. 403 for someone else's task; 409 when it was decided already, or
     * the flow has ended (withdrawn, rejected). Two decisions at once on one flow take turns on the run's row lock,
     * so the second finds the task decided and gets the 409.
     */
    public ApprovalHistory.Entry decide(String taskId, Decision decision) {
        var user = CurrentUsers.require();
        validate(taskId, decision, user);
        var row = store.task(taskId)
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "approval-task", taskId));
        if (!row.assignee().equals(user.username())) {
            // outside the caller's read scope: 404, as for any such record, naming the task asked for and not the
            // contract behind it (outside tester)
            if (contracts.findVisible(row.contractId()).isEmpty()) {
                throw new NotFoundException("qiyue.problem.not-found", "approval-task", taskId);
            }
            throw new ForbiddenException("qiyue.approval.not-your-task");
        }
        refuseIfNoLongerEntitled(user, row);
        if (decidedAsRetried(row, decision)) {
            // a keyed retry whose answer was lost after its commit (the instance died before the key kept it)
            return entry(row);
        }
        String target = target(decision, user, store.instance(row.instanceId()).orElseThrow(), row.stepKind());
        return tx.execute(status -> {
            if (!store.lock(row.instanceId())) {
                throw new ConflictException("qiyue.approval.not-running");
            }
            var run = store.instance(row.instanceId()).orElseThrow();
            var current = store.task(taskId).orElseThrow();
            if (!ApprovalStore.OPEN.equals(current.status())) {
                throw new ConflictException("qiyue.approval.already-decided");
            }
            String comment = Text.isBlank(decision.comment()) ? null : decision.comment().strip();
            if (decision.decision() == Decision.Kind.APPROVE) {
                // the document under approval must still name the parties as their records do (outside tester: a
                // customer renamed during approval was approved under its old name, and refused only at signing);
                // rejecting, returning and handing over stay open, so that the contract can go back and be submitted
                // again, which makes the document anew from the records
                var contract = contracts.internal(run.contractId());
                partiesAsPrinted.require(contract, contract.version(), "qiyue.approval.parties-changed");
            }
            switch (decision.decision()) {
                case APPROVE -> approve(run, current, user, comment);
                case REJECT -> reject(run, current, user, comment);
                case RETURN -> returnTo(run, current, user, comment, decision.toStep().strip());
                case TRANSFER -> handOver(run, current, user, comment, decision.decision(), null, target);
                case ADD_APPROVER -> handOver(run, current, user, comment, decision.decision(), decision.position(),
                        target);
            }
            events.publishEvent(new EntityChanged("APPROVAL_TASK", taskId, EntityChanged.Action.UPDATE,
                    user.username(), clock.instant(), changes(decision, comment, target)));
            return entry(store.task(taskId).orElseThrow());
        });
    }

    /**
     * Whether this is the retry, under an Idempotency-Key, of the decision the task already carries: the same
     * decision by its assignee with the same comment. Without a key a second decision is refused as before.
     */
    private static boolean decidedAsRetried(ApprovalStore.TaskRow task, Decision decision) {
        String comment = Text.isBlank(decision.comment()) ? null : decision.comment().strip();
        return RequestIdempotency.idFor("approval-decision").isPresent() && !ApprovalStore.OPEN.equals(task.status())
                && task.decision() == decision.decision() && java.util.Objects.equals(task.comment(), comment);
    }

    private static List<EntityChanged.Change> changes(Decision decision, String comment, String target) {
        var changes = new ArrayList<EntityChanged.Change>();
        changes.add(new EntityChanged.Change("decision", null, decision.decision().name()));
        if (decision.position() != null && decision.decision() == Decision.Kind.ADD_APPROVER) {
            changes.add(new EntityChanged.Change("position", null, decision.position().name()));
        }
        if (comment != null) {
            changes.add(new EntityChanged.Change("comment", null, comment));
        }
        if (target != null) {
            changes.add(new EntityChanged.Change("target", null, target));
        }
        return changes;
    }

    private void validate(String taskId, Decision decision, CurrentUser user) {
        var violations = new ArrayList<FieldViolation>();
        if (decision == null || decision.decision() == null) {
            throw new InvalidInputException("decision", "qiyue.validation.required");
        }
        var kind = decision.decision();
        boolean commentRequired = kind == Decision.Kind.REJECT || kind == Decision.Kind.RETURN
                || kind == Decision.Kind.TRANSFER;
        if (commentRequired && Text.isBlank(decision.comment())) {
            violations.add(new FieldViolation("comment", "qiyue.approval.comment-required"));
        } else if (decision.comment() != null && decision.comment().strip().length() > MAX_COMMENT) {
            violations.add(new FieldViolation("comment", "qiyue.validation.size", 0, MAX_COMMENT));
        }
        if (kind == Decision.Kind.RETURN && Text.isBlank(decision.toStep())) {
            violations.add(new FieldViolation("toStep", "qiyue.approval.to-step-required"));
        }
        if ((kind == Decision.Kind.TRANSFER || kind == Decision.Kind.ADD_APPROVER) && Text.isBlank(decision.toUserId())) {
            violations.add(new FieldViolation("toUserId", "qiyue.approval.to-user-required"));
        }
        if (kind == Decision.Kind.ADD_APPROVER && decision.position() == null) {
            violations.add(new FieldViolation("position", "qiyue.approval.position-required"));
        }
        if (!violations.isEmpty() && kind == Decision.Kind.RETURN && !Text.isBlank(decision.toStep())) {
            // every problem at once (outside tester: a step that is none came only after the comment was given);
            // the steps are named only to the task's own approver
            store.task(taskId).filter(t -> t.assignee().equals(user.username())).ifPresent(t -> {
                var earlier = returnableSteps(t.id());
                if (!earlier.contains(decision.toStep().strip())) {
                    violations.add(unknownStep(earlier, decision.toStep().strip()));
                }
            });
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /**
     * The username a task goes to (TRANSFER, ADD_APPROVER): an enabled user other than the caller who may decide
     * (any role but the read-only VIEWER), and never the contract's submitter or owner.
     */
    private String target(Decision decision, CurrentUser user, ApprovalStore.InstanceRow run, StepKind step) {
        if (decision.decision() != Decision.Kind.TRANSFER && decision.decision() != Decision.Kind.ADD_APPROVER) {
            return null;
        }
        var target = enabledUser(decision.toUserId().strip())
                .orElseThrow(() -> new InvalidInputException("toUserId", "qiyue.validation.unknown-reference",
                        decision.toUserId().strip()));
        String refusal = handOverRefusal(target, user.username(), run, step);
        if (refusal != null) {
            throw new InvalidInputException("toUserId", refusal, target.username());
        }
        return target.username();
    }

    /**
     * Why a task may not go to {@code target} from {@code from} (its message code), or null when it may: not to
     * oneself, never to the contract's submitter or owner, only to someone enabled who may decide, and a legal
     * review (法务审核) only to legal or an administrator.
     */
    private static String handOverRefusal(User target, String from, ApprovalStore.InstanceRow run, StepKind step) {
        if (target.username().equals(from)) {
            return "qiyue.approval.to-user-self";
        }
        if (target.username().equals(run.submitter()) || target.username().equals(run.owner())) {
            return "qiyue.approval.to-user-own-contract";
        }
        if (!ApprovalFlows.mayDecide(target)) {
            return "qiyue.approval.to-user-cannot-decide";
        }
        return step != StepKind.LEGAL_REVIEW || mayReviewAsLegal(target.roles())
                ? null : "qiyue.approval.to-user-not-legal";
    }

    private void approve(ApprovalStore.InstanceRow run, ApprovalStore.TaskRow task, CurrentUser user, String comment) {
        var now = clock.instant();
        store.decide(task.id(), Decision.Kind.APPROVE, null, null, comment, now);
        closeOthersOn(task, now);
        if (task.returnTo() != null) {
            // an approver added before someone has decided: the task goes back to the one who added them
            engine.assign(task.taskRef(), task.returnTo());
            var back = handOver(run, task, task.returnTo(), "BACK", null, now);
            store.insertTask(back);
            publish(ApprovalEvent.Kind.REQUESTED, run, back.id(), task.stepName(), List.of(back.assignee()),
                    user.username(), comment);
            return;
        }
        if (run.skipRepeatedApprover()) {
            skipRepeated(run, task, user.username());
        }
        engine.complete(task.taskRef());
        sync(run, user.username(), comment);
    }

    /** 自动去重: later steps drop approvers who approved already; an any-of step with one of them is passed. */
    private void skipRepeated(ApprovalStore.InstanceRow run, ApprovalStore.TaskRow task, String approver) {
        Set<String> approved = new HashSet<>(store.approvedIn(run.id(), run.round()));
        approved.add(approver);
        for (int j = task.stepIndex() + 1; j < run.plan().size(); j++) {
            var step = run.plan().get(j);
            if (!step.applies()) {
                continue;
            }
            var current = engine.approvers(run.processInstanceId(), j);
            if (current == null || current.isEmpty()) {
                continue;
            }
            List<String> remaining = step.mode() == StepMode.ANY
                    ? (current.stream().anyMatch(approved::contains) ? List.of() : current)
                    : current.stream().filter(a -> !approved.contains(a)).toList();
            if (remaining.size() != current.size()) {
                engine.approvers(run.processInstanceId(), j, remaining);
            }
        }
    }

    private void reject(ApprovalStore.InstanceRow run, ApprovalStore.TaskRow task, CurrentUser user, String comment) {
        var now = clock.instant();
        store.decide(task.id(), Decision.Kind.REJECT, null, null, comment, now);
        store.closeOpen(store.openTasks(run.id()).stream().map(ApprovalStore.TaskRow::id).toList(), now);
        deleteProcess(run.processInstanceId(), "REJECT");
        store.end(run.id(), RunStatus.REJECTED, task.stepIndex(), now);
        publish(ApprovalEvent.Kind.REJECTED, run, task.id(), task.stepName(), recipients(run.owner(), run.submitter()),
                user.username(), comment);
        contracts.advance(run.contractId(), ContractAction.REJECT, comment, user.username());
    }

    /** 驳回到指定节点: the run starts again at an earlier step (same definition), which decides anew. */
    private void returnTo(ApprovalStore.InstanceRow run, ApprovalStore.TaskRow task, CurrentUser user, String comment,
                          String toStep) {
        int index = -1;
        for (int i = 0; i < task.stepIndex(); i++) {
            if (run.plan().get(i).applies() && run.plan().get(i).name().equals(toStep)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new InvalidInputException(List.of(unknownStep(returnableSteps(task.id()), toStep)));
        }
        var now = clock.instant();
        store.decide(task.id(), Decision.Kind.RETURN, null, toStep, comment, now);
        store.closeOpen(store.openTasks(run.id()).stream().map(ApprovalStore.TaskRow::id).toList(), now);
        deleteProcess(run.processInstanceId(), "RETURN");
        String restarted = startProcess(run.definitionId(), run.contractId(), run.plan(), index);
        store.restarted(run.id(), restarted, run.round() + 1);
        // the owner and the submitter read which step the contract went back to (outside tester: it did not say)
        events.publishEvent(new ApprovalEvent(ApprovalEvent.Kind.RETURNED, run.contractId(), run.contractNumber(),
                run.contractTitle(), task.id(), task.stepName(), recipients(run.owner(), run.submitter()),
                user.username(), comment, now, toStep));
        // the approver the contract went back to reads why (outside tester: the request said nothing of it)
        sync(store.instance(run.id()).orElseThrow(), user.username(), comment, comment);
    }

    /** Why a return cannot go to {@code toStep}: there is no earlier step, or it is none of {@code earlier}. */
    private static FieldViolation unknownStep(List<String> earlier, String toStep) {
        return earlier.isEmpty() ? new FieldViolation("toStep", "qiyue.approval.to-step-first")
                : new FieldViolation("toStep", "qiyue.approval.to-step-unknown", toStep, String.join("、", earlier));
    }

    /** 转办 and 加签: the engine task passes to another person, who gets a row of their own. */
    private void handOver(ApprovalStore.InstanceRow run, ApprovalStore.TaskRow task, CurrentUser user, String comment,
                          Decision.Kind kind, Decision.Position position, String target) {
        if (store.openTasks(run.id()).stream().anyMatch(t -> t.taskRef().equals(task.taskRef())
                && t.assignee().equals(target))) {
            throw new InvalidInputException("toUserId", "qiyue.approval.to-user-already", target);
        }
        // one person, one voice in a step: someone who holds another of its tasks, or approved one this round,
        // would otherwise decide twice, and a 会签 (all of) step of two people would be passed by one (outside tester)
        if (store.tasks(run.id()).stream().anyMatch(t -> t.round() == task.round() && t.stepIndex() == task.stepIndex()
                && !t.taskRef().equals(task.taskRef()) && t.assignee().equals(target)
                && (ApprovalStore.OPEN.equals(t.status()) || t.decision() == Decision.Kind.APPROVE))) {
            throw new InvalidInputException("toUserId", "qiyue.approval.to-user-in-step", target);
        }
        var now = clock.instant();
        store.decide(task.id(), kind, position, target, comment, now);
        closeOthersOn(task, now);
        engine.assign(task.taskRef(), target);
        // BEFORE: the added approver decides first, then the task comes back; TRANSFER and AFTER: it stays with them
        String returnTo = position == Decision.Position.BEFORE ? user.username() : task.returnTo();
        var row = handOver(run, task, target, kind == Decision.Kind.TRANSFER ? "TRANSFER" : "ADDED", returnTo, now);
        store.insertTask(row);
        publish(kind == Decision.Kind.TRANSFER ? ApprovalEvent.Kind.DELEGATED : ApprovalEvent.Kind.APPROVER_ADDED, run,
                row.id(), task.stepName(), List.of(target), user.username(), comment);
    }

    /** Other open rows on the same engine task (an escalation's): the decision was taken, they close. */
    private void closeOthersOn(ApprovalStore.TaskRow task, Instant now) {
        store.closeOpen(store.openTasks(task.instanceId()).stream()
                .filter(t -> t.taskRef().equals(task.taskRef()) && !t.id().equals(task.id()))
                .map(ApprovalStore.TaskRow::id).toList(), now);
    }

    // ------------------------------------------------------------------ time limits

    /** What one scan did. */
    public record ScanResult(int reminded, int escalated) {
    }

    /**
     * Reminds assignees whose time limit is 80% used, and escalates tasks past it: OVERDUE to the assignee, and the
     * assignee's team manager (admins when there is none) added as a further approver of the same task, once.
     * Never builds the engine: it works on this module's rows only.
     */
    public ScanResult scan(Instant now) {
        int reminded = 0;
        int escalated = 0;
        for (var task : store.dueForAttention(now, 500)) {
            var result = tx.execute(status -> {
                var current = store.task(task.id()).orElseThrow();
                if (!ApprovalStore.OPEN.equals(current.status()) || !store.lock(current.instanceId())) {
                    return 0;
                }
                var run = store.instance(current.instanceId()).orElseThrow();
                if (!current.escalated() && current.dueAt() != null && !now.isBefore(current.dueAt())) {
                    return escalate(run, current, now, true) ? 2 : 0;
                }
                if (!current.reminded() && current.remindAt() != null && !now.isBefore(current.remindAt())) {
                    store.markReminded(current.id());
                    publish(ApprovalEvent.Kind.REMINDER, run, current.id(), current.stepName(),
                            List.of(current.assignee()), "system", null, now);
                    return 1;
                }
                return 0;
            });
            if (result != null && result == 1) {
                reminded++;
            } else if (result != null && result == 2) {
                escalated++;
            }
        }
        return new ScanResult(reminded, escalated);
    }

    /**
     * A user who can no longer decide (disabled, or left with the read-only VIEWER role, or a legal review's
     * assignee no longer legal) leaves open tasks nobody would decide: each is handed on at once, as an overdue one
     * is escalated, to the user's team manager or else to the admins, unless someone else who may decide it holds it
     * already (an escalation's manager, the assignee of an overdue task escalated to this user); the user's own row
     * closes, so that it leaves their inbox. Their decision is refused from the next request ({@link #decide}).
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(AccessChanged changed) {
        if (changed.kind() != AccessChanged.Kind.USER) {
            return;
        }
        var user = anyUser(changed.id());
        if (user == null) {
            return;
        }
        Instant now = clock.instant();
        for (var task : store.openOf(user.username())) {
            if (mayDecide(user, task.stepKind())) {
                continue;
            }
            newTransaction.executeWithoutResult(status -> {
                if (!store.lock(task.instanceId())) {
                    return;
                }
                var current = store.task(task.id()).orElseThrow();
                if (!ApprovalStore.OPEN.equals(current.status())) {
                    return;
                }
                var run = store.instance(current.instanceId()).orElseThrow();
                boolean heldElsewhere = store.openTasks(run.id()).stream()
                        .filter(t -> t.taskRef().equals(current.taskRef()) && !t.id().equals(current.id()))
                        .anyMatch(t -> users.findByUsername(t.assignee()).filter(User::enabled)
                                .filter(other -> mayDecide(other, current.stepKind())).isPresent());
                if (!heldElsewhere) {
                    store.markEscalated(current.id());
                    handOn(run, current, now, false);
                }
                store.closeOpen(List.of(current.id()), now);
            });
        }
    }

    /** Whether this user may decide a task of this kind: enabled, not read-only, legal or an admin for legal review. */
    private static boolean mayDecide(User user, StepKind kind) {
        return ApprovalFlows.mayDecide(user) && (kind != StepKind.LEGAL_REVIEW || mayReviewAsLegal(user.roles()));
    }

    /** {@code overdue}: past its time limit; else its assignee can no longer decide. */
    private boolean escalate(ApprovalStore.InstanceRow run, ApprovalStore.TaskRow task, Instant now, boolean overdue) {
        if (!store.markEscalated(task.id())) {
            return false;
        }
        if (overdue) {
            publish(ApprovalEvent.Kind.OVERDUE, run, task.id(), task.stepName(), List.of(task.assignee()), "system",
                    null, now);
        }
        handOn(run, task, now, overdue);
        return true;
    }

    /** The task given, beside its assignee, to their manager or else the admins, each told of their own row. */
    private void handOn(ApprovalStore.InstanceRow run, ApprovalStore.TaskRow task, Instant now, boolean overdue) {
        // a legal review goes to whoever may pass the legal gate: the manager only if legal or an admin
        var manager = managerOf(task.assignee()).filter(m -> task.stepKind() != StepKind.LEGAL_REVIEW
                || users.findByUsername(m).filter(u -> mayReviewAsLegal(u.roles())).isPresent());
        var to = manager.map(List::of).orElseGet(() -> admins(task.assignee()));
        String why = overdue ? "approval.escalated" : "approval.handedOver";
        String note = manager.isPresent() ? text(why + "ToManager", task.assignee())
                : text(why + "ToAdmins", task.assignee());
        var open = store.openTasks(run.id());
        for (String person : to) {
            if (open.stream().anyMatch(t -> t.taskRef().equals(task.taskRef()) && t.assignee().equals(person))) {
                continue;
            }
            var row = new ApprovalStore.TaskRow(Ids.newId(), run.id(), run.contractId(), task.taskRef(), run.round(),
                    task.stepIndex(), task.stepName(), task.stepKind(), person, "ESCALATED", note, task.returnTo(),
                    ApprovalStore.OPEN, null, null, null, null, now, null, null, null, true, true, 1);
            store.insertTask(row);
            // each told of the task that is theirs (the link led to the original assignee's: "not your task")
            publish(ApprovalEvent.Kind.ESCALATED, run, row.id(), task.stepName(), List.of(person), "system", note, now);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void publish(ApprovalEvent.Kind kind, ApprovalStore.InstanceRow run, String taskId, String stepName,
                         List<String> recipients, String actor, String comment) {
        publish(kind, run, taskId, stepName, recipients, actor, comment, clock.instant());
    }

    private void publish(ApprovalEvent.Kind kind, ApprovalStore.InstanceRow run, String taskId, String stepName,
                         List<String> recipients, String actor, String comment, Instant at) {
        events.publishEvent(new ApprovalEvent(kind, run.contractId(), run.contractNumber(), run.contractTitle(), taskId,
                stepName, recipients, actor, comment, at));
    }

    private static List<String> recipients(String owner, String submitter) {
        return owner.equals(submitter) ? List.of(owner) : List.of(owner, submitter);
    }

    /** Text stored with a run (a fallback's reason), in the installation's language. */
    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, Locale.SIMPLIFIED_CHINESE);
    }

    /** The engine, for the lazy-start check in tests. */
    boolean engineBuilt() {
        return engine.built();
    }
}
