package io.qiyue.signing;

/**
 * What the evidence report (存证报告) of one signed contract shows: the contract, the fingerprints of its three
 * documents, every signer with how identity and intent were confirmed, the PDF signatures with their
 * certificates, and the events of the signing in order. Rendered by {@link EvidenceReportPdf}. Hashes are
 * lower-case hex SHA-256; a document not yet made (e.g. no final file after a decline) is null. {@code paperSignedOn}
 * is the day a round completed on paper was signed (its final file is the uploaded scan, and it has no digital
 * signature), null for a round signed electronically. {@code importedScan}: the scan came with a legacy contract's
 * import, which was never approved nor sent for signing in Qiyue (it has no approved or frozen text of its own).
 * <p>
 * {@code customerName} and {@code ourEntityName} are the parties as the signed document prints them (the particulars
 * kept beside it when it was rendered), not as their records say when the report is made: a report for a court names
 * the parties as the contract does. {@code customerNameNow} / {@code ourEntityNameNow} are the records' names when
 * they have changed since, else null. {@code concludedDateFilledIn} is the 签订日期 the text left blank and the
 * signature that completed the round filled in (as the signed file's stamp records it), else null.
 */
public record EvidenceReport(String contractId, String contractNumber, String contractTitle, String customerName,
        String ourEntityName, String approvedSha256, String frozenSha256, String signedSha256,
        java.time.Instant generatedAt, String generatedBy, java.util.List<Signer> signers,
        java.util.List<SignatureInfo> signatures, java.util.List<Event> events, java.time.LocalDate paperSignedOn,
        boolean importedScan, java.time.LocalDate printedSigningDate, java.time.LocalDate completedOn,
        String customerNameNow, String ourEntityNameNow, java.time.LocalDate concludedDateFilledIn) {

    /** A report whose parties are named as their records say, with no 签订日期 filled in at signing. */
    public EvidenceReport(String contractId, String contractNumber, String contractTitle, String customerName,
            String ourEntityName, String approvedSha256, String frozenSha256, String signedSha256,
            java.time.Instant generatedAt, String generatedBy, java.util.List<Signer> signers,
            java.util.List<SignatureInfo> signatures, java.util.List<Event> events, java.time.LocalDate paperSignedOn,
            boolean importedScan, java.time.LocalDate printedSigningDate, java.time.LocalDate completedOn) {
        this(contractId, contractNumber, contractTitle, customerName, ourEntityName, approvedSha256, frozenSha256,
                signedSha256, generatedAt, generatedBy, signers, signatures, events, paperSignedOn, importedScan,
                printedSigningDate, completedOn, null, null, null);
    }

    /**
     * Whether the parties finished signing on a later day than the 签订日期 the text prints: the report says when the
     * contract was in fact made (民法典第490条), since the signed text cannot be changed to say it.
     */
    public boolean signedAfterPrintedDate() {
        return printedSigningDate != null && completedOn != null && completedOn.isAfter(printedSigningDate);
    }

    public boolean paper() {
        return paperSignedOn != null;
    }

    /** One signer: {@code side} OURS or THEIRS; {@code identityMethod} PASSWORD, EMAIL_CODE, SMS_CODE or PAPER. */
    public record Signer(String side /* OURS | THEIRS */, int order, String name, String organisation, String email,
            String mobileMasked, String status /* PENDING | SIGNED | DECLINED | ... */, String identityMethod /* PASSWORD | EMAIL_CODE | SMS_CODE | PAPER */,
            java.time.Instant identityConfirmedAt, java.time.Instant signedAt, String ip, String userAgent, String sealName, String declineReason) {}

    /** One PDF signature of the final file as verified when the report was made. */
    public record SignatureInfo(int index, String signerName, String organisation, java.time.Instant signingTime,
            boolean valid, boolean timestamped, java.time.Instant timestampTime, String certificateSubject,
            String certificateSerialHex, String certificateSha256) {}

    /**
     * One event of the signing; {@code what} is a code such as LINK_SENT, LINK_OPENED, CODE_SENT, CODE_VERIFIED,
     * CODE_WRONG, SIGNED, DECLINED, FORWARDED or REMINDER (an unknown code is printed as it is).
     */
    public record Event(java.time.Instant at, String what, String who, String ip, String userAgent, String detail) {}
}
