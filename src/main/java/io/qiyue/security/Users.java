package io.qiyue.security;

import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The users and teams tables. */
@Component
class Users {
    private static final String USER_COLUMNS =
            "id, username, display_name, email, roles, team_id, enabled, version, created_at";
    private static final RowMapper<User> USER = (rs, n) -> new User(rs.getString("id"), rs.getString("username"),
            rs.getString("display_name"), rs.getString("email"), parseRoles(rs.getString("roles")),
            rs.getString("team_id"), rs.getBoolean("enabled"), rs.getInt("version"), DbTime.read(rs, "created_at"));
    private static final RowMapper<Team> TEAM = (rs, n) -> new Team(rs.getString("id"), rs.getString("name"),
            rs.getString("manager_id"), rs.getInt("version"), DbTime.read(rs, "created_at"));

    private static final RowMapper<Account> ACCOUNT = (rs, n) -> new Account(USER.mapRow(rs, n),
            rs.getString("password_hash"), rs.getInt("credentials_version"));

    /** A user as sign-in and sessions see them: with the password hash and the credentials version. */
    record Account(User user, String passwordHash, int credentialsVersion) {
    }

    private final JdbcClient jdbc;
    private final AccessCache cache;
    private final ApplicationEventPublisher events;

    Users(JdbcClient jdbc, AccessCache cache, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.events = events;
    }

    static java.util.Set<Role> parseRoles(String roles) {
        return Arrays.stream(roles.split(",")).filter(s -> !s.isBlank()).map(Role::valueOf)
                .collect(Collectors.toUnmodifiableSet());
    }

    static String formatRoles(java.util.Set<Role> roles) {
        return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
    }

    Optional<User> findById(String id) {
        return jdbc.sql("SELECT " + USER_COLUMNS + " FROM app_user WHERE id = ?").param(id).query(USER).optional();
    }

    /** {@link #findById} through the {@link AccessCache}: what authenticating each API request reads. */
    Optional<User> cachedById(String id) {
        return cache.user(id, () -> findById(id));
    }

