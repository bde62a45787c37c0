package io.qiyue.shared.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

/**
 * Many rows into one table with few statements: {@code INSERT INTO t (a, b) VALUES (?,?),(?,?),…}, a few hundred
 * rows each. One round trip per statement instead of one per row, on H2, PostgreSQL and MariaDB alike and whatever
 * the JDBC URL says (no driver option such as {@code reWriteBatchedInserts} needed). Values are bound as a single-row
 * {@link JdbcClient} insert binds them, so a row stored here reads back as one stored one by one.
 */
public final class MultiRowInsert {
    /** Bind parameters per statement: PostgreSQL's protocol allows 65,535, MariaDB's 65,535, H2 more. */
    private static final int MAX_PARAMETERS = 30_000;
    private static final int MAX_ROWS = 500;

    private MultiRowInsert() {
    }

    /**
     * Inserts {@code rows} (each with one value per column, in the columns' order) in their order; returns how many
     * rows were inserted.
     */
    public static int insert(JdbcClient jdbc, String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int width = columns.size();
        int perStatement = Math.max(1, Math.min(MAX_ROWS, MAX_PARAMETERS / width));
        String head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        String tuple = "(" + "?,".repeat(width - 1) + "?)";
        int inserted = 0;
        String fullSql = null;
        for (int from = 0; from < rows.size(); from += perStatement) {
            var chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            String sql;
            if (chunk.size() == perStatement && fullSql != null) {
                sql = fullSql;
            } else {
                var text = new StringBuilder(head.length() + chunk.size() * (tuple.length() + 1)).append(head);
                for (int i = 0; i < chunk.size(); i++) {
                    text.append(i == 0 ? "" : ",").append(tuple);
                }
                sql = text.toString();
                if (chunk.size() == perStatement) {
                    fullSql = sql;
                }
            }
            var params = new ArrayList<Object>(chunk.size() * width);
            for (Object[] row : chunk) {
                if (row.length != width) {
                    throw new IllegalArgumentException("a row of " + row.length + " values for " + width + " columns");
                }
                for (Object value : row) {
                    params.add(value);
                }
            }
            inserted += jdbc.sql(sql).params(params).update();
        }
        return inserted;
    }
}
