package io.qiyue.signing;

/** The files of a signing round, each kept as produced: none is ever changed or deleted. */
public enum DocumentKind {
    /** The PDF frozen when signing started: byte for byte the approved document. */
    FROZEN,
    /** The frozen PDF with one more signature (each signature is an incremental update). */
    SIGNED,
    /** The scan of a paper copy signed by hand. */
    PAPER_SCAN
}
