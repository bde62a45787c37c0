package io.qiyue.security;

import io.qiyue.shared.ConflictException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.Text;
import io.qiyue.shared.TooManyRequestsException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users and teams, managed by an admin (the REST API and the UI both come here). */
@Service
public class UserAdministration {
    private static final Map<String, String> SORTABLE = Map.of("username", "username",
            "displayName", "display_name", "createdAt", "created_at");

    private final Users users;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final LoginThrottle throttle;

    private static final String SYSTEM = "system";
    private final org.springframework.context.MessageSource messages;

    UserAdministration(Users users, PasswordEncoder encoder, Clock clock, ApplicationEventPublisher events,
                       LoginThrottle throttle, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
        this.events = events;
        this.throttle = throttle;
    }

    public PageResult<User> list(String q, Role role, Integer page, Integer size, String sort) {
        return users.page(q, role, Paging.of(page, size, sort, SORTABLE, "username,asc"));
    }

    /**
     * The enabled users of a role (at most one page of the largest size), by username: whom a step or a notice of
     * that role goes to.
     */
    public List<String> enabledUsernames(Role role) {
        return list(null, role, 0, Paging.MAX_SIZE, null).items().stream()
                .filter(u -> u.enabled() && u.roles().contains(role)).map(User::username).toList();
    }

