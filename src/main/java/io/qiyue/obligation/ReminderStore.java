package io.qiyue.obligation;

import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** The keys of the reminders sent (V33 {@code reminder_sent}). */
@Component
class ReminderStore {
    /** Rows per INSERT statement: six parameters each, well below every driver's limit. */
    private static final int ROWS_PER_STATEMENT = 500;

    private final JdbcClient jdbc;

    ReminderStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the keys of {@code batch} (distinct keys) that are not recorded yet and returns those reminders. Plain
     * SQL that every database runs alike: the keys already there are read, the rest inserted. When another run
     * inserts one of them meanwhile, the primary key refuses ours and the caller's transaction is rolled back and
     * tried again (then the key is found): the insert decides, whatever the timing.
     */
    List<Reminder> recordNew(List<Reminder> batch, LocalDate day, Instant now) {
        var known = new HashSet<String>();
        for (int i = 0; i < batch.size(); i += ROWS_PER_STATEMENT) {
            var keys = batch.subList(i, Math.min(batch.size(), i + ROWS_PER_STATEMENT)).stream().map(Reminder::key)
                    .toList();
            known.addAll(jdbc.sql("SELECT reminder_key FROM reminder_sent WHERE reminder_key IN (:keys)")
                    .param("keys", keys).query(String.class).list());
        }
        var fresh = batch.stream().filter(r -> !known.contains(r.key())).toList();
        for (int i = 0; i < fresh.size(); i += ROWS_PER_STATEMENT) {
            var rows = fresh.subList(i, Math.min(fresh.size(), i + ROWS_PER_STATEMENT));
            var sql = new StringBuilder("INSERT INTO reminder_sent (reminder_key, kind, contract_id, due_date, sent_on,"
                    + " created_at) VALUES ");
            var params = new ArrayList<Object>(rows.size() * 6);
            for (int k = 0; k < rows.size(); k++) {
                var r = rows.get(k);
                sql.append(k == 0 ? "(?,?,?,?,?,?)" : ",(?,?,?,?,?,?)");
                params.add(r.key());
                params.add(r.kind().name());
                params.add(r.contractId());
                params.add(r.dueDate());
                params.add(day);
                params.add(DbTime.toDb(now));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
        return fresh;
    }

    boolean sent(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM reminder_sent WHERE reminder_key = ?").param(key).query(Long.class)
                .single() > 0;
    }
}
