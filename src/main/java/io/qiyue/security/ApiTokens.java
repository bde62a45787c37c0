package io.qiyue.security;

import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.Hashes;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * API tokens: 256-bit random secrets, stored only as SHA-256. A token is not a password (it has full
 * entropy), so a fast hash is right, and a Bearer request costs microseconds rather than a bcrypt round.
 */
@Service
public class ApiTokens {
    private static final String PREFIX = "qy_";
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final RowMapper<ApiToken> TOKEN = (rs, n) -> new ApiToken(rs.getString("id"), rs.getString("name"),
            rs.getString("prefix"), DbTime.read(rs, "created_at"), DbTime.read(rs, "expires_at"),
            DbTime.read(rs, "last_used_at"), DbTime.read(rs, "revoked_at"));

    private final JdbcClient jdbc;
    private final Users users;
    private final AccessCache cache;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, Users users, AccessCache cache, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.users = users;
        this.cache = cache;
        this.clock = clock;
        this.events = events;
    }

    public record Created(ApiToken token, String secret) {
    }

    /** The details of a request's authentication made by an API token (BearerTokenFilter). */
    static final Object BY_TOKEN = "api-token";

    /**
     * Whether the current request was authenticated by an API token, not a password or a session: a token may not
     * make tokens, so that one leaked cannot mint its own replacements before it is revoked (outside tester).
     */
    static boolean byToken() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return authentication != null && authentication.getDetails() == BY_TOKEN;
    }

    @Transactional
    public Created create(CurrentUser owner, String name, Integer expiresInDays) {
        if (byToken()) {
            throw new io.qiyue.shared.ForbiddenException("qiyue.token.not-by-token");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "qiyue.validation.size", 1, 100);
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 3650)) {
            throw new InvalidInputException("expiresInDays", "qiyue.validation.range", 1, 3650);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        var token = new ApiToken(Ids.newId(), name.trim(), secret.substring(0, 8), now,
                expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays)), null, null);
        jdbc.sql("INSERT INTO api_token (id, user_id, name, token_hash, prefix, created_at, expires_at)"
                        + " VALUES (?,?,?,?,?,?,?)")
                .params(token.id(), owner.id(), token.name(), Hashes.sha256Hex(secret), token.prefix(),
                        DbTime.toDb(now), DbTime.toDb(token.expiresAt()))
                .update();
        events.publishEvent(new EntityChanged("API_TOKEN", token.id(), EntityChanged.Action.CREATE,
                owner.username(), now, List.of(new EntityChanged.Change("/name", null, token.name()))));
        return new Created(token, secret);
    }

    public List<ApiToken> list(CurrentUser owner) {
        return tokensOf(owner.id());
    }

    /** Another user's tokens, for an admin (a leaked token is revoked without its owner). */
    public List<ApiToken> listOf(String userId) {
        if (!CurrentUsers.require().has(Role.ADMIN)) {
            throw new io.qiyue.shared.ForbiddenException("qiyue.problem.forbidden");
        }
        return tokensOf(userId);
    }

    private List<ApiToken> tokensOf(String userId) {
        return jdbc.sql("SELECT id, name, prefix, created_at, expires_at, last_used_at, revoked_at FROM api_token"
                + " WHERE user_id = ? ORDER BY created_at DESC").param(userId).query(TOKEN).list();
    }

    /** Revokes one of the caller's tokens (their token page); another's does not exist for them. */
    @Transactional
    public void revoke(CurrentUser owner, String id) {
        revoke(owner, id, false);
    }

    /** {@link #revoke(CurrentUser, String)}, an admin revoking anyone's (the API's DELETE). */
    @Transactional
    public void revokeAny(CurrentUser caller, String id) {
        revoke(caller, id, caller.has(Role.ADMIN));
    }

    private void revoke(CurrentUser owner, String id, boolean anyones) {
        Instant now = clock.instant();
        String whose = anyones ? "" : " AND user_id = ?";
        Object[] params = anyones ? new Object[]{DbTime.toDb(now), id} : new Object[]{DbTime.toDb(now), id, owner.id()};
        int changed = jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ?" + whose + " AND revoked_at IS NULL")
                .params(params).update();
        if (changed == 0) {
            boolean exists = jdbc.sql("SELECT COUNT(*) FROM api_token WHERE id = ?" + whose)
                    .params(anyones ? new Object[]{id} : new Object[]{id, owner.id()}).query(Long.class).single() > 0;
            if (!exists) {
                throw new NotFoundException("qiyue.problem.not-found", "api-token", id);
            }
            return;
        }
        events.publishEvent(new AccessChanged(AccessChanged.Kind.API_TOKEN, id));
        events.publishEvent(new EntityChanged("API_TOKEN", id, EntityChanged.Action.DELETE, owner.username(), now,
                List.of()));
    }

    /**
     * The enabled user a live token belongs to. Token and user come from the {@link AccessCache} (a revocation or a
     * change of the user drops them there); expiry is checked on every request, and the last use is written at most
     * once a {@link #LAST_USED_RESOLUTION}.
     */
    Optional<AccountPrincipal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = Hashes.sha256Hex(secret);
        var token = cache.token(hash, () -> jdbc.sql("SELECT id, user_id, expires_at, last_used_at FROM api_token"
                        + " WHERE token_hash = ? AND revoked_at IS NULL").param(hash)
                .query((rs, n) -> new AccessCache.Token(rs.getString("id"), rs.getString("user_id"),
                        DbTime.read(rs, "expires_at"), DbTime.read(rs, "last_used_at")))
                .optional());
        if (token.isEmpty() || (token.get().expiresAt() != null && !now.isBefore(token.get().expiresAt()))) {
            return Optional.empty();
        }
        var live = token.get();
        if (live.lastUsedAt() == null || live.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            live.usedAt(now);
            jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?").params(DbTime.toDb(now), live.id()).update();
        }
        return users.cachedById(live.userId()).filter(User::enabled).map(AccountPrincipal::of);
    }

}
