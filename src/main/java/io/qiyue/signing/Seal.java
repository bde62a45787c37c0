package io.qiyue.signing;

import java.time.Instant;
import java.util.List;

/**
 * A seal (印章) of one of our signing entities. The image itself is fetched separately ({@link Seals#image});
 * {@code sha256} is that of the stored PNG, so that a signed document can name exactly which picture it carries.
 * {@code users} are the usernames allowed to use the seal, sorted.
 */
public record Seal(String id, String ourEntityId, SealKind kind, String name, int width, int height, String sha256,
                   boolean active, List<String> users, String createdBy, Instant createdAt, String updatedBy,
                   Instant updatedAt, int version) {

    public Seal {
        users = users.stream().sorted().toList();
    }

    public boolean usableBy(String username) {
        return active && username != null && users.contains(username);
    }
}
