package io.qiyue.customer;

import io.qiyue.security.FieldCipher;
import io.qiyue.security.OwnerScope;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.persistence.DbTime;
import io.qiyue.shared.persistence.Like;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.qiyue.shared.ReadMemo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The customer and contact tables. Values here are in clear; encryption happens on the way in and out. */
@Component
class CustomerStore {
    private static final String COLUMNS = "id, kind, name, credit_code, id_number_cipher, address, "
            + "legal_representative, industry, customer_level, status, owner, version, created_at, updated_at";

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    CustomerStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** A stored customer, personal information decrypted. */
    record Row(String id, CustomerKind kind, String name, String creditCode, String idNumber, String address,
               String legalRepresentative, String industry, CustomerLevel level, CustomerStatus status, String owner,
               List<Contact> contacts, int version, Instant createdAt, Instant updatedAt) {
    }

    Optional<Row> find(String id) {
        return ReadMemo.read("customer", id, () -> jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = ?").param(id)
                .query((rs, n) -> row(rs, List.of())).optional()
                .map(r -> withContacts(r, contactsOf(List.of(r.id())).getOrDefault(r.id(), List.of()))));
    }

    /** The next {@code limit} customers after {@code afterId} in id order (null: the first), with their contacts. */
    List<Row> after(String afterId, int limit) {
        var rows = jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id > ? ORDER BY id LIMIT " + limit)
                .param(afterId == null ? "" : afterId).query((rs, n) -> row(rs, List.of())).list();
        var contacts = contactsOf(rows.stream().map(Row::id).toList());
        return rows.stream().map(r -> withContacts(r, contacts.getOrDefault(r.id(), List.of()))).toList();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
    }

    /** Name and owner only: for reference checks that need neither contacts nor personal information. */
    Optional<String[]> findNameAndOwner(String id) {
        return ReadMemo.read("customer-name-owner", id, () -> jdbc.sql("SELECT name, owner FROM customer WHERE id = ?")
                .param(id).query((rs, n) -> new String[] {rs.getString("name"), rs.getString("owner")}).optional())
                .map(String[]::clone);
    }

    /** Id and owner of each customer named exactly so (a handful at most: names are not unique, but nearly). */
    List<String[]> idsAndOwnersByExactName(String name) {
        return jdbc.sql("SELECT id, owner FROM customer WHERE name = ?").param(name)
                .query((rs, n) -> new String[]{rs.getString("id"), rs.getString("owner")}).list();
    }

