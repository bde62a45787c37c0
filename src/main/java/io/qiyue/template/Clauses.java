package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractType;
import io.qiyue.customer.Customer;
import io.qiyue.customer.OurEntity;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.Ids;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.qiyue.shared.ReadMemo;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The clause library: administrators write clauses; approved ones are printed in the documents of
 * their category. Every saved state is kept as a clause version, and every change is audited.
 */
@Service
public class Clauses {
    private static final String COLUMNS = "id, category, title, body, approved, conspicuous, version, created_at, "
            + "created_by, updated_at, updated_by";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Clauses(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** One saved state of a clause. */
    public record ClauseVersion(int version, String category, String title, String text, boolean approved,
                                boolean conspicuous, Instant createdAt, String createdBy) {
    }

    public List<ClauseVersion> versions(String id) {
        get(id);
        return jdbc.sql("SELECT version, category, title, body, approved, conspicuous, created_at, created_by"
                        + " FROM clause_version WHERE clause_id = ? ORDER BY version")
                .param(id)
                .query((rs, n) -> new ClauseVersion(rs.getInt("version"), rs.getString("category"),
                        rs.getString("title"), rs.getString("body"), rs.getBoolean("approved"),
                        rs.getBoolean("conspicuous"), DbTime.read(rs, "created_at"), rs.getString("created_by")))
                .list();
    }

    private final RowMapper<Clause> mapper = (rs, n) -> new Clause(rs.getString("id"), rs.getString("category"),
            rs.getString("title"), rs.getString("body"), rs.getBoolean("approved"), rs.getBoolean("conspicuous"),
            rs.getInt("version"), DbTime.read(rs, "created_at"), rs.getString("created_by"),
            DbTime.read(rs, "updated_at"), rs.getString("updated_by"));

    public List<Clause> list(String category) {
        return category == null || category.isBlank()
                ? jdbc.sql("SELECT " + COLUMNS + " FROM clause ORDER BY category, title").query(mapper).list()
                : jdbc.sql("SELECT " + COLUMNS + " FROM clause WHERE category = ? ORDER BY title").param(category)
                .query(mapper).list();
    }

    public Clause get(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM clause WHERE id = ?").param(id).query(mapper).optional()
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "clause", id));
    }

    /**
     * What a clause of this text prints in the document of {@code contract} (its 甲方 {@code customer}, its 乙方
     * {@code ourEntity}, either null when unknown): its {{variables}} filled in, or empty when it fills in to nothing
     * there and the document leaves it out. For checking a clause written for some contracts only.
     */
    public static Optional<String> printed(String text, Contract contract, Customer customer, OurEntity ourEntity) {
        var clause = new Clause(null, contract.type().name(), "", text, true, false, 1, null, null, null, null);
        var printed = DocumentModels.withLibrary(DocumentModels.of(contract, customer, ourEntity), List.of(clause))
                .clauses();
        return printed.stream().findFirst().map(DocumentModel.ClauseText::text);
    }

    /**
     * The approved library clauses the document of {@code contract} prints, as it prints them (their {{variables}}
     * filled in for its parties; a clause that fills in to nothing is left out, as the document leaves it out), in
     * the document's order. The review reads them beside the contract's own texts: they are the contract's words as
     * much as its fields are (an outside tester's void exemption clause from the library went unreported). The
     * parties are read only when some clause applies.
     */
    public List<String> printedIn(Contract contract, java.util.function.Supplier<Customer> customer,
                                  java.util.function.Supplier<OurEntity> ourEntity) {
        var library = approvedFor(contract.type());
        if (library.isEmpty()) {
            return List.of();
        }
        return DocumentModels.withLibrary(DocumentModels.of(contract, customer.get(), ourEntity.get()), library)
                .clauses().stream().map(DocumentModel.ClauseText::text).toList();
    }

    /** Approved clauses printed in a document of this type: GENERAL ones and those of the type, by title. */
    List<Clause> approvedFor(ContractType type) {
        return ReadMemo.read("approved-clauses", type, () -> List.copyOf(jdbc.sql("SELECT " + COLUMNS + " FROM clause"
                        + " WHERE approved = ? AND category IN (?, ?) ORDER BY created_at, id").param(true)
                .param(Clause.GENERAL).param(type.name()).query(mapper).list()));
    }

    @Transactional
    public Clause create(ClauseInput input) {
        String user = Templates.requireTemplateManager();
        TemplateEngine.validateClause(input.text());
        Instant now = clock.instant();
        var c = new Clause(Ids.newId(), input.category().trim(), input.title().trim(), input.text(),
                Boolean.TRUE.equals(input.approved()), Boolean.TRUE.equals(input.conspicuous()), 1, now, user, now,
                user);
        jdbc.sql("INSERT INTO clause (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.category(), c.title(), c.text(), c.approved(), c.conspicuous(), c.version(),
                        DbTime.toDb(now), user, DbTime.toDb(now), user).update();
        insertVersion(c);
        publish(EntityChanged.Action.CREATE, null, c);
        return c;
    }

    @Transactional
    public Clause update(String id, int expectedVersion, ClauseInput input) {
        String user = Templates.requireTemplateManager();
        var before = get(id);
        if (before.version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
        TemplateEngine.validateClause(input.text());
        if (before.category().equals(input.category().trim()) && before.title().equals(input.title().trim())
                && before.text().equals(input.text()) && before.approved() == Boolean.TRUE.equals(input.approved())
                && before.conspicuous() == Boolean.TRUE.equals(input.conspicuous())) {
            // saving what is stored is no change: no new version, so that another editor's If-Match still holds
            return before;
        }
        Instant now = clock.instant();
        var after = new Clause(id, input.category().trim(), input.title().trim(), input.text(),
                Boolean.TRUE.equals(input.approved()), Boolean.TRUE.equals(input.conspicuous()), expectedVersion + 1,
                before.createdAt(), before.createdBy(), now, user);
        int rows = jdbc.sql("UPDATE clause SET category = ?, title = ?, body = ?, approved = ?, conspicuous = ?, "
                        + "version = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?")
                .params(after.category(), after.title(), after.text(), after.approved(), after.conspicuous(),
                        after.version(), DbTime.toDb(now), user, id, expectedVersion).update();
        if (rows != 1) {
            throw new PreconditionFailedException("qiyue.problem.stale-raced", expectedVersion);
        }
        insertVersion(after);
        publish(EntityChanged.Action.UPDATE, before, after);
        return after;
    }

    private void insertVersion(Clause c) {
        jdbc.sql("INSERT INTO clause_version (clause_id, version, category, title, body, approved, conspicuous,"
                        + " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.version(), c.category(), c.title(), c.text(), c.approved(), c.conspicuous(),
                        DbTime.toDb(c.updatedAt()), c.updatedBy())
                .update();
    }

    private void publish(EntityChanged.Action action, Clause before, Clause after) {
        var changes = new ArrayList<EntityChanged.Change>();
        change(changes, "/category", before == null ? null : before.category(), after.category());
        change(changes, "/title", before == null ? null : before.title(), after.title());
        change(changes, "/text", before == null ? null : before.text(), after.text());
        change(changes, "/approved", before == null ? null : String.valueOf(before.approved()),
                String.valueOf(after.approved()));
        change(changes, "/conspicuous", before == null ? null : String.valueOf(before.conspicuous()),
                String.valueOf(after.conspicuous()));
        events.publishEvent(new EntityChanged("CLAUSE", after.id(), action, after.updatedBy(), after.updatedAt(),
                changes));
    }

    private static void change(List<EntityChanged.Change> changes, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new EntityChanged.Change(field, before, after));
        }
    }
}
