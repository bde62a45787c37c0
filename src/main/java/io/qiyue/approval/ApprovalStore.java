package io.qiyue.approval;

import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The module's own tables: flows, runs and tasks. */
@Component
class ApprovalStore {
    private static final TypeReference<List<FlowStep>> STEPS = new TypeReference<>() {
    };
    private static final TypeReference<List<PlannedStep>> PLAN = new TypeReference<>() {
    };
    private static final String FLOW_COLUMNS = "id, name, enabled, priority, resubmit_to_rejecting_step,"
            + " skip_repeated_approver, steps, definition_id, definition_version, version, created_at, updated_at";
    private static final String INSTANCE_COLUMNS = "id, contract_id, contract_number, contract_title, owner, submitter,"
            + " flow_id, flow_name, definition_id, process_instance_id, resubmit_to_rejecting_step,"
            + " skip_repeated_approver, plan, status, round, rejected_step, started_at, ended_at, version";
    private static final String TASK_COLUMNS = "id, instance_id, contract_id, task_ref, round, step_index, step_name,"
            + " step_kind, assignee, origin, note, return_to, status, decision, position, target, comment, created_at,"
            + " due_at, remind_at, decided_at, reminded, escalated, version";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final RowMapper<FlowRow> flowMapper;
    private final RowMapper<InstanceRow> instanceMapper;
    private final RowMapper<TaskRow> taskMapper;

    ApprovalStore(JdbcClient jdbc, JsonMapper json, org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.flowMapper = (rs, n) -> new FlowRow(new ApprovalFlow(rs.getString("id"), rs.getString("name"),
                rs.getBoolean("enabled"), rs.getInt("priority"), rs.getBoolean("resubmit_to_rejecting_step"),
                rs.getBoolean("skip_repeated_approver"), json.readValue(rs.getString("steps"), STEPS),
                (Integer) rs.getObject("definition_version", Integer.class), rs.getInt("version"),
                DbTime.read(rs, "created_at"), DbTime.read(rs, "updated_at")), rs.getString("definition_id"));
        this.instanceMapper = (rs, n) -> new InstanceRow(rs.getString("id"), rs.getString("contract_id"),
                rs.getString("contract_number"), rs.getString("contract_title"), rs.getString("owner"),
                rs.getString("submitter"), rs.getString("flow_id"), rs.getString("flow_name"),
                rs.getString("definition_id"), rs.getString("process_instance_id"),
                rs.getBoolean("resubmit_to_rejecting_step"), rs.getBoolean("skip_repeated_approver"),
                json.readValue(rs.getString("plan"), PLAN), RunStatus.valueOf(rs.getString("status")),
                rs.getInt("round"), (Integer) rs.getObject("rejected_step", Integer.class),
                DbTime.read(rs, "started_at"), DbTime.read(rs, "ended_at"), rs.getInt("version"));
        this.taskMapper = (rs, n) -> new TaskRow(rs.getString("id"), rs.getString("instance_id"),
                rs.getString("contract_id"), rs.getString("task_ref"), rs.getInt("round"), rs.getInt("step_index"),
                rs.getString("step_name"), StepKind.valueOf(rs.getString("step_kind")), rs.getString("assignee"),
                rs.getString("origin"), rs.getString("note"), rs.getString("return_to"), rs.getString("status"),
                rs.getString("decision") == null ? null : Decision.Kind.valueOf(rs.getString("decision")),
                rs.getString("position") == null ? null : Decision.Position.valueOf(rs.getString("position")),
                rs.getString("target"), rs.getString("comment"), DbTime.read(rs, "created_at"),
                DbTime.read(rs, "due_at"), DbTime.read(rs, "remind_at"), DbTime.read(rs, "decided_at"),
                rs.getBoolean("reminded"),
                rs.getBoolean("escalated"), rs.getInt("version"));
    }

    record FlowRow(ApprovalFlow flow, String definitionId) {
    }

    record InstanceRow(String id, String contractId, String contractNumber, String contractTitle, String owner,
                       String submitter, String flowId, String flowName, String definitionId,
                       String processInstanceId, boolean resubmitToRejectingStep, boolean skipRepeatedApprover,
                       List<PlannedStep> plan, RunStatus status, int round, Integer rejectedStep, Instant startedAt,
                       Instant endedAt, int version) {
    }

