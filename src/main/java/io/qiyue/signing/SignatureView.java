package io.qiyue.signing;

import java.time.Instant;

/** One digital signature of a signed PDF with its validity ({@code GET /contracts/{id}/signatures}). */
public record SignatureView(int index, String signerName, String organisation, SignerSide side, String reason,
                            Instant signingTime, boolean valid, boolean intact, boolean signatureValid,
                            boolean issuedByThisInstallation, boolean coversWholeDocument, boolean timestamped,
                            Instant timestampTime, String certificateSubject, String certificateSerial,
                            String certificateSha256) {
}
