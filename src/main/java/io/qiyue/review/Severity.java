package io.qiyue.review;

/** How much a finding matters: a BLOCKER stops submission, a WARNING needs a reason to accept, INFO is advice. */
public enum Severity { BLOCKER, WARNING, INFO }
