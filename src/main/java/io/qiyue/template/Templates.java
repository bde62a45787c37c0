package io.qiyue.template;

import io.qiyue.contract.ContractType;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.Permission;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.qiyue.shared.ReadMemo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Templates as data: every save is validated (compiles, renders a sample contract, yields XHTML) and
 * kept as a numbered version; one template per type is active. The shipped defaults are stored on
 * first use, so that administrators edit them like any other template.
 */
@Service
public class Templates {
    private static final String COLUMNS = "id, contract_type, name, body, active, version, created_at, created_by, "
            + "updated_at, updated_by";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate newTx;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /** Who stores and upgrades the shipped defaults; an administrator's save replaces it in updated_by. */
    static final String SYSTEM = "system";
    private volatile boolean defaultsStored;

    Templates(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.newTx = new TransactionTemplate(transactions);
        this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.events = events;
    }

    private final RowMapper<Template> mapper = (rs, n) -> new Template(rs.getString("id"),
            ContractType.valueOf(rs.getString("contract_type")),
            DefaultTemplates.shownName(ContractType.valueOf(rs.getString("contract_type")), rs.getString("name")),
            rs.getString("body"),
            rs.getBoolean("active"), rs.getInt("version"), DbTime.read(rs, "created_at"), rs.getString("created_by"),
            DbTime.read(rs, "updated_at"), rs.getString("updated_by"));

    public List<Template> list(ContractType type) {
        storeDefaults();
        return type == null
                ? jdbc.sql("SELECT " + COLUMNS + " FROM doc_template ORDER BY contract_type, name").query(mapper).list()
                : jdbc.sql("SELECT " + COLUMNS + " FROM doc_template WHERE contract_type = ? ORDER BY name")
                .param(type.name()).query(mapper).list();
    }