    /** The language the user last chose (a BCP 47 tag), empty when never chosen. */
    Optional<String> language(String username) {
        return jdbc.sql("SELECT preferred_language FROM app_user WHERE username = ?").param(username)
                .query(String.class).list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Keeps {@code tag} as the user's language; false when it was theirs already (nothing written). */
    boolean chooseLanguage(String username, String tag) {
        return jdbc.sql("UPDATE app_user SET preferred_language = ? WHERE username = ?"
                        + " AND (preferred_language IS NULL OR preferred_language <> ?)")
                .params(tag, username, tag).update() > 0;
    }

    Optional<User> findByUsername(String username) {
        return jdbc.sql("SELECT " + USER_COLUMNS + " FROM app_user WHERE username = ?").param(username)
                .query(USER).optional();
    }

    /** The usernames of the users with this display name, in order. */
    List<String> usernamesOfDisplayName(String displayName) {
        return jdbc.sql("SELECT username FROM app_user WHERE display_name = ? ORDER BY username").param(displayName)
                .query(String.class).list();
    }

    /** The user name that equals this one but for case ("Sales.Zhang" for "sales.zhang"), if any. */
    Optional<String> findUsernameIgnoringCase(String username) {
        return jdbc.sql("SELECT username FROM app_user WHERE LOWER(username) = LOWER(?) ORDER BY username")
                .param(username).query(String.class).list().stream().findFirst();
    }

    Optional<Account> findAccount(String username) {
        return jdbc.sql("SELECT " + USER_COLUMNS + ", password_hash, credentials_version FROM app_user WHERE username = ?")
                .param(username).query(ACCOUNT).optional();
    }

    /** The one lookup (by primary key) each request of a UI session costs. */
    Optional<Account> findAccountById(String id) {
        return jdbc.sql("SELECT " + USER_COLUMNS + ", password_hash, credentials_version FROM app_user WHERE id = ?")
                .param(id).query(ACCOUNT).optional();
    }

    /** The users who may sign in, by display name. */
    List<User> enabled() {
        return jdbc.sql("SELECT " + USER_COLUMNS + " FROM app_user WHERE enabled = ? ORDER BY display_name, username")
                .param(true).query(USER).list();
    }

    /** {@link #usernamesInTeam} through the {@link AccessCache}: a sales manager's scope, on each request. */
    List<String> cachedUsernamesInTeam(String teamId) {
        return cache.teamMembers(teamId, () -> usernamesInTeam(teamId));
    }

    List<String> usernamesInTeam(String teamId) {
        return jdbc.sql("SELECT username FROM app_user WHERE team_id = ?").param(teamId).query(String.class).list();
    }

    PageResult<User> page(String q, Role role, Paging paging) {
        var where = new StringBuilder(" WHERE 1=1");
        var params = new java.util.ArrayList<Object>();
        if (q != null && !q.isBlank()) {
            where.append(" AND (LOWER(username) LIKE ? OR LOWER(display_name) LIKE ?)");
            String like = "%" + q.toLowerCase(java.util.Locale.ROOT) + "%";
            params.add(like);
            params.add(like);
        }
        if (role != null) {
            where.append(" AND roles LIKE ?");
            params.add("%" + role.name() + "%");
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM app_user" + where).params(params).query(Long.class).single();
        var items = jdbc.sql("SELECT " + USER_COLUMNS + " FROM app_user" + where + " ORDER BY " + paging.orderBy()
                        + " LIMIT " + paging.size() + " OFFSET " + paging.offset())
                .params(params).query(USER).list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    void insert(User user, String passwordHash) {
        jdbc.sql("INSERT INTO app_user (id, username, display_name, email, password_hash, roles, team_id, enabled,"
                        + " version, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)")
                .params(user.id(), user.username(), user.displayName(), user.email(), passwordHash,
                        formatRoles(user.roles()), user.teamId(), user.enabled(), user.version(),
                        DbTime.toDb(user.createdAt()))
                .update();
        changed(user.id());
    }

    /** Every write of a user's row goes through here: what caches keep of the user is out of date. */
    private void changed(String id) {
        events.publishEvent(new AccessChanged(AccessChanged.Kind.USER, id));
    }

    /**
     * Saves if the stored version is still {@code expectedVersion}; false when someone saved in between.
     * {@code endSessions} moves the credentials version on, which ends the user's UI sessions.
     */
    boolean update(User user, int expectedVersion, String newPasswordHash, boolean endSessions) {
        changed(user.id());
        return jdbc.sql("UPDATE app_user SET display_name = ?, email = ?, roles = ?, team_id = ?, enabled = ?,"
                        + " password_hash = COALESCE(?, password_hash), version = ?,"
                        + " credentials_version = credentials_version + ? WHERE id = ? AND version = ?")
                .params(user.displayName(), user.email(), formatRoles(user.roles()), user.teamId(), user.enabled(),
                        newPasswordHash, expectedVersion + 1, endSessions ? 1 : 0, user.id(), expectedVersion)
                .update() == 1;
    }

    /** A new password chosen by the user: a change of the row and of its credentials. */
    void changePassword(String id, String passwordHash) {
        changed(id);
        jdbc.sql("UPDATE app_user SET password_hash = ?, version = version + 1,"
                        + " credentials_version = credentials_version + 1 WHERE id = ?")
                .params(passwordHash, id).update();
    }

    List<Team> teams() {
        return jdbc.sql("SELECT id, name, manager_id, version, created_at FROM team ORDER BY name").query(TEAM).list();
    }

    Optional<Team> findTeam(String id) {
        return jdbc.sql("SELECT id, name, manager_id, version, created_at FROM team WHERE id = ?").param(id)
                .query(TEAM).optional();
    }

    boolean teamNameTaken(String name, String exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM team WHERE name = ? AND id <> ?").params(name, exceptId)
                .query(Long.class).single() > 0;
    }

    void insertTeam(Team team) {
        jdbc.sql("INSERT INTO team (id, name, manager_id, version, created_at) VALUES (?,?,?,?,?)")
                .params(team.id(), team.name(), team.managerId(), team.version(), DbTime.toDb(team.createdAt()))
                .update();
    }

    boolean updateTeam(Team team, int expectedVersion) {
        return jdbc.sql("UPDATE team SET name = ?, manager_id = ?, version = ? WHERE id = ? AND version = ?")
                .params(team.name(), team.managerId(), expectedVersion + 1, team.id(), expectedVersion)
                .update() == 1;
    }
}
