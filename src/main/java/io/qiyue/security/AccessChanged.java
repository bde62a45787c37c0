package io.qiyue.security;

/**
 * Who may do what has changed: a user's row (roles, team, enabled, password) or an API token (revoked). Published
 * when the change is made; {@link AccessCache} drops what it names once the change has committed. It names the row,
 * not the new values, so that it travels between instances ({@link AccessChangeRelay}) and is replayed there as it is.
 */
public record AccessChanged(Kind kind, String id) {
    public enum Kind {
        USER, API_TOKEN
    }
}
