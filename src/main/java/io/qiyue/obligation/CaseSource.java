package io.qiyue.obligation;

/** Who brought a case: the customer through a link, or one of our users. */
public enum CaseSource {
    LINK, STAFF
}
