package io.qiyue.signing;

/** The kinds of company seal a contract may carry. */
public enum SealKind {
    /** 公章: the company's official seal, valid on any document. */
    OFFICIAL,
    /** 合同专用章: the seal for contracts only. */
    CONTRACT
}
