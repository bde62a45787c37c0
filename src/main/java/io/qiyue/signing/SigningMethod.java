package io.qiyue.signing;

/** Electronic signatures in the PDF, or a scanned paper copy signed by hand (线下签署). */
public enum SigningMethod {
    ELECTRONIC, PAPER
}
