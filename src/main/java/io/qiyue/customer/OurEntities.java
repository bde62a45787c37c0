package io.qiyue.customer;

import io.qiyue.security.CurrentUser;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.FieldCipher;
import io.qiyue.security.Role;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.JsonTrees;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.Text;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import io.qiyue.shared.ReadMemo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Our signing entities: everyone reads them, admins maintain them. They are the company's own data,
 * printed in every contract, so their bank accounts are shown in full to every reader: masking is for
 * people's personal information.
 */
@Service
public class OurEntities {
    private static final String COLUMNS = "id, name, credit_code, address, legal_representative, bank_name,"
            + " bank_account_cipher, version, created_at, updated_at";

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final RowMapper<OurEntity> mapper;

    OurEntities(JdbcClient jdbc, FieldCipher cipher, Clock clock, ApplicationEventPublisher events, JsonMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.events = events;
        this.json = json;
        this.mapper = (rs, n) -> new OurEntity(rs.getString("id"), rs.getString("name"), rs.getString("credit_code"),
                rs.getString("address"), rs.getString("legal_representative"), rs.getString("bank_name"),
                cipher.decrypt(rs.getString("bank_account_cipher")), rs.getInt("version"),
                DbTime.read(rs, "created_at"), DbTime.read(rs, "updated_at"));
    }

    public List<OurEntity> list() {
        var user = CurrentUsers.require();
        return jdbc.sql("SELECT " + COLUMNS + " FROM our_entity ORDER BY name").query(mapper).list();
    }

    /** Our entities are the company's own data, the same for every reader and for work outside a request. */
    public Optional<OurEntity> find(String id) {
        return findRaw(id);
    }

    public OurEntity get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "our-entity", id));
    }

    /** One of our entities as a contract party (always an active organisation), for modules that check contracts. */
    public Optional<ContractParty> party(String id) {
        CurrentUsers.require();
        return findRaw(id).map(e -> new ContractParty(e.id(), CustomerKind.ORGANIZATION, e.name(), e.creditCode(), null,
                e.address(), CustomerStatus.ACTIVE));
    }

    @Transactional
    public OurEntity create(OurEntityInput input) {
        requireAdmin();
        Instant now = clock.instant();
        var entity = normalise(Ids.newId(), input, 1, now, now);
        jdbc.sql("INSERT INTO our_entity (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)")
                .params(entity.id(), entity.name(), entity.creditCode(), entity.address(), entity.legalRepresentative(),
                        entity.bankName(), cipher.encrypt(entity.bankAccount()), entity.version(),
                        DbTime.toDb(now), DbTime.toDb(now))
                .update();
        publish(entity.id(), EntityChanged.Action.CREATE, null, entity);
        return entity;
    }

    @Transactional
    public OurEntity update(String id, int expectedVersion, OurEntityInput input) {
        requireAdmin();
        var before = findRaw(id).orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "our-entity", id));
        if (before.version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
        var after = normalise(id, input, expectedVersion + 1, before.createdAt(), clock.instant());
        if (sameContent(before, after)) {
            // saving what is stored is no change: no version, no audit entry, and another editor's If-Match holds
            return before;
        }
        int changed = jdbc.sql("UPDATE our_entity SET name = ?, credit_code = ?, address = ?, legal_representative = ?,"
                        + " bank_name = ?, bank_account_cipher = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?")
                .params(after.name(), after.creditCode(), after.address(), after.legalRepresentative(), after.bankName(),
                        cipher.encrypt(after.bankAccount()), after.version(), DbTime.toDb(after.updatedAt()), id,
                        expectedVersion)
                .update();
        if (changed != 1) {
            throw new PreconditionFailedException("qiyue.problem.stale-raced", expectedVersion);
        }
        publish(id, EntityChanged.Action.UPDATE, before, after);
        return after;
    }

    private static boolean sameContent(OurEntity a, OurEntity b) {
        return java.util.Objects.equals(a.name(), b.name()) && java.util.Objects.equals(a.creditCode(), b.creditCode())
                && java.util.Objects.equals(a.address(), b.address())
                && java.util.Objects.equals(a.legalRepresentative(), b.legalRepresentative())
                && java.util.Objects.equals(a.bankName(), b.bankName())
                && java.util.Objects.equals(a.bankAccount(), b.bankAccount());
    }

    private Optional<OurEntity> findRaw(String id) {
        return ReadMemo.read("our-entity", id,
                () -> jdbc.sql("SELECT " + COLUMNS + " FROM our_entity WHERE id = ?").param(id).query(mapper).optional());
    }

    /**
     * The problems of the input beyond its fields' own constraints (an invalid credit code), without saving: for a
     * form that shows them together with those constraints' problems, all at once.
     */
    public List<io.qiyue.shared.FieldViolation> problems(OurEntityInput in) {
        if (Text.isBlank(in.creditCode())) {
            return List.of();
        }
        var problem = CreditCode.check(CreditCode.normalise(in.creditCode()));
        return problem == null ? List.of()
                : List.of(new io.qiyue.shared.FieldViolation("creditCode", "qiyue.customer.credit-code." + problem));
    }

    private OurEntity normalise(String id, OurEntityInput in, int version, Instant createdAt, Instant updatedAt) {
        String code = CreditCode.normalise(in.creditCode());
        var problem = CreditCode.check(code);
        if (problem != null) {
            throw new InvalidInputException("creditCode", "qiyue.customer.credit-code." + problem);
        }
        jdbc.sql("SELECT id, name FROM our_entity WHERE credit_code = ? AND id <> ?").params(code, id)
                .query((rs, n) -> List.of(rs.getString("id"), rs.getString("name"))).optional().ifPresent(other -> {
                    throw new ConflictException("qiyue.our-entity.duplicate-credit-code", code, other.get(1),
                            other.get(0));
                });
        String account = in.bankAccount() == null || in.bankAccount().isBlank() ? null
                : in.bankAccount().replace(" ", "");
        return new OurEntity(id, in.name().trim(), code, in.address().trim(), Text.blankToNull(in.legalRepresentative()),
                Text.blankToNull(in.bankName()), account, version, createdAt, updatedAt);
    }

    private void publish(String id, EntityChanged.Action action, OurEntity before, OurEntity after) {
        var changes = JsonTrees.diff(before == null ? null : json.valueToTree(auditView(before)),
                after == null ? null : json.valueToTree(auditView(after)));
        events.publishEvent(new EntityChanged("OUR_ENTITY", id, action, CurrentUsers.actorName(), clock.instant(),
                changes));
    }

    /** Bookkeeping fields left out; the account in full, so that a change in any digit is seen. */
    private static OurEntity auditView(OurEntity e) {
        return new OurEntity(e.id(), e.name(), e.creditCode(), e.address(), e.legalRepresentative(), e.bankName(),
                e.bankAccount(), 0, null, null);
    }

    private static void requireAdmin() {
        if (!CurrentUsers.require().has(Role.ADMIN)) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
    }
}