    public User get(String id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "user", id));
    }

    public Optional<User> findByUsername(String username) {
        return users.findByUsername(username);
    }

    /**
     * The users a person is named by in a file or a pasted list: the user whose username it is exactly; else the
     * user whose username it is in another case ("ZhangSan" for "zhangsan", as spreadsheets capitalise) and those
     * whose display name (姓名) it is — none, one, or several to choose among by their exact usernames.
     */
    public List<String> usernamesNamed(String name) {
        // as stored: MariaDB's collation finds "ZHANGSAN" for zhangsan here already
        var found = users.findByUsername(name).map(User::username).or(() -> users.findUsernameIgnoringCase(name));
        if (found.isPresent() && found.get().equals(name)) {
            return List.of(name);
        }
        var named = new java.util.LinkedHashSet<String>();
        found.ifPresent(named::add);
        named.addAll(users.usernamesOfDisplayName(name));
        return List.copyOf(named);
    }

    /**
     * The language to write to the user in when they are not there to ask (an e-mail): the one they last chose in
     * Qiyue, Chinese when they never chose. An English user's e-mails were Chinese (outside tester).
     */
    public java.util.Locale language(String username) {
        return users.language(username).filter(tag -> tag.startsWith("en")).map(tag -> java.util.Locale.ENGLISH)
                .orElse(java.util.Locale.SIMPLIFIED_CHINESE);
    }

    /** Keeps the language a signed-in user chose (the UI's switch, or {@code ?lang=} on any request). */
    public void chooseLanguage(String username, java.util.Locale locale) {
        users.chooseLanguage(username, "en".equals(locale.getLanguage()) ? "en" : "zh-CN");
    }

    /**
     * The display names of the users named, by username, for people to read; a name without a user is left out.
     * "system", the application's own moves (the calendar's, a contract activated at its signing), is 系统.
     */
    /** The actors the customer's links record (ShareLinks, EvaluationLinks, signing), by prefix, with their words' keys. */
    private static final Map<String, String> PUBLIC_LINK_ACTORS = Map.of("share-link", "actor.shareLink",
            "evaluation-link", "actor.evaluationLink", "contact", "actor.contact");

    private static String prefixOf(String actor) {
        int colon = actor.indexOf(':');
        return colon < 0 ? "" : actor.substring(0, colon);
    }

    public Map<String, String> displayNames(java.util.Collection<String> usernames) {
        var names = new java.util.HashMap<String, String>();
        for (String username : new java.util.HashSet<>(usernames)) {
            if (SYSTEM.equals(username)) {
                names.put(username, messages.getMessage("evidence.actor.system", null, username,
                        org.springframework.context.i18n.LocaleContextHolder.getLocale()));
            } else if (username != null && PUBLIC_LINK_ACTORS.containsKey(prefixOf(username))) {
                // the customer acting through a link (share-link:<id>, contact:<name> of a signer): said in words,
                // not as the link's id
                names.put(username, messages.getMessage(PUBLIC_LINK_ACTORS.get(prefixOf(username)),
                        new Object[]{username.substring(username.indexOf(':') + 1)}, username,
                        org.springframework.context.i18n.LocaleContextHolder.getLocale()));
            } else if (username != null) {
                users.findByUsername(username).ifPresent(u -> names.put(username, u.displayName()));
            }
        }
        return names;
    }

    @Transactional
    public User create(UserInput input) {
        if (input.password() == null) {
            throw new InvalidInputException("password", "qiyue.validation.required");
        }
        checkTeam(input.teamId());
        usernameTaken(input.username()).ifPresent(taken -> {
            throw new ConflictException(taken.code(), taken.args().toArray());
        });
        var user = new User(Ids.newId(), input.username(), input.displayName().trim(), Text.blankToNull(input.email()),
                input.roles(), Text.blankToNull(input.teamId()), input.enabled() == null || input.enabled(), 1,
                clock.instant());
        users.insert(user, encoder.encode(input.password()));
        events.publishEvent(new EntityChanged("USER", user.id(), EntityChanged.Action.CREATE,
                CurrentUsers.actorName(), clock.instant(), describe(null, user)));
        return user;
    }

    @Transactional
    public User update(String id, int expectedVersion, UserInput input) {
        var before = get(id);
        if (!before.username().equals(input.username())) {
            throw new InvalidInputException("username", "qiyue.user.username-immutable");
        }
        if (before.version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
        checkTeam(input.teamId());
        var actor = CurrentUsers.current();
        boolean enabled = input.enabled() == null || input.enabled();
        if (actor.isPresent() && actor.get().id().equals(id) && (!enabled || !input.roles().contains(Role.ADMIN))) {
            // named by what the admin changed: switching oneself off is the enabled field, not the roles
            throw new InvalidInputException(enabled ? "roles" : "enabled", "qiyue.user.no-self-lockout");
        }
        var after = new User(id, before.username(), input.displayName().trim(), Text.blankToNull(input.email()),
                input.roles(), Text.blankToNull(input.teamId()), enabled, expectedVersion + 1, before.createdAt());
        if (input.password() == null && before.equals(new User(id, after.username(), after.displayName(), after.email(),
                after.roles(), after.teamId(), after.enabled(), before.version(), before.createdAt()))) {
            // saving what is stored is no change: no new version, so that another editor's If-Match still holds
            return before;
        }
        String hash = input.password() == null ? null : encoder.encode(input.password());
        // a new password, and disabling, end the user's sessions (for good: enabling again revives none)
        boolean endSessions = hash != null || (before.enabled() && !enabled);
        if (!users.update(after, expectedVersion, hash, endSessions)) {
            throw new PreconditionFailedException("qiyue.problem.stale", get(id).version());
        }
        var changes = describe(before, after);
        if (hash != null) {
            changes.add(new EntityChanged.Change("/password", null, "(changed)"));
        }
        events.publishEvent(new EntityChanged("USER", id, EntityChanged.Action.UPDATE, CurrentUsers.actorName(),
                clock.instant(), changes));
        if (before.teamId() != null && !before.teamId().equals(after.teamId())) {
            leaveManagement(before.teamId(), id);
        }
        return after;
    }

    /**
     * A manager moved out of their team no longer manages it: its approvals would still go to someone who can no
     * longer see its contracts (an outside tester found them routed so). The team is left without a manager, as the
     * admin sees on /admin/teams, until one is chosen.
     */
    private void leaveManagement(String teamId, String userId) {
        var team = users.findTeam(teamId).filter(t -> userId.equals(t.managerId()));
        if (team.isEmpty()) {
            return;
        }
        var before = team.get();
        var after = new Team(before.id(), before.name(), null, before.version() + 1, before.createdAt());
        if (!users.updateTeam(after, before.version())) {
            throw new PreconditionFailedException("qiyue.problem.stale", team(teamId).version());
        }
        events.publishEvent(new EntityChanged("TEAM", teamId, EntityChanged.Action.UPDATE, CurrentUsers.actorName(),
                clock.instant(), List.of(new EntityChanged.Change("/managerId", before.managerId(), null))));
    }

    /**
     * The signed-in user sets a new password, proving the current one. Their UI sessions end; the web layer
     * keeps the one this was done in ({@link AccountSessions#keepCurrent}). Wrong current passwords count
     * as failed sign-ins from {@code address}, so that a stolen session cannot guess its way to the account.
     */
    @Transactional
    public void changeOwnPassword(String address, String currentPassword, String newPassword) {
        var user = CurrentUsers.require();
        var violations = new ArrayList<FieldViolation>();
        if (currentPassword == null || currentPassword.isEmpty()) {
            violations.add(new FieldViolation("currentPassword", "qiyue.validation.required"));
        }
        if (newPassword == null || newPassword.isEmpty()) {
            violations.add(new FieldViolation("newPassword", "qiyue.validation.required"));
        } else if (newPassword.length() < 10 || newPassword.length() > 128) {
            violations.add(new FieldViolation("newPassword", "qiyue.user.password"));
        } else if (newPassword.equals(currentPassword)) {
            violations.add(new FieldViolation("newPassword", "qiyue.user.password-unchanged"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var wait = throttle.check(address, user.username());
        if (wait.isPresent()) {
            throw tooMany(wait.get());
        }
        var account = users.findAccountById(user.id())
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "user", user.id()));
        if (!encoder.matches(currentPassword, account.passwordHash())) {
            var next = throttle.failed(address, user.username());
            if (next.isPresent()) {
                throw tooMany(next.get());
            }
            throw new InvalidInputException("currentPassword", "qiyue.user.current-password-wrong");
        }
        throttle.succeeded(address, user.username());
        users.changePassword(user.id(), encoder.encode(newPassword));
        events.publishEvent(new EntityChanged("USER", user.id(), EntityChanged.Action.UPDATE, user.username(),
                clock.instant(), List.of(new EntityChanged.Change("/password", null, "(changed)"))));
    }

    /**
     * The signed-in user proves it is them, with their password, before an act that needs their intent (a
     * signature). Wrong passwords count as failed sign-ins from {@code address}, like a password change.
     *
     * @return false when the password is wrong
     */
    public boolean confirmOwnPassword(String address, String password) {
        var user = CurrentUsers.require();
        var wait = throttle.check(address, user.username());
        if (wait.isPresent()) {
            throw tooMany(wait.get());
        }
        var account = users.findAccountById(user.id())
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "user", user.id()));
        if (password == null || password.isEmpty() || !encoder.matches(password, account.passwordHash())) {
            var next = throttle.failed(address, user.username());
            if (next.isPresent()) {
                throw tooMany(next.get());
            }
            return false;
        }
        throttle.succeeded(address, user.username());
        return true;
    }

    private static TooManyRequestsException tooMany(java.time.Duration wait) {
        return new TooManyRequestsException(wait, "qiyue.problem.login-throttled", Long.toString(wait.toSeconds()));
    }

    public List<Team> teams() {
        return users.teams();
    }

    public Team team(String id) {
        return users.findTeam(id).orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "team", id));
    }

    @Transactional
    public Team createTeam(TeamInput input) {
        String id = Ids.newId();
        checkTeamInput(input, id);
        var team = new Team(id, input.name().trim(), Text.blankToNull(input.managerId()), 1, clock.instant());
        users.insertTeam(team);
        events.publishEvent(new EntityChanged("TEAM", id, EntityChanged.Action.CREATE, CurrentUsers.actorName(),
                clock.instant(), List.of(new EntityChanged.Change("/name", null, team.name()),
                new EntityChanged.Change("/managerId", null, team.managerId()))));
        return team;
    }

    @Transactional
    public Team updateTeam(String id, int expectedVersion, TeamInput input) {
        var before = team(id);
        if (before.version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
        checkTeamInput(input, id);
        var after = new Team(id, input.name().trim(), Text.blankToNull(input.managerId()), expectedVersion + 1,
                before.createdAt());
        if (after.name().equals(before.name()) && java.util.Objects.equals(after.managerId(), before.managerId())) {
            // saving what is stored is no change: no version, no audit entry, and another editor's If-Match holds
            return before;
        }
        if (!users.updateTeam(after, expectedVersion)) {
            throw new PreconditionFailedException("qiyue.problem.stale", team(id).version());
        }
        events.publishEvent(new EntityChanged("TEAM", id, EntityChanged.Action.UPDATE, CurrentUsers.actorName(),
                clock.instant(), List.of(new EntityChanged.Change("/name", before.name(), after.name()),
                new EntityChanged.Change("/managerId", before.managerId(), after.managerId()))));
        return after;
    }

    private void checkTeamInput(TeamInput input, String id) {
        var violations = new ArrayList<FieldViolation>();
        if (users.teamNameTaken(input.name().trim(), id)) {
            throw new ConflictException("qiyue.team.name-taken", input.name());
        }
        if (Text.blankToNull(input.managerId()) != null) {
            var manager = users.findById(input.managerId());
            if (manager.isEmpty()) {
                violations.add(new FieldViolation("managerId", "qiyue.validation.unknown-reference", input.managerId()));
            } else if (manager.get().readOnly()) {
                // the manager approves the team's contracts: a read-only user would only stall them
                violations.add(new FieldViolation("managerId", "qiyue.team.viewer-manager", manager.get().username()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /**
     * The problems a save of this input would be refused for beyond its fields' own constraints (a new user without
     * a password, an unknown team, a user name already taken), all at once and without saving: for the user form,
     * which shows them together with the constraints' problems. {@code id} is the user edited, null for a new one.
     */
    public List<FieldViolation> problems(String id, UserInput input) {
        var violations = new ArrayList<FieldViolation>();
        if (id == null && input.password() == null) {
            violations.add(new FieldViolation("password", "qiyue.validation.required"));
        }
        if (Text.blankToNull(input.teamId()) != null && users.findTeam(input.teamId()).isEmpty()) {
            violations.add(new FieldViolation("teamId", "qiyue.validation.unknown-reference", input.teamId()));
        }
        if (id == null && !Text.isBlank(input.username())) {
            usernameTaken(input.username()).ifPresent(violations::add);
        }
        return violations;
    }

    /**
     * The user name taken, also but for case: two accounts told apart by case only are one person's name twice in
     * every picker and the audit trail (and one account on MariaDB, whose collation compares user names without case).
     */
    private Optional<FieldViolation> usernameTaken(String username) {
        return users.findUsernameIgnoringCase(username).map(taken -> taken.equals(username)
                ? new FieldViolation("username", "qiyue.user.username-taken", username)
                : new FieldViolation("username", "qiyue.user.username-taken-but-case", username, taken));
    }

    private void checkTeam(String teamId) {
        if (Text.blankToNull(teamId) != null && users.findTeam(teamId).isEmpty()) {
            throw new InvalidInputException("teamId", "qiyue.validation.unknown-reference", teamId);
        }
    }

    private static List<EntityChanged.Change> describe(User before, User after) {
        var changes = new ArrayList<EntityChanged.Change>();
        add(changes, "/username", before == null ? null : before.username(), after.username());
        add(changes, "/displayName", before == null ? null : before.displayName(), after.displayName());
        add(changes, "/email", before == null ? null : before.email(), after.email());
        add(changes, "/roles", before == null ? null : Users.formatRoles(before.roles()), Users.formatRoles(after.roles()));
        add(changes, "/teamId", before == null ? null : before.teamId(), after.teamId());
        add(changes, "/enabled", before == null ? null : String.valueOf(before.enabled()), String.valueOf(after.enabled()));
        return changes;
    }

    private static void add(List<EntityChanged.Change> changes, String field, String before, String after) {
        if (!java.util.Objects.equals(before, after)) {
            changes.add(new EntityChanged.Change(field, before, after));
        }
    }
}