    static final String OPEN = "OPEN";
    static final String DECIDED = "DECIDED";
    static final String CLOSED = "CLOSED";

    record TaskRow(String id, String instanceId, String contractId, String taskRef, int round, int stepIndex,
                   String stepName, StepKind stepKind, String assignee, String origin, String note, String returnTo,
                   String status, Decision.Kind decision, Decision.Position position, String target, String comment,
                   Instant createdAt, Instant dueAt, Instant remindAt, Instant decidedAt, boolean reminded,
                   boolean escalated,
                   int version) {
    }

    // --- flows

    List<ApprovalFlow> flows() {
        return jdbc.sql("SELECT " + FLOW_COLUMNS + " FROM approval_flow ORDER BY priority, created_at, id")
                .query(flowMapper).list().stream().map(FlowRow::flow).toList();
    }

    /** The flow as it is now, its row locked until the transaction ends. */
    Optional<FlowRow> lockFlow(String id) {
        return jdbc.sql("SELECT " + FLOW_COLUMNS + " FROM approval_flow WHERE id = ? FOR UPDATE").param(id)
                .query(flowMapper).optional();
    }

    Optional<FlowRow> flow(String id) {
        return jdbc.sql("SELECT " + FLOW_COLUMNS + " FROM approval_flow WHERE id = ?").param(id).query(flowMapper)
                .optional();
    }

    /** The flow that applies to a new submission: the enabled one with the lowest priority, then the oldest. */
    /** The enabled flows, the one that is tried first first. */
    List<FlowRow> enabledFlows() {
        return jdbc.sql("SELECT " + FLOW_COLUMNS + " FROM approval_flow WHERE enabled = TRUE"
                + " ORDER BY priority, created_at, id").query(flowMapper).list();
    }

    void insertFlow(ApprovalFlow flow) {
        jdbc.sql("INSERT INTO approval_flow (" + FLOW_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)")
                .params(flow.id(), flow.name(), flow.enabled(), flow.priority(), flow.resubmitToRejectingStep(),
                        flow.skipRepeatedApprover(), json.writeValueAsString(flow.steps()), flow.version(),
                        DbTime.toDb(flow.createdAt()), DbTime.toDb(flow.updatedAt()))
                .update();
    }

    boolean updateFlow(ApprovalFlow flow, int expectedVersion) {
        return jdbc.sql("UPDATE approval_flow SET name = ?, enabled = ?, priority = ?, resubmit_to_rejecting_step = ?,"
                        + " skip_repeated_approver = ?, steps = ?, definition_id = NULL, definition_version = NULL,"
                        + " version = ?, updated_at = ? WHERE id = ? AND version = ?")
                .params(flow.name(), flow.enabled(), flow.priority(), flow.resubmitToRejectingStep(),
                        flow.skipRepeatedApprover(), json.writeValueAsString(flow.steps()), flow.version(),
                        DbTime.toDb(flow.updatedAt()), flow.id(), expectedVersion)
                .update() == 1;
    }

    /** Records the deployed definition of the flow's version {@code version} (unless the flow changed meanwhile). */
    void recordDeployment(String flowId, int version, String definitionId, int definitionVersion) {
        jdbc.sql("UPDATE approval_flow SET definition_id = ?, definition_version = ? WHERE id = ? AND version = ?")
                .params(definitionId, definitionVersion, flowId, version).update();
    }

    // --- runs

    void insertInstance(InstanceRow row) {
        jdbc.sql("INSERT INTO approval_instance (" + INSTANCE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.contractId(), row.contractNumber(), row.contractTitle(), row.owner(),
                        row.submitter(), row.flowId(), row.flowName(), row.definitionId(), row.processInstanceId(),
                        row.resubmitToRejectingStep(), row.skipRepeatedApprover(), json.writeValueAsString(row.plan()),
                        row.status().name(), row.round(), row.rejectedStep(), DbTime.toDb(row.startedAt()),
                        row.endedAt() == null ? null : DbTime.toDb(row.endedAt()), row.version())
                .update();
    }

    Optional<InstanceRow> instance(String id) {
        return jdbc.sql("SELECT " + INSTANCE_COLUMNS + " FROM approval_instance WHERE id = ?").param(id)
                .query(instanceMapper).optional();
    }

