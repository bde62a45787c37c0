/**
 * Approval flows: admins configure ordered steps (who approves, all-of or any-of, when a step applies, the time
 * limit), which this module turns into BPMN and runs on an embedded Flowable engine built on first use; a submitted
 * contract starts a flow and its outcome approves or rejects the contract. Exposes {@link io.qiyue.approval.ApprovalFlows}
 * (flow administration), {@link io.qiyue.approval.Approvals} (inbox, decisions, history, time limits) and
 * {@link io.qiyue.approval.ApprovalEvent}; nothing outside this module sees Flowable.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Approval")
package io.qiyue.approval;
