package io.qiyue.importing;

import io.qiyue.shared.persistence.DbTime;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The import_job, import_error and import_failed_row tables (V41). Reasons are kept as codes with their arguments
 * (V67) and read in the reader's language; the words in the importer's language stay beside them, and are what rows
 * written before V67 have.
 */
@Component
class ImportStore {
    private static final String COLUMNS = "id, kind, mode, status, file_name, processed, total, created_count,"
            + " updated_count, skipped_count, error_count, problem, problem_reason, created_by, created_at, heartbeat_at, finished_at";

    private final JdbcClient jdbc;
    private final io.qiyue.security.FieldCipher cipher;
    private final Reasons reasons;

    ImportStore(JdbcClient jdbc, io.qiyue.security.FieldCipher cipher, Reasons reasons) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.reasons = reasons;
    }

    record Counts(int created, int updated, int skipped) {
        static final Counts NONE = new Counts(0, 0, 0);
    }

    record FailedRow(int row, List<String> cells, String reasons) {
    }

    void insert(String id, ImportKind kind, ImportMode mode, String fileName, String createdBy, Instant now,
                String instanceId) {
        jdbc.sql("INSERT INTO import_job (" + COLUMNS + ", instance_id) VALUES (?,?,?,?,?,0,0,0,0,0,0,NULL,NULL,?,?,?,NULL,?)")
                .params(id, kind.name(), mode.name(), ImportStatus.QUEUED.name(), fileName, createdBy,
                        DbTime.toDb(now), DbTime.toDb(now), instanceId)
                .update();
    }

    /** The instance that runs the job; empty for a job queued before instances were recorded. */
    Optional<String> instance(String id) {
        return jdbc.sql("SELECT instance_id FROM import_job WHERE id = ?").param(id)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).single();
    }

    Optional<ImportJob> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_job WHERE id = ?").param(id)
                .query((rs, n) -> job(rs)).optional();
    }

    /** The latest jobs of a user (everyone's when {@code createdBy} is null), newest first. */
    List<ImportJob> recent(String createdBy, int limit) {
        String where = createdBy == null ? "" : " WHERE created_by = :user";
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM import_job" + where + " ORDER BY created_at DESC LIMIT " + limit);
        if (createdBy != null) {
            spec = spec.param("user", createdBy);
        }
        return spec.query((rs, n) -> job(rs)).list();
    }

    void progress(String id, ImportStatus status, int processed, int total, Instant now) {
        jdbc.sql("UPDATE import_job SET status = ?, processed = ?, total = ?, heartbeat_at = ? WHERE id = ?")
                .params(status.name(), processed, total, DbTime.toDb(now), id).update();
    }

    void finish(String id, ImportStatus status, int processed, int total, Counts counts, int errorCount,
                Reason problem, Instant now) {
        jdbc.sql("UPDATE import_job SET status = ?, processed = ?, total = ?, created_count = ?, updated_count = ?,"
                        + " skipped_count = ?, error_count = ?, problem = ?, problem_reason = ?, heartbeat_at = ?,"
                        + " finished_at = ? WHERE id = ?")
                .params(status.name(), processed, total, counts.created(), counts.updated(), counts.skipped(), errorCount,
                        words(problem), stored(problem), DbTime.toDb(now), DbTime.toDb(now), id)
                .update();
    }

    /** When the job's worker last wrote progress. */
    Instant heartbeat(String id) {
        return jdbc.sql("SELECT heartbeat_at FROM import_job WHERE id = ?").param(id)
                .query((rs, n) -> DbTime.read(rs, "heartbeat_at")).single();
    }

    /** A job RUNNING or QUEUED whose heartbeat is older than {@code before}: its process died; nothing of it committed. */
    boolean failIfAbandoned(String id, Instant before, Reason problem, Instant now) {
        return jdbc.sql("UPDATE import_job SET status = ?, problem = ?, problem_reason = ?, finished_at = ? WHERE id = ?"
                        + " AND status IN ('QUEUED', 'RUNNING') AND heartbeat_at < ?")
                .params(ImportStatus.FAILED.name(), words(problem), stored(problem), DbTime.toDb(now), id,
                        DbTime.toDb(before)).update() == 1;
    }

    void insertProblems(String id, List<Refusal> problems) {
        int seq = 0;
        for (var p : problems) {
            String column = p.column() == null ? null : p.column().length() > 100 ? p.column().substring(0, 100) : p.column();
            jdbc.sql("INSERT INTO import_error (job_id, seq, row_no, column_name, message, reason) VALUES (?,?,?,?,?,?)")
                    .params(id, ++seq, p.row(), column, words(p.reason()), stored(p.reason())).update();
        }
    }

    /** The words of the language in force (the importer's, while the job runs), as the columns before V67 hold them. */
    private String words(Reason reason) {
        if (reason == null) {
            return null;
        }
        String words = reasons.words(reason, LocaleContextHolder.getLocale());
        return words.length() > 1000 ? words.substring(0, 1000) : words;
    }

    private String stored(Reason reason) {
        return reason == null ? null : reasons.stored(reason);
    }

    /** A stored reason in the reader's words; the importer's words for a row written before reasons were kept. */
    private String read(String words, String reason) {
        return reason == null ? words : reasons.words(reasons.read(reason), LocaleContextHolder.getLocale());
    }

    /**
     * Keeps a failed row's cells for its download, encrypted as the customer's ID numbers and phones are (the cells
     * hold them in clear: an outside tester found them in the database file).
     */
    void insertFailedRow(String id, int row, String cellsJson) {
        jdbc.sql("INSERT INTO import_failed_row (job_id, row_no, cells) VALUES (?,?,?)")
                .params(id, row, cipher.encrypt(cellsJson)).update();
    }

    List<ImportProblem> problems(String id, int limit) {
        return jdbc.sql("SELECT row_no, column_name, message, reason FROM import_error WHERE job_id = ? ORDER BY seq LIMIT "
                        + limit)
                .param(id)
                .query((rs, n) -> new ImportProblem(rs.getInt("row_no"), rs.getString("column_name"),
                        read(rs.getString("message"), rs.getString("reason")))).list();
    }

    List<Object[]> failedRows(String id) {
        return jdbc.sql("SELECT row_no, cells FROM import_failed_row WHERE job_id = ? ORDER BY row_no").param(id)
                .query((rs, n) -> new Object[]{rs.getInt("row_no"), opened(rs.getString("cells"))}).list();
    }

    /** A row's cells as written: rows kept before they were encrypted are read as they are. */
    private String opened(String stored) {
        return io.qiyue.security.FieldCipher.isSealed(stored) ? cipher.decrypt(stored) : stored;
    }

    private ImportJob job(ResultSet rs) throws SQLException {
        return new ImportJob(rs.getString("id"), ImportKind.valueOf(rs.getString("kind")),
                ImportMode.valueOf(rs.getString("mode")), ImportStatus.valueOf(rs.getString("status")),
                rs.getString("file_name"), rs.getInt("processed"), rs.getInt("total"), rs.getInt("created_count"),
                rs.getInt("updated_count"), rs.getInt("skipped_count"), rs.getInt("error_count"),
                read(rs.getString("problem"), rs.getString("problem_reason")), rs.getString("created_by"), DbTime.read(rs, "created_at"),
                DbTime.read(rs, "finished_at"), List.of());
    }
}
