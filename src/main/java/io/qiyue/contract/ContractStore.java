package io.qiyue.contract;

import io.qiyue.security.OwnerScope;
import io.qiyue.shared.Money;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.persistence.DbTime;
import io.qiyue.shared.persistence.Like;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contract, contract_version and numbering tables. */
@Repository
class ContractStore {
    private static final String SUMMARY_COLUMNS = "id, contract_no, type, title, customer_id, owner, amount_value,"
            + " amount_currency, start_date, end_date, status, version, updated_at";
    private static final String COLUMNS = SUMMARY_COLUMNS + ", our_entity_id, auto_renew, renewal_notice_days, terms,"
            + " created_at, created_by";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ContractStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Contract> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract WHERE id = ?").param(id)
                .query((rs, n) -> contract(rs)).optional();
    }

    PageResult<ContractSummary> page(ContractQuery query, Collection<String> customerIdsMatchingQ, OwnerScope scope,
                                     Paging paging) {
        var where = new StringBuilder(" WHERE 1=1");
        var params = new HashMap<String, Object>();
        if (!scope.all()) {
            where.append(" AND owner IN (:scopeOwners)");
            params.put("scopeOwners", List.copyOf(scope.owners()));
        }
        if (query.q() != null && !query.q().isBlank()) {
            String q = query.q().trim();
            where.append(" AND (LOWER(title) LIKE :q OR contract_no LIKE :qUpper");
            params.put("q", Like.containsLower(q));
            params.put("qUpper", Like.containsUpper(q));
            if (!customerIdsMatchingQ.isEmpty()) {
                where.append(" OR customer_id IN (:qCustomers)");
                params.put("qCustomers", List.copyOf(customerIdsMatchingQ));
            }
            where.append(")");
        }
        if (query.type() != null) {
            where.append(" AND type = :type");
            params.put("type", query.type().name());
        }
        if (query.status() != null) {
            where.append(" AND status = :status");
            params.put("status", query.status().name());
        }
        if (query.customerId() != null && !query.customerId().isBlank()) {
            where.append(" AND customer_id = :customerId");
            params.put("customerId", query.customerId());
        }
        if (query.owner() != null && !query.owner().isBlank()) {
            where.append(" AND owner = :owner");
            params.put("owner", query.owner());
        }
        if (query.endsBefore() != null) {
            where.append(" AND end_date < :endsBefore");
            params.put("endsBefore", query.endsBefore());
        }
        if (query.endsAfter() != null) {
            where.append(" AND end_date > :endsAfter");
            params.put("endsAfter", query.endsAfter());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM contract" + where).params(params).query(Long.class).single();
        var items = jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM contract" + where + " ORDER BY " + paging.orderBy()
                        + ", id LIMIT " + paging.size() + " OFFSET " + paging.offset())
                .params(params).query((rs, n) -> summary(rs)).list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    /** Keyset paging by id: the next {@code limit} contracts after {@code afterId} (null: from the start). */
    List<Contract> after(String afterId, int limit, OwnerScope scope) {
        var sql = new StringBuilder("SELECT " + COLUMNS + " FROM contract WHERE 1=1");
        var params = new HashMap<String, Object>();
        if (afterId != null) {
            sql.append(" AND id > :after");
            params.put("after", afterId);
        }
        if (!scope.all()) {
            sql.append(" AND owner IN (:owners)");
            params.put("owners", List.copyOf(scope.owners()));
        }
        sql.append(" ORDER BY id LIMIT ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> contract(rs)).list();
    }

    void insert(Contract c) {
        jdbc.sql("INSERT INTO contract (id, contract_no, type, title, customer_id, our_entity_id, owner, amount_value,"
                        + " amount_currency, start_date, end_date, auto_renew, renewal_notice_days, status, terms, version,"
                        + " created_at, created_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(c.id(), c.number(), c.type().name(), c.title(), c.customerId(), c.ourEntityId(), c.owner(),
                        c.amount() == null ? null : c.amount().scaled(), c.amount() == null ? null : c.amount().currency(),
                        c.startDate(), c.endDate(), c.autoRenew(), c.renewalNoticeDays(), c.status().name(),
                        json.writeValueAsString(c.terms()), c.version(), DbTime.toDb(c.createdAt()), c.createdBy(),
                        DbTime.toDb(c.updatedAt()))
                .update();
    }

    boolean update(Contract c, int expectedVersion) {
        return jdbc.sql("UPDATE contract SET title = ?, customer_id = ?, our_entity_id = ?, owner = ?, amount_value = ?,"
                        + " amount_currency = ?, start_date = ?, end_date = ?, auto_renew = ?, renewal_notice_days = ?,"
                        + " terms = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?")
                .params(c.title(), c.customerId(), c.ourEntityId(), c.owner(),
                        c.amount() == null ? null : c.amount().scaled(), c.amount() == null ? null : c.amount().currency(),
                        c.startDate(), c.endDate(), c.autoRenew(), c.renewalNoticeDays(),
                        json.writeValueAsString(c.terms()), c.version(), DbTime.toDb(c.updatedAt()), c.id(),
                        expectedVersion)
                .update() == 1;
    }

    /** A lifecycle transition: the status and the version change, nothing else. */
    boolean updateStatus(Contract c, int expectedVersion) {
        return jdbc.sql("UPDATE contract SET status = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?")
                .params(c.status().name(), c.version(), DbTime.toDb(c.updatedAt()), c.id(), expectedVersion)
                .update() == 1;
    }

    void insertVersion(String contractId, ContractVersion version, String content) {
        jdbc.sql("INSERT INTO contract_version (contract_id, version, kind, content, sha256, created_at, created_by)"
                        + " VALUES (?,?,?,?,?,?,?)")
                .params(contractId, version.version(), version.kind(), content, version.sha256(),
                        DbTime.toDb(version.createdAt()), version.createdBy())
                .update();
    }

    List<ContractVersion> versions(String contractId) {
        return jdbc.sql("SELECT version, kind, created_at, created_by, sha256 FROM contract_version"
                        + " WHERE contract_id = ? ORDER BY version")
                .param(contractId)
                .query((rs, n) -> new ContractVersion(rs.getInt("version"), rs.getString("kind"),
                        DbTime.read(rs, "created_at"), rs.getString("created_by"), rs.getString("sha256")))
                .list();
    }

    Optional<String> versionContent(String contractId, int version) {
        return jdbc.sql("SELECT content FROM contract_version WHERE contract_id = ? AND version = ?")
                .params(contractId, version).query(String.class).optional();
    }

    /**
     * The next sequence value for a type and year. The UPDATE takes the row lock, so concurrent
     * callers are serialised by the database on every supported engine; the very first number of a
     * year is inserted, and an insert that loses the race to another transaction throws
     * {@link org.springframework.dao.DuplicateKeyException}: the caller retries in a new transaction,
     * because on PostgreSQL the failed INSERT has aborted this one.
     */
    int nextNumber(String typeCode, int year) {
        int updated = jdbc.sql("UPDATE contract_number_sequence SET last_value = last_value + 1"
                + " WHERE type_code = ? AND seq_year = ?").params(typeCode, year).update();
        if (updated == 1) {
            return jdbc.sql("SELECT last_value FROM contract_number_sequence WHERE type_code = ? AND seq_year = ?")
                    .params(typeCode, year).query(Integer.class).single();
        }
        jdbc.sql("INSERT INTO contract_number_sequence (type_code, seq_year, last_value) VALUES (?, ?, 1)")
                .params(typeCode, year).update();
        return 1;
    }

    private Contract contract(ResultSet rs) throws SQLException {
        var s = summary(rs);
        return new Contract(s.id(), s.number(), s.type(), s.title(), s.customerId(), null,
                rs.getString("our_entity_id"), s.owner(), s.amount(), s.startDate(), s.endDate(),
                rs.getBoolean("auto_renew"), (Integer) rs.getObject("renewal_notice_days", Integer.class), s.status(),
                json.readValue(rs.getString("terms"), ContractTerms.class), s.version(), DbTime.read(rs, "created_at"),
                rs.getString("created_by"), s.updatedAt());
    }

    private static ContractSummary summary(ResultSet rs) throws SQLException {
        BigDecimal value = rs.getBigDecimal("amount_value");
        return new ContractSummary(rs.getString("id"), rs.getString("contract_no"),
                ContractType.valueOf(rs.getString("type")), rs.getString("title"), rs.getString("customer_id"), null,
                rs.getString("owner"), value == null ? null : new Money(value, rs.getString("amount_currency")),
                rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                ContractStatus.valueOf(rs.getString("status")), rs.getInt("version"), DbTime.read(rs, "updated_at"));
    }


    Map<String, Long> countByType(OwnerScope scope) {
        var counts = new HashMap<String, Long>();
        var sql = "SELECT type, COUNT(*) AS n FROM contract" + (scope.all() ? "" : " WHERE owner IN (:owners)")
                + " GROUP BY type";
        var spec = jdbc.sql(sql);
        if (!scope.all()) {
            spec = spec.param("owners", List.copyOf(scope.owners()));
        }
        spec.query(rs -> {
            counts.put(rs.getString("type"), rs.getLong("n"));
        });
        return counts;
    }
}
