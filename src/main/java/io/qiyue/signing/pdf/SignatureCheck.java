package io.qiyue.signing.pdf;

import java.time.Instant;

/**
 * What {@link PdfSignatures#verify} found about one signature, in the order the signatures were added.
 *
 * @param intact                   the byte range starts at 0, leaves out exactly the /Contents string, and its
 *                                 SHA-256 equals the CMS message digest
 * @param signatureValid           the CMS signature over the signed attributes verifies with the embedded
 *                                 signer certificate
 * @param issuedByThisInstallation the signer certificate was issued by this installation's CA and was valid at
 *                                 the signing time
 * @param coversWholeDocument      nothing was appended after this signature (true for the last one only)
 * @param timestamped              an RFC 3161 signature time-stamp is present, its imprint matches the signature
 *                                 value and the token's own signature verifies (the TSA is not checked against a
 *                                 trust list)
 * @param timestampTime            the time-stamp's genTime; null without one
 * @param subFilter                e.g. {@code ETSI.CAdES.detached}
 */
public record SignatureCheck(int index, String signerName, String organisation, String reason,
                             Instant signingTime, boolean intact, boolean signatureValid,
                             boolean issuedByThisInstallation, boolean coversWholeDocument, boolean timestamped,
                             Instant timestampTime, String certificateSubject, String certificateSerialHex,
                             String certificateSha256, String subFilter) {

    /**
     * The signed bytes are unchanged, the signature is the certificate holder's, and the certificate is one of
     * ours. An earlier signature stays valid after later ones ({@link #coversWholeDocument} false); whether later
     * revisions only added signatures and seals is for the caller to judge.
     */
    public boolean valid() {
        return intact && signatureValid && issuedByThisInstallation;
    }
}
