package io.qiyue.obligation;

/** What a customer's concern is about. */
public enum CaseCategory {
    /** suspected disclosure of confidential or shared information (疑似泄露) */
    SUSPECTED_DISCLOSURE,
    /** shared information used or passed on beyond what was agreed */
    USE_BEYOND_AGREEMENT,
    SERVICE_QUALITY,
    /** the customer says an obligation we marked done was not done */
    OBLIGATION_DISPUTED,
    OTHER
}
