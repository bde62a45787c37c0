package io.qiyue.audit;

import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.persistence.DbTime;
import io.qiyue.shared.web.FieldLabels;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Records every change event in the same transaction as the change itself (a synchronous listener),
 * so a change without its audit entry, or an entry for a change that rolled back, cannot exist. Entries
 * form a hash chain ({@link AuditChain}); admins read, verify and export them.
 */
@Service
public class AuditTrail {
    private static final Map<String, String> SORTABLE = Map.of("occurredAt", "occurred_at");
    private static final TypeReference<List<EntityChanged.Change>> CHANGES = new TypeReference<>() {
    };
    private static final Pattern ENTITY_TYPE = Pattern.compile("[A-Z][A-Z_]{0,39}");

    /** The key of the current transaction's drafts among its resources. */
    private final Object PENDING = new Object();
    private final JdbcClient jdbc;
    /** An export's cursor (PostgreSQL streams only inside a transaction). */
    private final org.springframework.transaction.support.TransactionTemplate streaming;
    /** What the export's reader does with a batch runs on a connection of its own (MariaDB's streams). */
    private final org.springframework.transaction.support.TransactionTemplate beside;
    private final JsonMapper json;
    private final AuditChain chain;
    private final MessageSource messages;
    private final FieldLabels labels;

    AuditTrail(JdbcClient jdbc, JsonMapper json, AuditChain chain, MessageSource messages, FieldLabels labels,
               org.springframework.transaction.PlatformTransactionManager transactions) {
        this.streaming = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.streaming.setReadOnly(true);
        this.beside = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.beside.setReadOnly(true);
        this.beside.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.labels = labels;
        this.jdbc = jdbc;
        this.json = json;
        this.chain = chain;
        this.messages = messages;
    }

    /**
     * Joins the change's transaction, or opens one for a change published outside any: the head lock must be
     * held from reading the head until the entry is committed, never released after the SELECT alone.
     */
    /**
     * Records the change as the last step of its transaction: the entry is drafted now (in the request, where
     * the origin is known) and appended just before the commit, so the chain's head lock is held from there to
     * the commit only — not while the rest of a long transaction (signing, generating a contract's obligations)
     * runs. Entries of one transaction keep their order. Without a surrounding transaction this method's own
     * commits right after.
     */
    @EventListener
    @Transactional
    void on(EntityChanged event) {
        var origin = RequestOrigin.current();
        var draft = new AuditChain.Draft(Ids.newId(), EntryHasher.storable(event.at()), event.actor(),
                event.entityType(), event.entityId(), event.action().name(), json.writeValueAsString(event.changes()),
                origin.ip(), origin.userAgent());
        pending().add(draft);
    }

    /** Many changes published together (a file's records): each recorded as {@link #on(EntityChanged)} records it. */
    @EventListener
    @Transactional
    void on(io.qiyue.shared.EntitiesChanged events) {
        var origin = RequestOrigin.current();
        var drafts = pending();
        for (EntityChanged event : events.changes()) {
            drafts.add(new AuditChain.Draft(Ids.newId(), EntryHasher.storable(event.at()), event.actor(),
                    event.entityType(), event.entityId(), event.action().name(),
                    json.writeValueAsString(event.changes()), origin.ip(), origin.userAgent()));
        }
    }

    /**
     * The drafts of this transaction, appended together just before it commits: one take of the chain's head lock
     * and multi-row inserts per transaction, however many changes it made (an import of a whole file is one).
     */
    private List<AuditChain.Draft> pending() {
        @SuppressWarnings("unchecked")
        var drafts = (List<AuditChain.Draft>) TransactionSynchronizationManager.getResource(PENDING);
        if (drafts != null) {
            return drafts;
        }
        var fresh = new ArrayList<AuditChain.Draft>();
        TransactionSynchronizationManager.bindResource(PENDING, fresh);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                // unbound first: a change recorded after this point starts a batch of its own
                TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
                chain.appendAll(fresh);
            }

