package io.qiyue.signing;

import java.util.List;

/**
 * What a dropped PDF is: an unaltered file this installation produced (and of which contract), a file whose
 * signatures hold but that is not on record, or neither.
 *
 * @param onRecord          the exact file (its SHA-256) is one this installation stored
 * @param signedOriginal    on record as the final file of a completed signing, and every signature valid
 * @param stage             which file of the signing it is (frozen original, after a signature, paper scan)
 */
public record Verification(String sha256, boolean onRecord, boolean signedOriginal, DocumentKind stage,
                           boolean finalFile, String contractId, String contractNumber, String contractTitle,
                           List<SignatureView> signatures, boolean allSignaturesValid, boolean issuedHere) {
}
