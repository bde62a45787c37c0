-- The flow a new installation ships (issue #12): the owner's team manager; then legal review by the LEGAL role
-- when warnings were accepted in review, personal information is shared, or the amount is at least 100,000.
-- Admins edit it; its Flowable definition is deployed on the first submission.
INSERT INTO approval_flow (id, name, enabled, priority, resubmit_to_rejecting_step, skip_repeated_approver, steps,
                           definition_id, definition_version, version, created_at, updated_at)
VALUES ('00000000-0000-0000-0000-00000000a001', '默认审批流程', TRUE, 100, FALSE, TRUE,
        '[{"name":"团队经理审批","kind":"APPROVAL","mode":"ANY","approvers":[{"ownerManager":true}],"condition":null,"timeLimitHours":48},{"name":"法务审核","kind":"LEGAL_REVIEW","mode":"ANY","approvers":[{"role":"LEGAL"}],"condition":{"match":"ANY","warningsAccepted":true,"personalInformation":true,"amountAtLeast":100000},"timeLimitHours":72}]',
        NULL, NULL, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