    public Template get(String id) {
        storeDefaults();
        return find(id).orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "template", id));
    }

    /** The body of one saved version of a template. */
    public Optional<String> versionBody(String id, int version) {
        return jdbc.sql("SELECT body FROM doc_template_version WHERE template_id = ? AND version = ?")
                .param(id).param(version).query(String.class).optional();
    }

    /** The template that renders contracts of a type: the active one, else the shipped default. */
    public Template active(ContractType type) {
        // no storeDefaults() here: this runs inside contract saves, where a nested transaction would need a
        // second connection per save and can starve the pool; the defaults are stored at start-up instead
        return ReadMemo.read("active-template", type, () -> jdbc.sql("SELECT " + COLUMNS + " FROM doc_template"
                        + " WHERE contract_type = ? AND active = ? ORDER BY updated_at DESC, id").param(type.name())
                .param(true).query(mapper).list().stream().findFirst().orElseGet(() -> shipped(type)));
    }

    /**
     * The parts of a contract of this type that its template prints a default agreement for when the contract
     * leaves them empty: JSON pointers such as {@code /terms/dispute}, each with the default's words (see
     * {@link TemplateDefaults}).
     */
    public java.util.Map<String, String> suppliedDefaults(ContractType type) {
        // read with the active template it comes from: once per file of an import (see ReadMemo)
        return io.qiyue.shared.ReadMemo.read("supplied-defaults", type, () -> TemplateDefaults.of(active(type).body()));
    }

    static Template shipped(ContractType type) {
        return new Template(defaultId(type), type, DefaultTemplates.name(type), DefaultTemplates.body(type), true, 1,
                Instant.EPOCH, SYSTEM, Instant.EPOCH, SYSTEM);
    }

    public Template create(TemplateInput input) {
        String user = requireTemplateManager();
        TemplateEngine.validate(input.body(), input.type());
        Instant now = clock.instant();
        var t = new Template(Ids.newId(), input.type(), input.name().trim(), input.body(),
                !Boolean.FALSE.equals(input.active()), 1, now, user, now, user);
        tx.executeWithoutResult(s -> {
            insert(t);
            publish(EntityChanged.Action.CREATE, null, t);
        });
        return t;
    }

    public Template update(String id, int expectedVersion, TemplateInput input) {
        String user = requireTemplateManager();
        return tx.execute(s -> {
            var before = get(id);
            if (before.version() != expectedVersion) {
                throw new PreconditionFailedException("qiyue.problem.stale", before.version());
            }
            if (before.type() != input.type()) {
                throw new InvalidInputException("type", "qiyue.template.type-immutable");
            }
            TemplateEngine.validate(input.body(), input.type());
            boolean active = input.active() == null ? before.active() : input.active();
            if (before.name().equals(input.name().trim()) && before.body().equals(input.body())
                    && before.active() == active) {
                // saving what is stored is no change: no new version, so that another editor's If-Match still holds
                return before;
            }
            if (before.active() && !active && jdbc.sql("SELECT COUNT(*) FROM doc_template WHERE contract_type = ?"
                    + " AND active = ? AND id <> ?").params(before.type().name(), true, id).query(Long.class).single() == 0) {
                // the type would render from the shipped default without anyone having chosen it: activate another
                throw new InvalidInputException("active", "qiyue.template.last-active");
            }
            var after = new Template(id, before.type(), input.name().trim(), input.body(), active, expectedVersion + 1,
                    before.createdAt(), before.createdBy(), clock.instant(), user);
            int rows = jdbc.sql("UPDATE doc_template SET name = ?, body = ?, active = ?, version = ?, updated_at = ?, "
                            + "updated_by = ? WHERE id = ? AND version = ?")
                    .params(after.name(), after.body(), after.active(), after.version(), DbTime.toDb(after.updatedAt()),
                            user, id, expectedVersion).update();
            if (rows != 1) {
                throw new PreconditionFailedException("qiyue.problem.stale-raced", expectedVersion);
            }
            insertVersion(after);
            if (after.active()) {
                deactivateOthers(after);
            }
            publish(EntityChanged.Action.UPDATE, before, after);
            return after;
        });
    }

    private void publish(EntityChanged.Action action, Template before, Template after) {
        var changes = new java.util.ArrayList<EntityChanged.Change>();
        if (before == null || !before.name().equals(after.name())) {
            changes.add(new EntityChanged.Change("/name", before == null ? null : before.name(), after.name()));
        }
        if (before == null || !before.body().equals(after.body())) {
            changes.add(new EntityChanged.Change("/body", before == null ? null : "(version " + before.version() + ")",
                    "(version " + after.version() + ")"));
        }
        if (before == null || before.active() != after.active()) {
            changes.add(new EntityChanged.Change("/active", before == null ? null : String.valueOf(before.active()),
                    String.valueOf(after.active())));
        }
        events.publishEvent(new EntityChanged("TEMPLATE", after.id(), action, after.updatedBy(), after.updatedAt(),
                changes));
    }

    private void insert(Template t) {
        jdbc.sql("INSERT INTO doc_template (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(t.id(), t.type().name(), t.name(), t.body(), t.active(), t.version(),
                        DbTime.toDb(t.createdAt()), t.createdBy(), DbTime.toDb(t.updatedAt()), t.updatedBy())
                .update();
        insertVersion(t);
        if (t.active()) {
            deactivateOthers(t);
        }
    }

    private void insertVersion(Template t) {
        jdbc.sql("INSERT INTO doc_template_version (template_id, version, body, created_at, created_by) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(t.id(), t.version(), t.body(), DbTime.toDb(t.updatedAt()), t.updatedBy()).update();
    }

    private void deactivateOthers(Template t) {
        jdbc.sql("UPDATE doc_template SET active = ? WHERE contract_type = ? AND id <> ? AND active = ?")
                .params(false, t.type().name(), t.id(), true).update();
    }

    private Optional<Template> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM doc_template WHERE id = ?").param(id).query(mapper).optional();
    }

    /**
     * Stores the shipped default of every type that has none yet, once per process, each in its own
     * transaction. Called at start-up ({@link DefaultTemplatesAtStartup}) and, as a fallback, by reads
     * from outside any transaction.
     */
    void storeDefaults() {
        if (defaultsStored) {
            return;
        }
        for (ContractType type : ContractType.values()) {
            try {
                newTx.executeWithoutResult(s -> {
                    Integer count = jdbc.sql("SELECT COUNT(*) FROM doc_template WHERE id = ?").param(defaultId(type))
                            .query(Integer.class).single();
                    if (count == 0) {
                        var t = shipped(type);
                        Instant now = clock.instant();
                        boolean anyActive = jdbc.sql("SELECT COUNT(*) FROM doc_template WHERE contract_type = ? AND active = ?")
                                .param(type.name()).param(true).query(Integer.class).single() > 0;
                        insert(new Template(t.id(), type, DefaultTemplates.storedName(type), t.body(), !anyActive, 1,
                                now, SYSTEM, now, SYSTEM));
                    } else {
                        upgradeUnedited(type);
                    }
                });
            } catch (DuplicateKeyException raced) {
                // another instance stored it first
            }
        }
        defaultsStored = true;
    }

    /**
     * Replaces a stored default that no administrator has saved (last written by {@link #SYSTEM}) with the body
     * this release ships, as a new version, so that existing installations get corrected wording and layout; a
     * default an administrator edited is theirs and stays as it is.
     */
    private void upgradeUnedited(ContractType type) {
        var stored = find(defaultId(type)).orElseThrow();
        String body = DefaultTemplates.body(type);
        if (!SYSTEM.equals(stored.updatedBy()) || stored.body().equals(body)) {
            return;
        }
        var upgraded = new Template(stored.id(), type, stored.name(), body, stored.active(), stored.version() + 1,
                stored.createdAt(), stored.createdBy(), clock.instant(), SYSTEM);
        int rows = jdbc.sql("UPDATE doc_template SET body = ?, version = ?, updated_at = ?, updated_by = ? "
                        + "WHERE id = ? AND version = ? AND updated_by = ?")
                .params(body, upgraded.version(), DbTime.toDb(upgraded.updatedAt()), SYSTEM, stored.id(),
                        stored.version(), SYSTEM).update();
        if (rows == 1) {
            insertVersion(upgraded);
            publish(EntityChanged.Action.UPDATE, stored, upgraded);
        }
    }

    static String defaultId(ContractType type) {
        return "default-" + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Templates and clauses are the administrator's and legal's ({@link Permission#MANAGE_TEMPLATES}). */
    static String requireTemplateManager() {
        var user = CurrentUsers.require();
        if (!user.may(Permission.MANAGE_TEMPLATES)) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        return user.username();
    }
}
