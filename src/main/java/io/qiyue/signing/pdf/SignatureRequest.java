package io.qiyue.signing.pdf;

import java.time.Instant;
import java.util.Objects;

/**
 * One signature to add.
 *
 * @param signingTime the claimed signing time, written to the signature dictionary's /M (PAdES keeps it out of
 *                    the CMS signed attributes); a trusted time comes only from a time-stamp (B-T)
 * @param sealPng     a PNG with a transparent background of the seal (公章, printed 42 mm across) or, for a signer
 *                    without organisation, of the name stamp or handwritten signature (22 mm on its larger side);
 *                    a white background is made transparent; null for an invisible signature
 * @param pagingSeal  also stamp the seal across the right edge of every page (骑缝章); ignored without a seal or
 *                    for a one-page document
 * @param concludes   this is the signature that concludes the contract (every side has then signed): it also fills
 *                    in the blank 签订日期 of the document's head with the day
 */
public record SignatureRequest(SignerIdentity signer, PartySide side, String reason, String location,
                               Instant signingTime, byte[] sealPng, boolean pagingSeal, boolean concludes) {
    public SignatureRequest {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(signingTime, "signingTime");
    }

    /** A signature after which another side still signs. */
    public SignatureRequest(SignerIdentity signer, PartySide side, String reason, String location,
                            Instant signingTime, byte[] sealPng, boolean pagingSeal) {
        this(signer, side, reason, location, signingTime, sealPng, pagingSeal, false);
    }
}
