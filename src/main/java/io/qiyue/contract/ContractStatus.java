package io.qiyue.contract;

/** The lifecycle of spec/domain.md; this release creates and edits DRAFT contracts only. */
public enum ContractStatus {
    DRAFT, IN_APPROVAL, APPROVED, SIGNING, SIGNED, ACTIVE, EXPIRED, TERMINATED, RENEWED;

    public boolean editable() {
        return this == DRAFT;
    }
}
