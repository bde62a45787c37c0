package io.qiyue.obligation;

import java.time.Instant;

/** A file that shows an obligation was kept; {@code sharedWithCustomer}: shown on the customer's performance page. */
public record Evidence(String id, String obligationId, String contractId, String fileName, String contentType,
                       long sizeBytes, String sha256, boolean sharedWithCustomer, Instant uploadedAt,
                       String uploadedBy) {
}
