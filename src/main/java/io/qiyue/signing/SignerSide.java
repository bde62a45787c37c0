package io.qiyue.signing;

import io.qiyue.signing.pdf.PartySide;

/** Our company (乙方 in the shipped templates) or the customer (甲方). */
public enum SignerSide {
    OURS, THEIRS;

    PartySide partySide() {
        return this == OURS ? PartySide.PARTY_B : PartySide.PARTY_A;
    }
}
