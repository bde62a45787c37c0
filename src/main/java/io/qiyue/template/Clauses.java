package io.qiyue.template;

import io.qiyue.contract.ContractType;
import io.qiyue.shared.Ids;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The clause library: administrators write clauses; approved ones are printed in the documents of their category. */
@Service
public class Clauses {
    private static final String COLUMNS = "id, category, title, body, approved, conspicuous, version, created_at, "
            + "created_by, updated_at, updated_by";

    private final JdbcClient jdbc;
    private final Clock clock;

    Clauses(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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

    /** Approved clauses printed in a document of this type: GENERAL ones and those of the type, by title. */
    List<Clause> approvedFor(ContractType type) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM clause WHERE approved = ? AND category IN (?, ?) "
                        + "ORDER BY created_at, id").param(true).param(Clause.GENERAL).param(type.name())
                .query(mapper).list();
    }

    public Clause create(ClauseInput input) {
        String user = Templates.requireAdmin();
        TemplateEngine.validateClause(input.text());
        Instant now = clock.instant();
        var c = new Clause(Ids.newId(), input.category().trim(), input.title().trim(), input.text(),
                Boolean.TRUE.equals(input.approved()), Boolean.TRUE.equals(input.conspicuous()), 1, now, user, now,
                user);
        jdbc.sql("INSERT INTO clause (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.category(), c.title(), c.text(), c.approved(), c.conspicuous(), c.version(),
                        DbTime.toDb(now), user, DbTime.toDb(now), user).update();
        return c;
    }

    public Clause update(String id, int expectedVersion, ClauseInput input) {
        String user = Templates.requireAdmin();
        var before = get(id);
        if (before.version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
        TemplateEngine.validateClause(input.text());
        Instant now = clock.instant();
        var after = new Clause(id, input.category().trim(), input.title().trim(), input.text(),
                Boolean.TRUE.equals(input.approved()), Boolean.TRUE.equals(input.conspicuous()), expectedVersion + 1,
                before.createdAt(), before.createdBy(), now, user);
        int rows = jdbc.sql("UPDATE clause SET category = ?, title = ?, body = ?, approved = ?, conspicuous = ?, "
                        + "version = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?")
                .params(after.category(), after.title(), after.text(), after.approved(), after.conspicuous(),
                        after.version(), DbTime.toDb(now), user, id, expectedVersion).update();
        if (rows != 1) {
            throw new PreconditionFailedException("qiyue.problem.stale", expectedVersion);
        }
        return after;
    }
}
