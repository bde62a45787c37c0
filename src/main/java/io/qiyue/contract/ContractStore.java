package io.qiyue.contract;

import io.qiyue.security.OwnerScope;
import io.qiyue.shared.Money;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.persistence.DbTime;
import io.qiyue.shared.persistence.Like;
import io.qiyue.shared.persistence.MultiRowInsert;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contract, contract_version and numbering tables. */
@Component
class ContractStore {
    private static final String SUMMARY_COLUMNS = "id, contract_no, type, title, customer_id, owner, amount_value,"
            + " amount_currency, start_date, end_date, status, version, updated_at, our_entity_id";
    private static final String COLUMNS = SUMMARY_COLUMNS + ", auto_renew, renewal_notice_days, terms,"
            + " created_at, created_by";
    /**
     * One contract with its customer's name and its terms' form, in one round trip rather than two. The name is read
     * from the customer table directly, as the list's search by name does, because GET by id is the hottest read.
     */
    private static final String BY_ID_WITH_CUSTOMER_NAME = "SELECT " + COLUMNS + ", terms_form, (SELECT cu.name"
            + " FROM customer cu WHERE cu.id = contract.customer_id) AS customer_name FROM contract WHERE id = ?";

    /** The review module's view: one row per reviewed contract, the version reviewed and what stands. */
    private static final String WITH_REVIEW_STATE = " FROM contract LEFT JOIN contract_review_state crs"
            + " ON crs.contract_id = contract.id";
    /**
     * A review of an earlier version is outdated, and so is one made under other rules (another ruleset, other
     * settings) while the contract is still being made; a signed contract keeps the review it was signed with.
     */
    private static final String REVIEW_STATE = "(CASE WHEN crs.contract_id IS NULL THEN 'NONE'"
            + " WHEN crs.reviewed_version <> contract.version THEN 'OUTDATED'"
            + " WHEN contract.status IN ('DRAFT', 'IN_APPROVAL', 'APPROVED', 'SIGNING')"
            + " AND (crs.current_settings = 0 OR crs.ruleset_version <> :rulesetInForce) THEN 'OUTDATED'"
            + " ELSE crs.review_state END)";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    /** Asked when a list is read, not when this is made: the review module is made after the contract module. */
    private final ReviewRulesInForce rules;
    private final TermsForm termsForm;

    ContractStore(JdbcClient jdbc, JsonMapper json,
                  org.springframework.beans.factory.ObjectProvider<ReviewRulesInForce> rules) {
        this.jdbc = jdbc;
        this.json = json;
        this.rules = () -> rules.getObject().rulesetVersion();
        this.termsForm = new TermsForm(json);
    }

