package io.qiyue.audit;

import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Ids;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records every change event in the same transaction as the change itself (a synchronous listener),
 * so a change without its audit entry, or an entry for a change that rolled back, cannot exist.
 */
@Service
public class AuditTrail {
    private static final Map<String, String> SORTABLE = Map.of("occurredAt", "occurred_at");
    private static final TypeReference<List<EntityChanged.Change>> CHANGES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditTrail(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventListener
    void on(EntityChanged event) {
        jdbc.sql("INSERT INTO audit_event (id, occurred_at, actor, entity_type, entity_id, action, changes)"
                        + " VALUES (?,?,?,?,?,?,?)")
                .params(Ids.newId(), DbTime.toDb(event.at()), event.actor(), event.entityType(), event.entityId(),
                        event.action().name(), json.writeValueAsString(event.changes()))
                .update();
    }

    /** Admins only: the trail shows who touched which records, across all data scopes. */
    public PageResult<AuditEntry> find(String entityType, String entityId, Integer page, Integer size) {
        if (!CurrentUsers.require().isAdmin()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        var paging = Paging.of(page, size, null, SORTABLE, "occurredAt,desc");
        var where = new StringBuilder(" WHERE 1=1");
        var params = new HashMap<String, Object>();
        if (entityType != null && !entityType.isBlank()) {
            where.append(" AND entity_type = :type");
            params.put("type", entityType.trim().toUpperCase(java.util.Locale.ROOT));
        }
        if (entityId != null && !entityId.isBlank()) {
            where.append(" AND entity_id = :id");
            params.put("id", entityId.trim());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM audit_event" + where).params(params).query(Long.class).single();
        var items = jdbc.sql("SELECT id, occurred_at, actor, entity_type, entity_id, action, changes FROM audit_event"
                        + where + " ORDER BY occurred_at DESC, id LIMIT " + paging.size() + " OFFSET " + paging.offset())
                .params(params)
                .query((rs, n) -> new AuditEntry(rs.getString("id"), DbTime.read(rs, "occurred_at"), rs.getString("actor"),
                        rs.getString("entity_type"), rs.getString("entity_id"),
                        EntityChanged.Action.valueOf(rs.getString("action")),
                        json.readValue(rs.getString("changes"), CHANGES)))
                .list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }
}