    Optional<InstanceRow> running(String contractId) {
        return jdbc.sql("SELECT " + INSTANCE_COLUMNS + " FROM approval_instance WHERE contract_id = ? AND status = ?")
                .params(contractId, RunStatus.RUNNING.name()).query(instanceMapper).optional();
    }

    Optional<InstanceRow> latest(String contractId) {
        return jdbc.sql("SELECT " + INSTANCE_COLUMNS + " FROM approval_instance WHERE contract_id = ?"
                        + " ORDER BY started_at DESC, id LIMIT 1")
                .param(contractId).query(instanceMapper).optional();
    }

    List<InstanceRow> instances(String contractId) {
        return jdbc.sql("SELECT " + INSTANCE_COLUMNS + " FROM approval_instance WHERE contract_id = ?"
                        + " ORDER BY started_at DESC, id")
                .param(contractId).query(instanceMapper).list();
    }

    /**
     * Takes the run for one decision: bumps its version while it is still RUNNING, which holds the row lock
     * until the decision commits. A second decision on the same run waits here and then finds what the first
     * changed, so two approvers never drive the engine at once. False: the run has ended.
     */
    boolean lock(String instanceId) {
        return jdbc.sql("UPDATE approval_instance SET version = version + 1 WHERE id = ? AND status = ?")
                .params(instanceId, RunStatus.RUNNING.name()).update() == 1;
    }

    void restarted(String instanceId, String processInstanceId, int round) {
        jdbc.sql("UPDATE approval_instance SET process_instance_id = ?, round = ? WHERE id = ?")
                .params(processInstanceId, round, instanceId).update();
    }

    void end(String instanceId, RunStatus status, Integer rejectedStep, Instant at) {
        jdbc.sql("UPDATE approval_instance SET status = ?, rejected_step = ?, ended_at = ?, version = version + 1"
                        + " WHERE id = ?")
                .params(status.name(), rejectedStep, DbTime.toDb(at), instanceId).update();
    }

    // --- tasks

    void insertTask(TaskRow row) {
        jdbc.sql("INSERT INTO approval_task (" + TASK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.instanceId(), row.contractId(), row.taskRef(), row.round(), row.stepIndex(),
                        row.stepName(), row.stepKind().name(), row.assignee(), row.origin(), row.note(), row.returnTo(),
                        row.status(), row.decision() == null ? null : row.decision().name(),
                        row.position() == null ? null : row.position().name(), row.target(), row.comment(),
                        DbTime.toDb(row.createdAt()), row.dueAt() == null ? null : DbTime.toDb(row.dueAt()),
                        row.remindAt() == null ? null : DbTime.toDb(row.remindAt()),
                        row.decidedAt() == null ? null : DbTime.toDb(row.decidedAt()), row.reminded(),
                        row.escalated(), row.version())
                .update();
    }

    Optional<TaskRow> task(String id) {
        return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM approval_task WHERE id = ?").param(id).query(taskMapper)
                .optional();
    }

