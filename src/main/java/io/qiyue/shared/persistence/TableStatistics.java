package io.qiyue.shared.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells PostgreSQL's planner what a bulk write did to a table right away. Its statistics otherwise wait for
 * autovacuum (a minute or more after the write, never where autovacuum is off), and until then a second import's
 * look-up of a few hundred contract numbers ({@code contract_no IN (…)}) was planned as a scan of the whole table:
 * 300 ms per look-up at 20,000 rows, an import three times slower than the first (bench/import.sh with
 * BENCH_ROUNDS). MariaDB's InnoDB recalculates its persistent statistics itself after a tenth of a table changes,
 * and H2 plans these look-ups by the unique index either way, so only PostgreSQL is asked.
 */
@Component
public class TableStatistics {
    private static final Logger log = LoggerFactory.getLogger(TableStatistics.class);
    private static final Pattern TABLE = Pattern.compile("[a-z_]+");

    private final JdbcClient jdbc;
    private final boolean postgres;

    TableStatistics(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = Database.of(dataSource) == Database.POSTGRESQL;
    }

    /**
     * Plans each statement of the current transaction for the tables as they are now (PostgreSQL only; nothing
     * elsewhere). A bulk write repeats the same statements while the tables it writes grow, uncommitted, beyond any
     * statistics; after five executions the driver's prepared statement gets a generic plan that PostgreSQL keeps,
     * made while a fresh database's {@code contract} was empty: a scan of the whole table for each group's look-up of
     * 500 numbers ({@code contract_no IN (…)}), 1.2 s apiece by the end of a first file of 20,000 contracts, a third of
     * that import (bench/import.sh, round 1). Planned each time, the look-up goes by the unique index; planning a
     * statement costs a fraction of a millisecond. The setting ends with the transaction.
     */
    public void planForTheRowsAsTheyGrow() {
        if (postgres) {
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
        }
    }

    /** Refreshes the planner's statistics of these tables after a bulk write (PostgreSQL only; see above). */
    public void refreshAfterBulkWrite(Set<String> tables) {
        if (!postgres) {
            return;
        }
        for (String table : tables) {
            if (!TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("not a table name: " + table);
            }
            long start = System.nanoTime();
            try {
                jdbc.sql("ANALYZE " + table).update();
                log.debug("Analyzed {} in {} ms", table, (System.nanoTime() - start) / 1_000_000);
            } catch (DataAccessException e) {
                // the write has committed; stale statistics only make later look-ups slower until autovacuum
                log.warn("Could not analyze {} after a bulk write: {}", table, e.getMessage());
            }
        }
    }
}
