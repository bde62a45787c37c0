package io.qiyue.signing;

import io.qiyue.customer.OurEntities;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.Role;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The seals of our signing entities and who may use them. Everyone signed in may see an entity's seals and
 * their images (they read our entities, and a signatory must recognise the seal they put on a contract); only
 * admins upload seals, change who may use them, deactivate them and read the use log, which names contracts
 * of every owner.
 * <p>
 * For the signing workflow: {@link #usableBy}, {@link #find}, {@link #image} and {@link #recordUse}. These run in
 * the caller's transaction and check nothing about the current request's user: the workflow decides who signs.
 */
@Service
public class Seals {
    static final String ENTITY_TYPE = "SEAL";
    static final int MAX_NAME = 100;
    static final int MAX_PURPOSE = 200;
    static final int MAX_USERS = 200;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Map<String, String> USE_SORT = Map.of("usedAt", "used_at", "username", "username");

    private final SealStore store;
    private final OurEntities ourEntities;
    private final UserAdministration users;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Seals(SealStore store, OurEntities ourEntities, UserAdministration users, Clock clock,
          ApplicationEventPublisher events) {
        this.store = store;
        this.ourEntities = ourEntities;
        this.users = users;
        this.clock = clock;
        this.events = events;
    }

    // ---- for the signing workflow

    /** The active seals of the entity that {@code username} may use: contract seals (合同专用章) first, then official ones. */
    public List<Seal> usableBy(String username, String ourEntityId) {
        return store.usableBy(username, ourEntityId);
    }

    public Optional<Seal> find(String sealId) {
        return store.find(sealId);
    }

    /** The stored PNG (RGBA, transparent background). */
    public byte[] image(String sealId) {
        return store.image(sealId).orElseThrow(() -> notFound(sealId));
    }

    /**
     * Records that {@code username} put the seal on the document of {@code contractId} whose SHA-256 is
     * {@code documentSha256}, for {@code purpose} (e.g. {@code SIGN}, {@code 骑缝章}). Refused with a 403 naming the
     * seal when the seal is deactivated or the user is not among its users. No transaction of its own: the
     * use is written in the caller's, so that it is rolled back with a signature that fails.
     */
    public SealUse recordUse(String sealId, String contractId, String username, String documentSha256, String purpose) {
        var seal = store.find(sealId).orElseThrow(() -> notFound(sealId));
        if (!seal.active()) {
            throw new ForbiddenException("qiyue.seal.inactive", seal.name(), seal.id());
        }
        if (!seal.usableBy(username)) {
            throw new ForbiddenException("qiyue.seal.not-usable", seal.name(), seal.id(), String.valueOf(username));
        }
        var violations = new ArrayList<FieldViolation>();
        if (Text.isBlank(contractId)) {
            violations.add(new FieldViolation("contractId", "qiyue.validation.required"));
        }
        if (documentSha256 == null || !SHA256.matcher(documentSha256).matches()) {
            violations.add(new FieldViolation("documentSha256", "qiyue.seal.sha256"));
        }
        if (Text.isBlank(purpose) || purpose.length() > MAX_PURPOSE) {
            violations.add(new FieldViolation("purpose", "qiyue.seal.purpose", MAX_PURPOSE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var use = new SealUse(Ids.newId(), sealId, contractId, username, clock.instant(), documentSha256,
                Text.strip(purpose));
        store.insertUse(use);
        events.publishEvent(new EntityChanged(ENTITY_TYPE, sealId, EntityChanged.Action.UPDATE, username, use.usedAt(),
                List.of(new EntityChanged.Change("/use", null, "contract " + contractId + ", document sha256 "
                        + documentSha256 + ", " + use.purpose()))));
        return use;
    }

    // ---- for the API and the pages

    /** The entity's seals, deactivated ones included (after the active ones). */
    public List<Seal> list(String ourEntityId) {
        CurrentUsers.require();
        ourEntities.get(ourEntityId);
        return store.byEntity(ourEntityId);
    }

    public Seal get(String sealId) {
        return store.find(sealId).orElseThrow(() -> notFound(sealId));
    }

    /**
     * A new seal from an uploaded image (see {@link SealImages#normalise}); every invalid field is reported at
     * once, the image's problem among them.
     */
    @Transactional
    public Seal upload(String ourEntityId, String kind, String name, List<String> usernames, byte[] file,
                       String fileName) {
        requireAdmin();
        ourEntities.get(ourEntityId);
        var violations = new ArrayList<FieldViolation>();
        SealKind sealKind = null;
        if (Text.isBlank(kind)) {
            violations.add(new FieldViolation("kind", "qiyue.validation.required"));
        } else {
            try {
                sealKind = SealKind.valueOf(Text.strip(kind).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("kind", "qiyue.seal.kind", Text.strip(kind)));
            }
        }
        String sealName = Text.blankToNull(name);
        if (sealName == null) {
            violations.add(new FieldViolation("name", "qiyue.validation.required"));
        } else if (sealName.codePointCount(0, sealName.length()) > MAX_NAME) {
            violations.add(new FieldViolation("name", "qiyue.seal.name-length", MAX_NAME));
        }
        List<String> allowed = checkUsers(usernames, violations);
        byte[] png = null;
        try {
            png = SealImages.normalise(file, fileName);
        } catch (InvalidInputException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        int[] size = dimensions(png);
        Instant now = clock.instant();
        String actor = CurrentUsers.actorName();
        var seal = new Seal(Ids.newId(), ourEntityId, sealKind, sealName, size[0], size[1], io.qiyue.shared.Hashes.sha256Hex(png), true, allowed,
                actor, now, actor, now, 1);
        store.insert(seal, png);
        events.publishEvent(new EntityChanged(ENTITY_TYPE, seal.id(), EntityChanged.Action.CREATE, actor, now, List.of(
                new EntityChanged.Change("/ourEntityId", null, ourEntityId),
                new EntityChanged.Change("/kind", null, seal.kind().name()),
                new EntityChanged.Change("/name", null, seal.name()),
                new EntityChanged.Change("/sha256", null, seal.sha256()),
                new EntityChanged.Change("/users", null, String.join(",", seal.users())))));
        return seal;
    }

    /** Who may use the seal, replaced as a whole (optimistic: {@code expectedVersion} from If-Match). */
    @Transactional
    public Seal changeUsers(String sealId, int expectedVersion, List<String> usernames) {
        requireAdmin();
        var before = get(sealId);
        if (before.version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
        var violations = new ArrayList<FieldViolation>();
        List<String> allowed = checkUsers(usernames, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Instant now = clock.instant();
        String actor = CurrentUsers.actorName();
        if (!store.changeUsers(sealId, expectedVersion, allowed, now, actor)) {
            throw new PreconditionFailedException("qiyue.problem.stale-raced", expectedVersion);
        }
        var after = get(sealId);
        events.publishEvent(new EntityChanged(ENTITY_TYPE, sealId, EntityChanged.Action.UPDATE, actor, now, List.of(
                new EntityChanged.Change("/users", String.join(",", before.users()), String.join(",", after.users())))));
        return after;
    }

    /**
     * Takes the seal out of use; it stays, with its image and use log, for the documents that carry it. Deactivating
     * a deactivated seal changes nothing. {@code expectedVersion} (from If-Match) is checked when given.
     */
    @Transactional
    public Seal deactivate(String sealId, Integer expectedVersion) {
        requireAdmin();
        var before = get(sealId);
        if (expectedVersion != null && before.version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
        if (!before.active()) {
            return before;
        }
        Instant now = clock.instant();
        String actor = CurrentUsers.actorName();
        if (!store.deactivate(sealId, before.version(), now, actor)) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
        events.publishEvent(new EntityChanged(ENTITY_TYPE, sealId, EntityChanged.Action.UPDATE, actor, now,
                List.of(new EntityChanged.Change("/active", "true", "false"))));
        return get(sealId);
    }

    /**
     * One page of the seal's use log (sortable by {@code usedAt} or {@code username}; newest first unless asked
     * otherwise); admins only, since it names contracts of every owner.
     */
    public PageResult<SealUse> uses(String sealId, Integer page, Integer size, String sort) {
        requireAdmin();
        get(sealId);
        return store.uses(sealId, Paging.of(page, size, sort, USE_SORT, "usedAt,desc"));
    }

    /** The usernames, trimmed, without duplicates; each must be a user's. */
    private List<String> checkUsers(List<String> usernames, List<FieldViolation> violations) {
        if (usernames == null) {
            return List.of();
        }
        var unique = new TreeSet<String>();
        for (int i = 0; i < usernames.size(); i++) {
            String username = Text.blankToNull(usernames.get(i));
            if (username == null) {
                continue;
            }
            if (users.findByUsername(username).isEmpty()) {
                violations.add(new FieldViolation("users[" + i + "]", "qiyue.seal.unknown-user", username));
            } else {
                unique.add(username);
            }
        }
        if (unique.size() > MAX_USERS) {
            violations.add(new FieldViolation("users", "qiyue.seal.too-many-users", MAX_USERS));
        }
        return List.copyOf(unique);
    }

    /** Width and height from the IHDR chunk, which a PNG has first, right after its 8-byte signature. */
    private static int[] dimensions(byte[] png) {
        var header = java.nio.ByteBuffer.wrap(png, 16, 8);
        return new int[]{header.getInt(), header.getInt()};
    }

    private static NotFoundException notFound(String sealId) {
        return new NotFoundException("qiyue.problem.not-found", "seal", sealId);
    }

    private static void requireAdmin() {
        if (!CurrentUsers.require().has(Role.ADMIN)) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
    }
}
