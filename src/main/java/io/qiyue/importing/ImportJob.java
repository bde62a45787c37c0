package io.qiyue.importing;

import java.time.Instant;
import java.util.List;

/**
 * An import as its client follows it: progress ({@code processed} of {@code total} rows), what was written
 * (created, updated, skipped as existing), the file's problem when it could not be read at all, and every row's
 * problems (spec/api.md: {@code { id, status, processed, total, errors }}).
 */
public record ImportJob(String id, ImportKind kind, ImportMode mode, ImportStatus status, String fileName,
                        int processed, int total, int created, int updated, int skipped, int errorCount,
                        String problem, String createdBy, Instant createdAt, Instant finishedAt,
                        List<ImportProblem> errors) {
}
