-- Approval flows (issue #12). Flowable keeps its own ACT_* tables, created by the engine on its first use;
-- these tables are ours: what admins edit, and one row per task and decision so that inbox and history are
-- plain, portable queries.

-- A flow as admins edit it: ordered steps as JSON; the Flowable definition deployed for its current version.
CREATE TABLE approval_flow (
    id                         VARCHAR(36)  NOT NULL PRIMARY KEY,
    name                       VARCHAR(100) NOT NULL,
    enabled                    BOOLEAN      NOT NULL,
    priority                   INTEGER      NOT NULL,
    resubmit_to_rejecting_step BOOLEAN      NOT NULL,
    skip_repeated_approver     BOOLEAN      NOT NULL,
    steps                      ${text}      NOT NULL,
    definition_id              VARCHAR(64),
    definition_version         INTEGER,
    version                    INTEGER      NOT NULL,
    created_at                 ${timestamp} NOT NULL,
    updated_at                 ${timestamp} NOT NULL
);
CREATE INDEX ix_approval_flow_priority ON approval_flow (enabled, priority);

-- One run of a flow for one submission. plan: the steps as resolved at the start (who, applies, why a
-- fallback), so that the run keeps them whatever admins change later. round counts returns to a step.
CREATE TABLE approval_instance (
    id                         VARCHAR(36)  NOT NULL PRIMARY KEY,
    contract_id                VARCHAR(36)  NOT NULL,
    contract_number            VARCHAR(40)  NOT NULL,
    contract_title             VARCHAR(200) NOT NULL,
    owner                      VARCHAR(100) NOT NULL,
    submitter                  VARCHAR(100) NOT NULL,
    flow_id                    VARCHAR(36),
    flow_name                  VARCHAR(100) NOT NULL,
    definition_id              VARCHAR(64),
    process_instance_id        VARCHAR(64),
    resubmit_to_rejecting_step BOOLEAN      NOT NULL,
    skip_repeated_approver     BOOLEAN      NOT NULL,
    plan                       ${text}      NOT NULL,
    status                     VARCHAR(20)  NOT NULL,
    round                      INTEGER      NOT NULL,
    rejected_step              INTEGER,
    started_at                 ${timestamp} NOT NULL,
    ended_at                   ${timestamp},
    version                    INTEGER      NOT NULL
);
CREATE INDEX ix_approval_instance_contract ON approval_instance (contract_id, started_at);

-- A task of one person at one step, and their decision. task_ref is Flowable's task: a transfer, an added
-- approver or an escalation gives the same Flowable task a row of its own for another person.
CREATE TABLE approval_task (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    instance_id     VARCHAR(36)   NOT NULL,
    contract_id     VARCHAR(36)   NOT NULL,
    task_ref        VARCHAR(64)   NOT NULL,
    round           INTEGER       NOT NULL,
    step_index      INTEGER       NOT NULL,
    step_name       VARCHAR(100)  NOT NULL,
    step_kind       VARCHAR(20)   NOT NULL,
    assignee        VARCHAR(100)  NOT NULL,
    origin          VARCHAR(20)   NOT NULL,
    note            VARCHAR(500),
    return_to       VARCHAR(100),
    status          VARCHAR(20)   NOT NULL,
    decision        VARCHAR(20),
    position        VARCHAR(10),
    target          VARCHAR(100),
    comment         VARCHAR(2000),
    created_at      ${timestamp}  NOT NULL,
    due_at          ${timestamp},
    remind_at       ${timestamp},
    decided_at      ${timestamp},
    reminded        BOOLEAN       NOT NULL,
    escalated       BOOLEAN       NOT NULL,
    version         INTEGER       NOT NULL
);
CREATE INDEX ix_approval_task_inbox ON approval_task (assignee, status, created_at);
CREATE INDEX ix_approval_task_instance ON approval_task (instance_id, status);
CREATE INDEX ix_approval_task_contract ON approval_task (contract_id, assignee);
CREATE INDEX ix_approval_task_due ON approval_task (status, due_at);
CREATE INDEX ix_approval_task_remind ON approval_task (status, remind_at);
