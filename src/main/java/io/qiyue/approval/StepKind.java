package io.qiyue.approval;

/** What a step is for: an ordinary approval, or legal review (法务审核), whose approver sees the review beside the document. */
public enum StepKind { APPROVAL, LEGAL_REVIEW }