            // a transaction run beside this one (REQUIRES_NEW) records its own changes in a batch of its own
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(PENDING, fresh);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
            }
        });
        return fresh;
    }

    /** Admins only: the trail shows who touched which records, across all data scopes. */
    public PageResult<AuditEntry> find(AuditQuery query, Integer page, Integer size) {
        return find(query, page, size, null);
    }

    /** {@link #find} ordered by {@code sort}: {@code occurredAt,desc} (newest first, the default) or {@code ,asc}. */
    public PageResult<AuditEntry> find(AuditQuery query, Integer page, Integer size, String sort) {
        requireAdmin();
        var paging = Paging.of(page, size, sort, SORTABLE, "occurredAt,desc");
        String direction = paging.ascending() ? " ASC" : " DESC";
        var params = new HashMap<String, Object>();
        String where = where(query, params);
        long total = jdbc.sql("SELECT COUNT(*) FROM audit_event" + where).params(params).query(Long.class).single();
        var items = jdbc.sql("SELECT " + AuditChain.COLUMNS + " FROM audit_event"
                        + where + " ORDER BY occurred_at" + direction + ", seq" + direction + " LIMIT " + paging.size()
                        + " OFFSET " + paging.offset())
                .params(params)
                .query((rs, n) -> entry(rs))
                .list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    /**
     * Admins only: every entry {@link #find} lists with these filters (all pages, newest first), for an export;
     * read from a cursor in batches of 500 when walked, each batch handed over on a connection of its own.
     */
    public io.qiyue.shared.Batches<AuditEntry> findAll(AuditQuery query) {
        requireAdmin();
        var params = new HashMap<String, Object>();
        String where = where(query, params);
        int batch = 500;
        return each -> streaming.executeWithoutResult(status -> {
            var pending = new java.util.ArrayList<AuditEntry>(batch);
            jdbc.sql("SELECT " + AuditChain.COLUMNS + " FROM audit_event" + where + " ORDER BY occurred_at DESC, seq DESC")
                    .withFetchSize(batch).params(params)
                    .query(rs -> {
                        pending.add(entry(rs));
                        if (pending.size() >= batch) {
                            var full = List.copyOf(pending);
                            pending.clear();
                            beside.executeWithoutResult(s -> each.accept(full));
                        }
                    });
            if (!pending.isEmpty()) {
                beside.executeWithoutResult(s -> each.accept(List.copyOf(pending)));
            }
        });
    }

    private static String where(AuditQuery query, Map<String, Object> params) {
        var where = new StringBuilder(" WHERE 1=1");
        if (query.entityType() != null) {
            where.append(" AND entity_type = :type");
            params.put("type", query.entityType().toUpperCase(Locale.ROOT));
        }
        if (query.entityId() != null) {
            where.append(" AND entity_id = :id");
            params.put("id", query.entityId());
        }
        if (query.actor() != null) {
            where.append(" AND actor = :actor");
            params.put("actor", query.actor());
        }
        if (query.action() != null) {
            where.append(" AND action = :action");
            params.put("action", query.action());
        }
        // days in China time, whatever the server's zone: from its first moment, to the first moment after it
        if (query.from() != null) {
            where.append(" AND occurred_at >= :from");
            params.put("from", DbTime.toDb(query.from().atStartOfDay(CHINA).toInstant()));
        }
        if (query.to() != null) {
            where.append(" AND occurred_at < :to");
            params.put("to", DbTime.toDb(query.to().plusDays(1).atStartOfDay(CHINA).toInstant()));
        }
        return where.toString();
    }

    private static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");

    /** Admins only: the entity types the trail holds entries of, for a filter that offers nothing empty. */
    public List<String> entityTypes() {
        requireAdmin();
        return jdbc.sql("SELECT DISTINCT entity_type FROM audit_event ORDER BY entity_type").query(String.class).list();
    }

    /** Admins only: walks the whole chain and says whether, and where first, it was changed. */
    public ChainVerification verify() {
        requireAdmin();
        return chain.verify();
    }

    /** The formats of {@link #export}. */
    public enum ExportFormat { CSV, PDF }

    /** A file to download: its bytes, media type and a file name without the extension's dot issues. */
    public record Export(byte[] content, String mediaType, String fileName) {
    }

    /**
     * Admins only: every entry of one entity, oldest first, as CSV (for spreadsheets) or as a PDF report.
     * Unknown format or malformed type is a 400; an entity the trail never saw is a 404.
     */
    public Export export(String entityType, String entityId, String format, Locale locale) {
        requireAdmin();
        String type = entityType == null ? "" : entityType.trim().toUpperCase(Locale.ROOT);
        String id = entityId == null ? "" : entityId.trim();
        if (!ENTITY_TYPE.matcher(type).matches()) {
            throw new InvalidInputException("entity", "audit.export.entityInvalid");
        }
        if (id.isEmpty() || id.length() > 36) {
            throw new InvalidInputException("id", "audit.export.idInvalid");
        }
        ExportFormat kind;
        try {
            kind = ExportFormat.valueOf((format == null ? "csv" : format.trim()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("format", "audit.export.formatInvalid");
        }
        var entries = jdbc.sql("SELECT " + AuditChain.COLUMNS + " FROM audit_event"
                        + " WHERE entity_type = ? AND entity_id = ? ORDER BY seq")
                .params(type, id)
                .query((rs, n) -> entry(rs))
                .list();
        if (entries.isEmpty()) {
            throw new NotFoundException("audit.export.none");
        }
        String baseName = "audit-" + type.toLowerCase(Locale.ROOT) + "-" + id.replaceAll("[^A-Za-z0-9-]", "_");
        return switch (kind) {
            case CSV -> new Export(AuditCsv.write(entries), "text/csv;charset=UTF-8", baseName + ".csv");
            case PDF -> new Export(AuditPdf.render(type, id, entries,
                    (code, args) -> messages.getMessage(code, args, code, locale), field -> labels.of(field, locale),
                    chain.head()), "application/pdf",
                    baseName + ".pdf");
        };
    }

    private static void requireAdmin() {
        if (!CurrentUsers.require().isAdmin()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
    }

    private AuditEntry entry(ResultSet rs) throws SQLException {
        long stored = rs.getLong("seq");
        Long seq = rs.wasNull() ? null : stored;
        return new AuditEntry(rs.getString("id"), DbTime.read(rs, "occurred_at"), rs.getString("actor"),
                rs.getString("entity_type"), rs.getString("entity_id"),
                EntityChanged.Action.valueOf(rs.getString("action")),
                json.readValue(rs.getString("changes"), CHANGES),
                seq, rs.getString("ip"), rs.getString("user_agent"),
                rs.getString("prev_hash"), rs.getString("entry_hash"));
    }
}
