package io.qiyue.signing;

import java.time.Instant;

/** One use of a seal: who put it on which contract's document (by the document's SHA-256), when and what for. */
public record SealUse(String id, String sealId, String contractId, String username, Instant usedAt,
                      String documentSha256, String purpose) {
}