    Optional<Contract> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract WHERE id = ?").param(id)
                .query((rs, n) -> contract(rs)).optional();
    }

    /** {@link #find} with the customer's name ({@link #BY_ID_WITH_CUSTOMER_NAME}). */
    Optional<Contract> findWithCustomerName(String id) {
        return jdbc.sql(BY_ID_WITH_CUSTOMER_NAME).param(id)
                .query((rs, n) -> {
                    var c = contract(rs);
                    return new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(),
                            rs.getString("customer_name"), c.ourEntityId(), c.owner(), c.amount(), c.startDate(),
                            c.endDate(), c.autoRenew(), c.renewalNoticeDays(), c.status(), c.terms(), c.version(),
                            c.createdAt(), c.createdBy(), c.updatedAt());
                }).optional();
    }

    /**
     * {@link #findWithCustomerName} as GET by id answers it: the terms as stored when they are in the current form
     * ({@link TermsForm}), so that the hottest read does not parse and write them again.
     */
    Optional<ContractJson> findJson(String id) {
        return jdbc.sql(BY_ID_WITH_CUSTOMER_NAME).param(id)
                .query((rs, n) -> {
                    var s = summary(rs);
                    return new ContractJson(s.id(), s.number(), s.type(), s.title(), s.customerId(),
                            rs.getString("customer_name"), rs.getString("our_entity_id"), s.owner(), s.amount(),
                            s.startDate(), s.endDate(), rs.getBoolean("auto_renew"),
                            (Integer) rs.getObject("renewal_notice_days", Integer.class), s.status(),
                            termsForm.answer(rs.getString("terms"), rs.getString("terms_form")), s.version(),
                            DbTime.read(rs, "created_at"), rs.getString("created_by"), s.updatedAt());
                }).optional();
    }

    /** The contracts with these numbers, by number: a file's natural keys looked up a few hundred at a time. */
    Map<String, Contract> findByNumbers(Collection<String> numbers) {
        var found = new HashMap<String, Contract>();
        var all = List.copyOf(new java.util.LinkedHashSet<>(numbers));
        for (int from = 0; from < all.size(); from += 500) {
            jdbc.sql("SELECT " + COLUMNS + " FROM contract WHERE contract_no IN (:numbers)")
                    .param("numbers", all.subList(from, Math.min(all.size(), from + 500)))
                    .query((rs, n) -> contract(rs)).list().forEach(c -> found.put(c.number(), c));
        }
        return found;
    }

    Optional<Contract> findByNumber(String number) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract WHERE contract_no = ?").param(number)
                .query((rs, n) -> contract(rs)).optional();
    }

    /**
     * The first contract of this customer with this type, title and term, by the customer's index: what a file row
     * without a number is taken to be when the file is imported again.
     */
    Optional<Contract> findAlike(String customerId, ContractType type, String title, java.time.LocalDate start,
                                 java.time.LocalDate end) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract WHERE customer_id = :customer AND type = :type"
                        + " AND title = :title AND " + (start == null ? "start_date IS NULL" : "start_date = :start")
                        + " AND " + (end == null ? "end_date IS NULL" : "end_date = :end") + " ORDER BY created_at, id")
                .param("customer", customerId).param("type", type.name()).param("title", title)
                .param("start", start).param("end", end)
                .query((rs, n) -> contract(rs)).list().stream().findFirst();
    }

    /** The day the renewal notice is due, for a contract stored in force at once (an import). */
    void fixRenewalNotice(Contract c) {
        jdbc.sql("UPDATE contract SET renewal_notice_on = ? WHERE id = ?").params(renewalNoticeOn(c), c.id()).update();
    }

    /**
     * How the list's {@code q} is matched: as a substring of the title (case ignored) or the number, or a customer
     * among those whose names match, read from the table ({@link Substring}); or as the ids the search index found
     * for it ({@link Found}), so that the database reads those rows only.
     */
    sealed interface TextMatch {
        record Substring(Collection<String> customerIds) implements TextMatch {
        }

        record Found(Collection<String> contractIds) implements TextMatch {
        }
    }

    /** The list's WHERE clause (its parameters go into {@code params}): one for the page and the export. */
    private static String where(ContractQuery query, TextMatch textMatch, OwnerScope scope,
                                Map<String, Object> params) {
        var where = new StringBuilder(" WHERE 1=1");
        if (!scope.all()) {
            where.append(" AND owner IN (:scopeOwners)");
            params.put("scopeOwners", List.copyOf(scope.owners()));
        }
        if (query.q() != null && !query.q().isBlank()) {
            switch (textMatch) {
                case TextMatch.Found found when found.contractIds().isEmpty() -> where.append(" AND 1=0");
                case TextMatch.Found found -> {
                    where.append(" AND id IN (:qIds)");
                    params.put("qIds", List.copyOf(found.contractIds()));
                }
                case TextMatch.Substring substring -> {
                    String q = query.q().trim();
                    where.append(" AND (LOWER(title) LIKE :q OR contract_no LIKE :qUpper");
                    params.put("q", Like.containsLower(q));
                    params.put("qUpper", Like.containsUpper(q));
                    if (!substring.customerIds().isEmpty()) {
                        where.append(" OR customer_id IN (:qCustomers)");
                        params.put("qCustomers", List.copyOf(substring.customerIds()));
                    }
                    where.append(")");
                }
            }
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
        if (query.notFullyPaid()) {
            where.append(" AND id IN (SELECT contract_id FROM contract_payment_open)");
        }
        if (query.review() != null) {
            where.append(" AND ").append(REVIEW_STATE).append(" IN (:reviewStates)");
            params.put("reviewStates", query.review().states().stream().map(Enum::name).toList());
        }
        return where.toString();
    }

    PageResult<ContractSummary> page(ContractQuery query, Collection<String> customerIdsMatchingQ, OwnerScope scope,
                                     Paging paging) {
        return page(query, new TextMatch.Substring(customerIdsMatchingQ), scope, paging,
                java.util.OptionalLong.empty());
    }

    /** A page of the list; {@code counted}: the total when known already (from the search index), else counted here. */
    PageResult<ContractSummary> page(ContractQuery query, TextMatch textMatch, OwnerScope scope,
                                     Paging paging, java.util.OptionalLong counted) {
        var params = new HashMap<String, Object>();
        params.put("rulesetInForce", rules.rulesetVersion());
        String where = where(query, textMatch, scope, params);
        String from = query.review() != null ? WITH_REVIEW_STATE : " FROM contract";
        long total = counted.isPresent() ? counted.getAsLong()
                : jdbc.sql("SELECT COUNT(*)" + from + where).params(params).query(Long.class).single();
        var items = jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", " + REVIEW_STATE + " AS review_state" + WITH_REVIEW_STATE
                        + where + " ORDER BY " + paging.orderBy() + ", id LIMIT " + paging.size() + " OFFSET "
                        + paging.offset())
                .params(params).query((rs, n) -> withReviewState(summary(rs), rs.getString("review_state"))).list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    /** The page of the contracts {@code ids} (an index found and ordered them), in the page's order. */
    PageResult<ContractSummary> pageOf(List<String> ids, Paging paging, long total) {
        if (ids.isEmpty()) {
            return new PageResult<>(List.of(), paging.page(), paging.size(), total);
        }
        var items = jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", " + REVIEW_STATE + " AS review_state"
                        + WITH_REVIEW_STATE + " WHERE id IN (:ids) ORDER BY " + paging.orderBy() + ", id")
                .param("ids", ids).param("rulesetInForce", rules.rulesetVersion())
                .query((rs, n) -> withReviewState(summary(rs), rs.getString("review_state"))).list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    /**
     * Every contract of the list (its filters, scope and order), handed over in batches while the database
     * sends them: a cursor with a fetch size, so that memory holds one batch whatever the length. PostgreSQL
     * streams only inside a transaction, and MariaDB only while nothing else uses the connection: the caller
     * runs this in a read-only transaction and does any further reading for a batch on another connection.
     */
    void forEachListed(ContractQuery query, TextMatch textMatch, OwnerScope scope, Paging order,
                       int batch, java.util.function.Consumer<List<ContractSummary>> each) {
        var params = new HashMap<String, Object>();
        params.put("rulesetInForce", rules.rulesetVersion());
        String where = where(query, textMatch, scope, params);
        var pending = new ArrayList<ContractSummary>(batch);
        jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", " + REVIEW_STATE + " AS review_state" + WITH_REVIEW_STATE + where
                        + " ORDER BY " + order.orderBy() + ", id")
                .withFetchSize(batch).params(params)
                .query(rs -> {
                    pending.add(withReviewState(summary(rs), rs.getString("review_state")));
                    if (pending.size() >= batch) {
                        each.accept(List.copyOf(pending));
                        pending.clear();
                    }
                });
        if (!pending.isEmpty()) {
            each.accept(List.copyOf(pending));
        }
    }

    /** Keyset paging by id: the next {@code limit} contracts after {@code afterId} (null: from the start). */
    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM contract").query(Long.class).single();
    }

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
        insert(c, null, null);
    }

    /**
     * Stores a contract that enters in force at once (an import) with its renewal notice day and the day the file
     * says it was signed (null: none given), in one statement.
     */
    void insertWithRenewalNotice(Contract c, LocalDate signedOn) {
        insert(c, renewalNoticeOn(c), signedOn);
    }

    private void insert(Contract c, LocalDate renewalNoticeOn, LocalDate signedOn) {
        String terms = json.writeValueAsString(c.terms());
        jdbc.sql("INSERT INTO contract (id, contract_no, type, title, customer_id, our_entity_id, owner, amount_value,"
                        + " amount_currency, start_date, end_date, auto_renew, renewal_notice_days, status, terms, terms_form,"
                        + " version, created_at, created_by, updated_at, renewal_notice_on, signed_on)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(c.id(), c.number(), c.type().name(), c.title(), c.customerId(), c.ourEntityId(), c.owner(),
                        c.amount() == null ? null : c.amount().scaled(), c.amount() == null ? null : c.amount().currency(),
                        c.startDate(), c.endDate(), c.autoRenew(), c.renewalNoticeDays(), c.status().name(),
                        terms, termsForm.of(terms), c.version(), DbTime.toDb(c.createdAt()), c.createdBy(),
                        DbTime.toDb(c.updatedAt()), renewalNoticeOn, signedOn)
                .update();
    }

    /** The signing day a legacy import gave the contract (see V56); empty when none was given. */
    Optional<LocalDate> importedSignedOn(String id) {
        return jdbc.sql("SELECT signed_on FROM contract WHERE id = ?").param(id)
                .query((rs, i) -> Optional.ofNullable(rs.getDate(1)).map(java.sql.Date::toLocalDate)).optional()
                .flatMap(found -> found);
    }

    /** A correction of a legacy contract's signing day by its file (update mode). */
    void setImportedSignedOn(String id, LocalDate signedOn) {
        jdbc.sql("UPDATE contract SET signed_on = ? WHERE id = ?").params(signedOn, id).update();
    }

    private static final List<String> INSERT_COLUMNS = List.of("id", "contract_no", "type", "title", "customer_id",
            "our_entity_id", "owner", "amount_value", "amount_currency", "start_date", "end_date", "auto_renew",
            "renewal_notice_days", "status", "terms", "terms_form", "version", "created_at", "created_by", "updated_at",
            "renewal_notice_on", "signed_on");

    /**
     * Many contracts that enter in force at once (a file of legacy contracts), as {@link #insertWithRenewalNotice}
     * stores each; {@code signedOn} holds the signing days by position (null where none was given).
     */
    void insertAllWithRenewalNotice(List<Contract> contracts, List<LocalDate> signedOn) {
        var rows = new ArrayList<Object[]>(contracts.size());
        for (int i = 0; i < contracts.size(); i++) {
            Contract c = contracts.get(i);
            String terms = json.writeValueAsString(c.terms());
            rows.add(new Object[]{c.id(), c.number(), c.type().name(), c.title(), c.customerId(), c.ourEntityId(),
                    c.owner(), c.amount() == null ? null : c.amount().scaled(),
                    c.amount() == null ? null : c.amount().currency(), c.startDate(), c.endDate(), c.autoRenew(),
                    c.renewalNoticeDays(), c.status().name(), terms, termsForm.of(terms), c.version(),
                    DbTime.toDb(c.createdAt()), c.createdBy(), DbTime.toDb(c.updatedAt()), renewalNoticeOn(c),
                    signedOn.get(i)});
        }
        MultiRowInsert.insert(jdbc, "contract", INSERT_COLUMNS, rows);
    }

    /** A version row to store with others ({@link #insertVersions}). */
    record NewVersion(String contractId, ContractVersion version, String content) {
    }

    /** Many version rows, as {@link #insertVersion} stores each. */
    void insertVersions(List<NewVersion> versions) {
        var rows = new ArrayList<Object[]>(versions.size());
        for (var v : versions) {
            rows.add(new Object[]{v.contractId(), v.version().version(), v.version().kind(), v.version().cause().name(),
                    v.content(), v.version().sha256(), DbTime.toDb(v.version().createdAt()), v.version().createdBy()});
        }
        MultiRowInsert.insert(jdbc, "contract_version", List.of("contract_id", "version", "kind", "cause", "content",
                "sha256", "created_at", "created_by"), rows);
    }

    /**
     * The next {@code count} numbers of a type and year at once (the first of them returned), as {@link #nextNumber}
     * takes one.
     */
    int nextNumbers(String typeCode, int year, int count) {
        int updated = jdbc.sql("UPDATE contract_number_sequence SET last_value = last_value + ?"
                + " WHERE type_code = ? AND seq_year = ?").params(count, typeCode, year).update();
        if (updated == 1) {
            return jdbc.sql("SELECT last_value FROM contract_number_sequence WHERE type_code = ? AND seq_year = ?")
                    .params(typeCode, year).query(Integer.class).single() - count + 1;
        }
        jdbc.sql("INSERT INTO contract_number_sequence (type_code, seq_year, last_value) VALUES (?, ?, ?)")
                .params(typeCode, year, count).update();
        return 1;
    }

    boolean update(Contract c, int expectedVersion) {
        String terms = json.writeValueAsString(c.terms());
        return jdbc.sql("UPDATE contract SET title = ?, customer_id = ?, our_entity_id = ?, owner = ?, amount_value = ?,"
                        + " amount_currency = ?, start_date = ?, end_date = ?, auto_renew = ?, renewal_notice_days = ?,"
                        + " terms = ?, terms_form = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?")
                .params(c.title(), c.customerId(), c.ourEntityId(), c.owner(),
                        c.amount() == null ? null : c.amount().scaled(), c.amount() == null ? null : c.amount().currency(),
                        c.startDate(), c.endDate(), c.autoRenew(), c.renewalNoticeDays(),
                        terms, termsForm.of(terms), c.version(), DbTime.toDb(c.updatedAt()), c.id(),
                        expectedVersion)
                .update() == 1;
    }

    /**
     * A lifecycle transition: the status and the version change, and the day the renewal notice is due is
     * fixed from the (by now frozen) end date, so that the daily calendar finds it by an index.
     */
    boolean updateStatus(Contract c, int expectedVersion) {
        return jdbc.sql("UPDATE contract SET status = ?, version = ?, updated_at = ?, renewal_notice_on = ?"
                        + " WHERE id = ? AND version = ?")
                .params(c.status().name(), c.version(), DbTime.toDb(c.updatedAt()), renewalNoticeOn(c), c.id(),
                        expectedVersion)
                .update() == 1;
    }

    /**
     * The automatic renewal of a contract's term: its end date a year on (and the renewal notice's day with it),
     * counted, in one versioned update.
     */
    boolean renewTerm(Contract c, int expectedVersion) {
        return jdbc.sql("UPDATE contract SET end_date = ?, version = ?, updated_at = ?, renewal_notice_on = ?,"
                        + " auto_renewals = auto_renewals + 1 WHERE id = ? AND version = ?")
                .params(c.endDate(), c.version(), DbTime.toDb(c.updatedAt()), renewalNoticeOn(c), c.id(),
                        expectedVersion)
                .update() == 1;
    }

    /** Records a notice of non-renewal for the term ending {@code endDate}, once. */
    boolean recordNonRenewal(String id, LocalDate endDate, Instant at, String by, String reason) {
        return jdbc.sql("UPDATE contract SET non_renewal_for = ?, non_renewal_at = ?, non_renewal_by = ?,"
                        + " non_renewal_reason = ? WHERE id = ? AND end_date = ?"
                        + " AND (non_renewal_for IS NULL OR non_renewal_for <> end_date)")
                .params(endDate, DbTime.toDb(at), by, reason, id, endDate).update() == 1;
    }

    /** Days before the end date that the renewal notice goes out when the contract names none. */
    static final int DEFAULT_RENEWAL_NOTICE_DAYS = 30;

    static LocalDate renewalNoticeOn(Contract c) {
        if (c.endDate() == null) {
            return null;
        }
        int days = c.renewalNoticeDays() == null ? DEFAULT_RENEWAL_NOTICE_DAYS : c.renewalNoticeDays();
        return c.endDate().minusDays(days);
    }

    /** Records an early termination (the move itself is the caller's), if the contract is still at that version. */
    boolean recordTermination(String id, int expectedVersion, LocalDate date, String reason) {
        return jdbc.sql("UPDATE contract SET termination_date = ?, termination_reason = ? WHERE id = ? AND version = ?")
                .params(date, reason, id, expectedVersion).update() == 1;
    }

    /** A termination for a later day, as a change of the contract: its version moves on (a stale If-Match is a 412). */
    boolean scheduleTermination(Contract after, LocalDate date, String reason) {
        return jdbc.sql("UPDATE contract SET termination_date = ?, termination_reason = ?, version = ?, updated_at = ?"
                        + " WHERE id = ? AND version = ?")
                .params(date, reason, after.version(), DbTime.toDb(after.updatedAt()), after.id(), after.version() - 1)
                .update() == 1;
    }

    /** Links the successor, unless the contract has moved on or has one already. */
    boolean linkSuccessor(String id, int expectedVersion, String successorId) {
        return jdbc.sql("UPDATE contract SET successor_id = ? WHERE id = ? AND version = ? AND successor_id IS NULL")
                .params(successorId, id, expectedVersion).update() == 1;
    }

    void linkPredecessor(String id, String predecessorId) {
        jdbc.sql("UPDATE contract SET predecessor_id = ? WHERE id = ?").params(predecessorId, id).update();
    }

    ContractLineage lineage(String id) {
        return jdbc.sql("SELECT c.predecessor_id, p.contract_no AS predecessor_no, c.successor_id,"
                        + " s.contract_no AS successor_no, c.termination_date, c.termination_reason, c.auto_renewals,"
                        + " c.non_renewal_for, c.non_renewal_at, c.non_renewal_by, c.non_renewal_reason,"
                        + " c.renewal_notice_days FROM contract c"
                        + " LEFT JOIN contract p ON p.id = c.predecessor_id LEFT JOIN contract s ON s.id = c.successor_id"
                        + " WHERE c.id = ?")
                .param(id)
                .query((rs, n) -> new ContractLineage(rs.getString("predecessor_id"), rs.getString("predecessor_no"),
                        rs.getString("successor_id"), rs.getString("successor_no"),
                        rs.getObject("termination_date", LocalDate.class), rs.getString("termination_reason"),
                        rs.getInt("auto_renewals"), rs.getObject("non_renewal_for", LocalDate.class) == null ? null
                        : ContractLineage.NonRenewal.of(rs.getObject("non_renewal_for", LocalDate.class),
                        DbTime.read(rs, "non_renewal_at"), rs.getString("non_renewal_by"),
                        rs.getString("non_renewal_reason"), rs.getObject("renewal_notice_days", Integer.class))))
                .optional().orElse(new ContractLineage(null, null, null, null, null, null, 0, null));
    }

    /** Signed contracts whose start date has come and whose end date has not passed. */
    List<String> dueToActivate(LocalDate today, int limit) {
        return jdbc.sql("SELECT id FROM contract WHERE status = 'SIGNED' AND start_date <= ?"
                        + " AND (end_date IS NULL OR end_date >= ?) ORDER BY start_date, id LIMIT " + limit)
                .params(today, today).query(String.class).list();
    }

    /** Contracts in force whose end date has passed (each status by its own index range). */
    List<String> dueToExpire(LocalDate today, int limit) {
        var ids = new java.util.ArrayList<String>();
        for (String status : List.of("ACTIVE", "SIGNED")) {
            ids.addAll(jdbc.sql("SELECT id FROM contract WHERE status = ? AND end_date < ? ORDER BY end_date, id LIMIT "
                    + limit).params(status, today).query(String.class).list());
        }
        return ids;
    }

    /** Contracts in force with a termination recorded for today or earlier. */
    List<String> dueToTerminate(LocalDate today, int limit) {
        return jdbc.sql("SELECT id FROM contract WHERE termination_date <= ? AND status IN ('SIGNED', 'ACTIVE')"
                        + " ORDER BY termination_date, id LIMIT " + limit)
                .param(today).query(String.class).list();
    }

    /** Contracts in force whose renewal notice day has come and who have not had the notice for this end date. */
    List<Contract> dueForRenewalNotice(LocalDate today, int limit) {
        var due = new java.util.ArrayList<Contract>();
        for (String status : List.of("ACTIVE", "SIGNED")) {
            due.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM contract WHERE status = ? AND renewal_notice_on <= ?"
                            + " AND end_date >= ? AND (expiry_notice_for IS NULL OR expiry_notice_for <> end_date)"
                            + " ORDER BY renewal_notice_on, id LIMIT " + limit)
                    .params(status, today, today).query((rs, n) -> contract(rs)).list());
        }
        return due;
    }

    /** Contracts in force ending within [from, to], the next {@code limit} after {@code afterId} in id order. */
    List<Contract> inForceEndingBetween(LocalDate from, LocalDate to, String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract WHERE status IN ('SIGNED', 'ACTIVE') AND end_date >= ?"
                        + " AND end_date <= ? AND id > ? ORDER BY id LIMIT " + limit)
                .params(from, to, afterId == null ? "" : afterId).query((rs, n) -> contract(rs)).list();
    }

    /** The contracts named (those that exist), without customer names. */
    List<Contract> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract WHERE id IN (:ids)")
                .param("ids", List.copyOf(ids)).query((rs, n) -> contract(rs)).list();
    }

    /** The summaries of the contracts named (those that exist), without customer names. */
    List<ContractSummary> summaries(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM contract WHERE id IN (:ids)")
                .param("ids", List.copyOf(ids)).query((rs, n) -> summary(rs)).list();
    }

    /** Marks the renewal notice as given for this end date; false when another instance did it first. */
    boolean markRenewalNoticeGiven(String id, LocalDate endDate) {
        return jdbc.sql("UPDATE contract SET expiry_notice_for = ? WHERE id = ? AND end_date = ?"
                        + " AND (expiry_notice_for IS NULL OR expiry_notice_for <> ?)")
                .params(endDate, id, endDate, endDate).update() == 1;
    }

    void insertVersion(String contractId, ContractVersion version, String content) {
        jdbc.sql("INSERT INTO contract_version (contract_id, version, kind, cause, content, sha256, created_at,"
                        + " created_by) VALUES (?,?,?,?,?,?,?,?)")
                .params(contractId, version.version(), version.kind(), version.cause().name(), content,
                        version.sha256(), DbTime.toDb(version.createdAt()), version.createdBy())
                .update();
    }

    List<ContractVersion> versions(String contractId) {
        return jdbc.sql("SELECT version, kind, cause, created_at, created_by, sha256 FROM contract_version"
                        + " WHERE contract_id = ? ORDER BY version")
                .param(contractId)
                .query((rs, n) -> ContractVersion.of(rs.getInt("version"), rs.getString("kind"),
                        rs.getString("cause") == null ? VersionCause.SAVE : VersionCause.valueOf(rs.getString("cause")),
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
    /** Which of these numbers contracts carry (upper case: a case-insensitive collation may match another spelling). */
    java.util.Set<String> takenNumbers(Collection<String> numbers) {
        var taken = new java.util.HashSet<String>();
        var all = List.copyOf(new java.util.LinkedHashSet<>(numbers));
        for (int from = 0; from < all.size(); from += 500) {
            jdbc.sql("SELECT contract_no FROM contract WHERE contract_no IN (:numbers)")
                    .param("numbers", all.subList(from, Math.min(all.size(), from + 500)))
                    .query(String.class).list().forEach(n -> taken.add(n.toUpperCase(java.util.Locale.ROOT)));
        }
        return taken;
    }

    /** Moves the sequence of a type and year on to at least {@code atLeast} (never back). */
    void advanceNumberSequence(String typeCode, int year, int atLeast) {
        int updated = jdbc.sql("UPDATE contract_number_sequence SET last_value = ?"
                + " WHERE type_code = ? AND seq_year = ? AND last_value < ?").params(atLeast, typeCode, year, atLeast)
                .update();
        if (updated == 0 && jdbc.sql("SELECT COUNT(*) FROM contract_number_sequence WHERE type_code = ? AND seq_year = ?")
                .params(typeCode, year).query(Integer.class).single() == 0) {
            jdbc.sql("INSERT INTO contract_number_sequence (type_code, seq_year, last_value) VALUES (?, ?, ?)")
                    .params(typeCode, year, atLeast).update();
        }
    }

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
                s.ourEntityId(), s.owner(), s.amount(), s.startDate(), s.endDate(),
                rs.getBoolean("auto_renew"), (Integer) rs.getObject("renewal_notice_days", Integer.class), s.status(),
                json.readValue(rs.getString("terms"), ContractTerms.class), s.version(), DbTime.read(rs, "created_at"),
                rs.getString("created_by"), s.updatedAt());
    }

    private static ContractSummary withReviewState(ContractSummary s, String state) {
        return new ContractSummary(s.id(), s.number(), s.type(), s.title(), s.customerId(), s.customerName(),
                s.ourEntityId(), s.owner(), s.amount(), s.startDate(), s.endDate(), s.status(), s.version(),
                s.updatedAt(), null, ReviewState.valueOf(state));
    }

    private static ContractSummary summary(ResultSet rs) throws SQLException {
        BigDecimal value = rs.getBigDecimal("amount_value");
        return new ContractSummary(rs.getString("id"), rs.getString("contract_no"),
                ContractType.valueOf(rs.getString("type")), rs.getString("title"), rs.getString("customer_id"), null,
                rs.getString("our_entity_id"), rs.getString("owner"),
                value == null ? null : new Money(value, rs.getString("amount_currency")),
                rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                ContractStatus.valueOf(rs.getString("status")), rs.getInt("version"), DbTime.read(rs, "updated_at"));
    }


    /** How many of the contract's versions were made otherwise than by {@code cause} (a version without one was a save). */
    int versionsNotCausedBy(String contractId, VersionCause cause) {
        return jdbc.sql("SELECT COUNT(*) FROM contract_version WHERE contract_id = ? AND (cause IS NULL OR cause <> ?)")
                .params(contractId, cause.name()).query(Integer.class).single();
    }

    /** The dashboard's figures in one pass per figure; each query reads the index of what it groups or bounds. */
    ContractStatistics statistics(OwnerScope scope, LocalDate today) {
        if (scope.isEmpty()) {
            return ContractStatistics.EMPTY;
        }
        String owners = scope.all() ? "" : " AND owner IN (:owners)";
        var params = new HashMap<String, Object>();
        if (!scope.all()) {
            params.put("owners", List.copyOf(scope.owners()));
        }
        var cells = jdbc.sql("SELECT type, status, COUNT(*) AS n, SUM(amount_value) AS total FROM contract WHERE 1=1"
                        + owners + " GROUP BY type, status")
                .params(params)
                .query((rs, row) -> new ContractStatistics.ByTypeAndStatus(ContractType.valueOf(rs.getString("type")),
                        ContractStatus.valueOf(rs.getString("status")), rs.getLong("n"), Money.cny(zeroIfNull(rs.getBigDecimal("total")))))
                .list();
        LocalDate from = today.withDayOfMonth(1).minusMonths(11);
        LocalDate to = today.withDayOfMonth(1).plusMonths(1);
        var monthParams = new HashMap<>(params);
        monthParams.put("from", from);
        monthParams.put("to", to);
        monthParams.put("signed", SIGNED_STATES);
        var byMonth = new java.util.TreeMap<java.time.YearMonth, ContractStatistics.ByMonth>();
        jdbc.sql("SELECT EXTRACT(YEAR FROM start_date) AS y, EXTRACT(MONTH FROM start_date) AS m, COUNT(*) AS n,"
                        + " SUM(amount_value) AS total FROM contract WHERE start_date >= :from AND start_date < :to"
                        + " AND status IN (:signed)" + owners
                        + " GROUP BY EXTRACT(YEAR FROM start_date), EXTRACT(MONTH FROM start_date)")
                .params(monthParams)
                .query(rs -> {
                    var month = java.time.YearMonth.of(rs.getInt("y"), rs.getInt("m"));
                    byMonth.put(month, new ContractStatistics.ByMonth(month, rs.getLong("n"),
                            Money.cny(zeroIfNull(rs.getBigDecimal("total")))));
                });
        var months = new ArrayList<ContractStatistics.ByMonth>();
        for (var m = java.time.YearMonth.from(from); !m.isAfter(java.time.YearMonth.from(today)); m = m.plusMonths(1)) {
            months.add(byMonth.getOrDefault(m, new ContractStatistics.ByMonth(m, 0, Money.cny(BigDecimal.ZERO))));
        }
        var endParams = new HashMap<>(params);
        endParams.put("today", today);
        endParams.put("d30", today.plusDays(30));
        endParams.put("d60", today.plusDays(60));
        endParams.put("d90", today.plusDays(90));
        long[] ending = new long[3];
        jdbc.sql("SELECT SUM(CASE WHEN end_date <= :d30 THEN 1 ELSE 0 END) AS e30,"
                        + " SUM(CASE WHEN end_date <= :d60 THEN 1 ELSE 0 END) AS e60, COUNT(*) AS e90"
                        + " FROM contract WHERE end_date >= :today AND end_date <= :d90 AND status IN ('SIGNED', 'ACTIVE')"
                        + owners)
                .params(endParams)
                .query(rs -> {
                    ending[0] = rs.getLong("e30");
                    ending[1] = rs.getLong("e60");
                    ending[2] = rs.getLong("e90");
                });
        return new ContractStatistics(cells, months, ending[0], ending[1], ending[2]);
    }

    /** Contracts in force ending between the two days, by end date, in batches of {@code batch} (exports). */
    void forEachEnding(OwnerScope scope, LocalDate from, LocalDate to, int batch,
                       java.util.function.Consumer<List<ContractSummary>> each) {
        if (scope.isEmpty()) {
            return;
        }
        var params = new HashMap<String, Object>();
        params.put("from", from);
        params.put("to", to);
        if (!scope.all()) {
            params.put("owners", List.copyOf(scope.owners()));
        }
        var pending = new ArrayList<ContractSummary>();
        jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM contract WHERE end_date >= :from AND end_date <= :to"
                        + " AND status IN ('SIGNED', 'ACTIVE')" + (scope.all() ? "" : " AND owner IN (:owners)")
                        + " ORDER BY end_date, contract_no")
                .withFetchSize(batch).params(params)
                .query(rs -> {
                    pending.add(summary(rs));
                    if (pending.size() >= batch) {
                        each.accept(List.copyOf(pending));
                        pending.clear();
                    }
                });
        if (!pending.isEmpty()) {
            each.accept(List.copyOf(pending));
        }
    }

    private static final List<String> SIGNED_STATES = List.of("SIGNED", "ACTIVE", "EXPIRED", "TERMINATED", "RENEWED");

    /** Numbers and titles of the given contracts, for reports that list other modules' records beside them. */
    Map<String, ContractStatistics.Label> labels(Collection<String> ids) {
        var out = new HashMap<String, ContractStatistics.Label>();
        var list = List.copyOf(ids);
        for (int i = 0; i < list.size(); i += 500) {
            jdbc.sql("SELECT id, contract_no, title, customer_id, owner FROM contract WHERE id IN (:ids)")
                    .param("ids", list.subList(i, Math.min(list.size(), i + 500)))
                    .query(rs -> {
                        out.put(rs.getString("id"), new ContractStatistics.Label(rs.getString("id"),
                                rs.getString("contract_no"), rs.getString("title"), rs.getString("customer_id"),
                                rs.getString("owner")));
                    });
        }
        return out;
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
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
