package io.qiyue.signing.pdf;

/** The two columns of the signature page: 甲方 (the customer, left) and 乙方 (our company, right). */
public enum PartySide {
    PARTY_A,
    PARTY_B
}
