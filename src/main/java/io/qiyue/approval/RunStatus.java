package io.qiyue.approval;

/** Where a run of a flow stands. */
public enum RunStatus { RUNNING, APPROVED, REJECTED, WITHDRAWN, CLOSED }