    List<TaskRow> tasks(String instanceId) {
        return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM approval_task WHERE instance_id = ?"
                        + " ORDER BY created_at, id")
                .param(instanceId).query(taskMapper).list();
    }

    List<TaskRow> openTasks(String instanceId) {
        return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM approval_task WHERE instance_id = ? AND status = ?"
                        + " ORDER BY created_at, id")
                .params(instanceId, OPEN).query(taskMapper).list();
    }

    /** Records a decision on a task that is still open; false when it is not (decided or closed meanwhile). */
    boolean decide(String id, Decision.Kind decision, Decision.Position position, String target, String comment,
                   Instant at) {
        boolean decided = jdbc.sql("UPDATE approval_task SET status = ?, decision = ?, position = ?, target = ?,"
                        + " comment = ?, decided_at = ?, version = version + 1 WHERE id = ? AND status = ?")
                .params(DECIDED, decision.name(), position == null ? null : position.name(), target, comment,
                        DbTime.toDb(at), id, OPEN)
                .update() == 1;
        if (decided) {
            events.publishEvent(new ApprovalTasksEnded(List.of(id), at));
        }
        return decided;
    }

    int closeOpen(Collection<String> ids, Instant at) {
        var closed = new java.util.ArrayList<String>();
        for (String id : ids) {
            if (jdbc.sql("UPDATE approval_task SET status = ?, decided_at = ?, version = version + 1"
                    + " WHERE id = ? AND status = ?").params(CLOSED, DbTime.toDb(at), id, OPEN).update() == 1) {
                closed.add(id);
            }
        }
        if (!closed.isEmpty()) {
            events.publishEvent(new ApprovalTasksEnded(closed, at));
        }
        return closed.size();
    }

    /** Usernames who approved in this round of a run (for 自动去重). */
    List<String> approvedIn(String instanceId, int round) {
        return jdbc.sql("SELECT DISTINCT assignee FROM approval_task WHERE instance_id = ? AND round = ?"
                        + " AND status = ? AND decision IN ('APPROVE', 'ADD_APPROVER') AND (position IS NULL OR position = 'AFTER')")
                .params(instanceId, round, DECIDED).query(String.class).list();
    }

    boolean anyDecision(String instanceId) {
        return jdbc.sql("SELECT COUNT(*) FROM approval_task WHERE instance_id = ? AND status = ?")
                .params(instanceId, DECIDED).query(Long.class).single() > 0;
    }

    /**
     * Whether the user has a task in the contract's running approval: the read it grants lasts as long as the
     * decision is being made, not for every later draft of a contract outside the user's scope.
     */
    boolean involved(String username, String contractId) {
        return jdbc.sql("SELECT COUNT(*) FROM approval_task t JOIN approval_instance i ON i.id = t.instance_id"
                        + " WHERE t.contract_id = ? AND t.assignee = ? AND i.status = ?")
                .params(contractId, username, RunStatus.RUNNING.name()).query(Long.class).single() > 0;
    }

    PageResult<ApprovalTask> inbox(String assignee, Paging paging) {
        long total = jdbc.sql("SELECT COUNT(*) FROM approval_task WHERE assignee = ? AND status = ?")
                .params(assignee, OPEN).query(Long.class).single();
        var items = jdbc.sql("SELECT t.id, t.contract_id, i.contract_number, i.contract_title, t.step_name,"
                        + " t.step_kind, t.assignee, t.created_at, t.due_at FROM approval_task t"
                        + " JOIN approval_instance i ON i.id = t.instance_id"
                        + " WHERE t.assignee = ? AND t.status = ? ORDER BY " + paging.orderBy()
                        + " LIMIT " + paging.size() + " OFFSET " + paging.offset())
                .params(assignee, OPEN)
                .query((rs, n) -> new ApprovalTask(rs.getString("id"), rs.getString("contract_id"),
                        rs.getString("contract_number"), rs.getString("contract_title"), rs.getString("step_name"),
                        StepKind.valueOf(rs.getString("step_kind")), rs.getString("assignee"),
                        DbTime.read(rs, "created_at"), DbTime.read(rs, "due_at")))
                .list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    long openCount(String assignee) {
        return jdbc.sql("SELECT COUNT(*) FROM approval_task WHERE assignee = ? AND status = ?")
                .params(assignee, OPEN).query(Long.class).single();
    }

    /** The open tasks of one assignee, escalated or not. */
    List<TaskRow> openOf(String assignee) {
        return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM approval_task WHERE assignee = ? AND status = ?"
                        + " ORDER BY created_at, id")
                .params(assignee, OPEN).query(taskMapper).list();
    }

    /** Open tasks whose reminder or whose escalation is due at {@code now}, the most overdue first. */
    List<TaskRow> dueForAttention(Instant now, int limit) {
        var at = DbTime.toDb(now);
        return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM approval_task WHERE status = ?"
                        + " AND ((reminded = FALSE AND remind_at <= ?) OR (escalated = FALSE AND due_at <= ?))"
                        + " ORDER BY due_at, id LIMIT " + limit)
                .params(OPEN, at, at).query(taskMapper).list();
    }

    void markReminded(String id) {
        jdbc.sql("UPDATE approval_task SET reminded = TRUE WHERE id = ?").param(id).update();
    }

    boolean markEscalated(String id) {
        return jdbc.sql("UPDATE approval_task SET reminded = TRUE, escalated = TRUE WHERE id = ? AND escalated = FALSE"
                + " AND status = ?").params(id, OPEN).update() == 1;
    }
}