    Optional<Row> findByCreditCode(String creditCode) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE credit_code = ?").param(creditCode)
                .query((rs, n) -> row(rs, List.of())).optional();
    }

    Optional<Row> findByIdNumber(String idNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id_number_hash = ?")
                .param(cipher.lookupHash(idNumber)).query((rs, n) -> row(rs, List.of())).optional();
    }

    Map<String, String> names(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        if (ids.size() == 1) {
            String id = ids.iterator().next();
            return new HashMap<>(ReadMemo.read("customer-name", id, () -> namesOf(ids)));
        }
        return namesOf(ids);
    }

    private Map<String, String> namesOf(Collection<String> ids) {
        var names = new HashMap<String, String>();
        jdbc.sql("SELECT id, name FROM customer WHERE id IN (:ids)").param("ids", List.copyOf(ids))
                .query(rs -> {
                    names.put(rs.getString("id"), rs.getString("name"));
                });
        return names;
    }

    List<String> idsByName(String q, int limit) {
        return jdbc.sql("SELECT id FROM customer WHERE LOWER(name) LIKE ? ORDER BY name LIMIT " + limit)
                .param(Like.containsLower(q)).query(String.class).list();
    }

    /**
     * How the list's {@code q} is matched: as a substring of the name (case ignored) or the credit code, read from the
     * table; or as the ids the search index found for it, so that the database reads those rows only.
     */
    sealed interface TextMatch {
        TextMatch SUBSTRING = new Substring();

        record Substring() implements TextMatch {
        }

        record Found(Collection<String> customerIds) implements TextMatch {
        }
    }

    /** The list's WHERE clause (its parameters go into {@code params}): one for the page and the export. */
    private static String where(CustomerQuery query, TextMatch textMatch, OwnerScope scope,
                                Map<String, Object> params) {
        var where = new StringBuilder(" WHERE 1=1");
        if (!scope.all()) {
            where.append(" AND owner IN (:scopeOwners)");
            params.put("scopeOwners", List.copyOf(scope.owners()));
        }
        if (query.q() != null && !query.q().isBlank()) {
            switch (textMatch) {
                case TextMatch.Found found when found.customerIds().isEmpty() -> where.append(" AND 1=0");
                case TextMatch.Found found -> {
                    where.append(" AND id IN (:qIds)");
                    params.put("qIds", List.copyOf(found.customerIds()));
                }
                case TextMatch.Substring substring -> {
                    where.append(" AND (LOWER(name) LIKE :q OR credit_code LIKE :qUpper)");
                    String q = query.q().trim();
                    params.put("q", Like.containsLower(q));
                    params.put("qUpper", Like.containsUpper(q));
                }
            }
        }
        if (query.kind() != null) {
            where.append(" AND kind = :kind");
            params.put("kind", query.kind().name());
        }
        if (query.level() != null) {
            where.append(" AND customer_level = :level");
            params.put("level", query.level().name());
        }
        if (query.owner() != null && !query.owner().isBlank()) {
            where.append(" AND owner = :owner");
            params.put("owner", query.owner());
        }
        if (query.status() != null) {
            where.append(" AND status = :status");
            params.put("status", query.status().name());
        }
        return where.toString();
    }

    PageResult<Row> page(CustomerQuery query, TextMatch textMatch, OwnerScope scope, Paging paging) {
        var params = new HashMap<String, Object>();
        String where = where(query, textMatch, scope, params);
        long total = jdbc.sql("SELECT COUNT(*) FROM customer" + where).params(params).query(Long.class).single();
        var rows = jdbc.sql("SELECT " + COLUMNS + " FROM customer" + where + " ORDER BY " + paging.orderBy()
                        + ", id LIMIT " + paging.size() + " OFFSET " + paging.offset())
                .params(params).query((rs, n) -> row(rs, List.of())).list();
        var contacts = contactsOf(rows.stream().map(Row::id).toList());
        return new PageResult<>(rows.stream().map(r -> withContacts(r, contacts.getOrDefault(r.id(), List.of())))
                .toList(), paging.page(), paging.size(), total);
    }

    /**
     * Every customer of the list (filters, scope, order) in batches while the database sends them, without
     * contacts: a cursor with a fetch size (see ContractStore.forEachListed for what the caller must provide).
     */
    void forEachListed(CustomerQuery query, TextMatch textMatch, OwnerScope scope, Paging order, int batch,
                       java.util.function.Consumer<List<Row>> each) {
        var params = new HashMap<String, Object>();
        String where = where(query, textMatch, scope, params);
        var pending = new ArrayList<Row>(batch);
        jdbc.sql("SELECT " + COLUMNS + " FROM customer" + where + " ORDER BY " + order.orderBy() + ", id")
                .withFetchSize(batch).params(params)
                .query(rs -> {
                    pending.add(row(rs, List.of()));
                    if (pending.size() >= batch) {
                        each.accept(List.copyOf(pending));
                        pending.clear();
                    }
                });
        if (!pending.isEmpty()) {
            each.accept(List.copyOf(pending));
        }
    }

    /** The batch's rows with their contacts. */
    List<Row> withContacts(List<Row> rows) {
        var contacts = contactsOf(rows.stream().map(Row::id).toList());
        return rows.stream().map(r -> withContacts(r, contacts.getOrDefault(r.id(), List.of()))).toList();
    }

    void insert(Row row) {
        jdbc.sql("INSERT INTO customer (id, kind, name, credit_code, id_number_cipher, id_number_hash, address,"
                        + " legal_representative, industry, customer_level, status, owner, version, created_at, updated_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(row.id(), row.kind().name(), row.name(), row.creditCode(), cipher.encrypt(row.idNumber()),
                        cipher.lookupHash(row.idNumber()), row.address(), row.legalRepresentative(), row.industry(),
                        row.level() == null ? null : row.level().name(), row.status().name(), row.owner(),
                        row.version(), DbTime.toDb(row.createdAt()), DbTime.toDb(row.updatedAt()))
                .update();
        insertContacts(row.id(), row.contacts());
    }

    /**
     * Raises the customer's version and so holds its row until the transaction ends: the first statement
     * of a change to its contacts, which then reads and writes them with no other change in between.
     * False when there is no such customer or its version is not {@code expectedVersion} (when given).
     */
    boolean claim(String id, Integer expectedVersion, Instant now) {
        forget(id);
        if (expectedVersion == null) {
            return jdbc.sql("UPDATE customer SET version = version + 1, updated_at = ? WHERE id = ?")
                    .params(DbTime.toDb(now), id).update() == 1;
        }
        return jdbc.sql("UPDATE customer SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?")
                .params(DbTime.toDb(now), id, expectedVersion).update() == 1;
    }

    boolean update(Row row, int expectedVersion) {
        forget(row.id());
        int changed = jdbc.sql("UPDATE customer SET kind = ?, name = ?, credit_code = ?, id_number_cipher = ?,"
                        + " id_number_hash = ?, address = ?, legal_representative = ?, industry = ?, customer_level = ?,"
                        + " status = ?, owner = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?")
                .params(row.kind().name(), row.name(), row.creditCode(), cipher.encrypt(row.idNumber()),
                        cipher.lookupHash(row.idNumber()), row.address(), row.legalRepresentative(), row.industry(),
                        row.level() == null ? null : row.level().name(), row.status().name(), row.owner(),
                        row.version(), DbTime.toDb(row.updatedAt()), row.id(), expectedVersion)
                .update();
        if (changed != 1) {
            return false;
        }
        jdbc.sql("DELETE FROM contact WHERE customer_id = ?").param(row.id()).update();
        insertContacts(row.id(), row.contacts());
        return true;
    }

    boolean delete(String id, int expectedVersion) {
        forget(id);
        jdbc.sql("DELETE FROM contact WHERE customer_id = ?").param(id).update();
        return jdbc.sql("DELETE FROM customer WHERE id = ? AND version = ?").params(id, expectedVersion).update() == 1;
    }

    private void insertContacts(String customerId, List<Contact> contacts) {
        for (int i = 0; i < contacts.size(); i++) {
            var c = contacts.get(i);
            jdbc.sql("INSERT INTO contact (id, customer_id, sort_order, name, title, mobile_cipher, mobile_hash,"
                            + " landline_cipher, email, is_primary) VALUES (?,?,?,?,?,?,?,?,?,?)")
                    .params(c.id(), customerId, i, c.name(), c.title(), cipher.encrypt(c.mobile()),
                            cipher.lookupHash(c.mobile()), cipher.encrypt(c.landline()), c.email(), c.primary())
                    .update();
        }
    }

    private static void forget(String id) {
        ReadMemo.forget("customer", id);
        ReadMemo.forget("customer-name-owner", id);
        ReadMemo.forget("customer-name", id);
    }

    private Map<String, List<Contact>> contactsOf(List<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Map.of();
        }
        var byCustomer = new HashMap<String, List<Contact>>();
        jdbc.sql("SELECT id, customer_id, name, title, mobile_cipher, landline_cipher, email, is_primary FROM contact"
                        + " WHERE customer_id IN (:ids) ORDER BY customer_id, sort_order")
                .param("ids", customerIds)
                .query(rs -> {
                    byCustomer.computeIfAbsent(rs.getString("customer_id"), k -> new ArrayList<>())
                            .add(new Contact(rs.getString("id"), rs.getString("name"), rs.getString("title"),
                                    cipher.decrypt(rs.getString("mobile_cipher")),
                                    cipher.decrypt(rs.getString("landline_cipher")), rs.getString("email"),
                                    rs.getBoolean("is_primary")));
                });
        return byCustomer;
    }

    private Row row(java.sql.ResultSet rs, List<Contact> contacts) throws java.sql.SQLException {
        String level = rs.getString("customer_level");
        return new Row(rs.getString("id"), CustomerKind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getString("credit_code"), cipher.decrypt(rs.getString("id_number_cipher")), rs.getString("address"),
                rs.getString("legal_representative"), rs.getString("industry"),
                level == null ? null : CustomerLevel.valueOf(level), CustomerStatus.valueOf(rs.getString("status")),
                rs.getString("owner"), contacts, rs.getInt("version"), DbTime.read(rs, "created_at"),
                DbTime.read(rs, "updated_at"));
    }

    private static Row withContacts(Row r, List<Contact> contacts) {
        return new Row(r.id(), r.kind(), r.name(), r.creditCode(), r.idNumber(), r.address(), r.legalRepresentative(),
                r.industry(), r.level(), r.status(), r.owner(), List.copyOf(contacts), r.version(), r.createdAt(),
                r.updatedAt());
    }

}
