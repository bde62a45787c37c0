package io.qiyue.audit;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.StringReader;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * Not a test: seeds a chain of N entries into an empty PostgreSQL database (migrated by Flyway here) with
 * the application's own hasher, then times the application's own walk ({@link AuditChain#verify()}) over
 * it. Seeding streams batches through COPY, hashing in Java as it goes, so a million entries take seconds.
 * Run through {@code bench/audit-verify.sh}, which creates and drops the database.
 */
public final class VerifyBench {
    private static final int COPY_BATCH = 50_000;
    private static final DateTimeFormatter DB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private VerifyBench() {
    }

    public static void run(String url, String user, long entries, int rounds) throws Exception {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        long started = System.nanoTime();
        // the shared migrations with PostgreSQL's spelling of the placeholders (FlywayPlaceholders); the Java
        // backfill 26.1 is not needed on an empty trail
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .placeholders(Map.of("text", "TEXT", "timestamp", "TIMESTAMP(6)", "blob", "BYTEA",
                        "drop_index_on_contract", ""))
                .load().migrate();
        System.out.printf("migrated in %.1f s%n", seconds(started));

        long present = JdbcClient.create(dataSource).sql("SELECT last_seq FROM audit_chain_head WHERE id = 1")
                .query(Long.class).single();
        if (present > 0) {
            // a database kept from an earlier run: walk it again as it is
            System.out.printf("%,d entries already there: not seeding%n", present);
        } else {
            started = System.nanoTime();
            seed(dataSource.getConnection(), entries);
            System.out.printf("seeded %,d chained entries in %.1f s%n", entries, seconds(started));
            try (var c = dataSource.getConnection(); var s = c.createStatement()) {
                s.execute("VACUUM ANALYZE audit_event");
            }
        }
        // one connection kept open, as the application's pool would keep it (a new connection per batch would
        // measure PostgreSQL's connection start-up instead), and its server process's CPU time read from /proc
        var connection = new SingleConnectionDataSource(url, user, "", true);
        var chain = new AuditChain(JdbcClient.create(connection), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        int backend = JdbcClient.create(connection).sql("SELECT pg_backend_pid()").query(Integer.class).single();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        for (int round = 1; round <= rounds; round++) {
            started = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            double serverCpu = cpuSeconds(backend);
            var result = chain.verify();
            // on a shared machine the wall time includes waiting for a core: the JVM's CPU time says what
            // the walk itself costs on this side (PostgreSQL's reading and sending is on top)
            System.out.printf("verify #%d: valid=%s entries=%,d head=%d in %.2f s wall, %.2f s JVM CPU, %.2f s"
                            + " PostgreSQL CPU (%,.0f entries/s), load average %.1f%n", round,
                    result.valid(), result.entries(), result.head().seq(), seconds(started),
                    (os.getProcessCpuTime() - cpu) / 1e9, cpuSeconds(backend) - serverCpu,
                    result.entries() / seconds(started), os.getSystemLoadAverage());
            if (!result.valid()) {
                throw new IllegalStateException("the seeded chain does not verify: " + result);
            }
        }
    }

    /** Entries of ten thousand contracts, one per second of 2026 on, chained as the application chains them. */
    private static void seed(Connection connection, long entries) throws Exception {
        try (connection) {
            connection.setAutoCommit(false);
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            String previous = EntryHasher.GENESIS;
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            var rows = new StringBuilder(COPY_BATCH * 400);
            for (long seq = 1; seq <= entries; seq++) {
                Instant at = start.plusSeconds(seq).plusNanos((seq % 1000) * 1000);
                String entityId = new UUID(42, seq % 10_000).toString();
                String changes = "[{\"field\":\"/title\",\"before\":\"服务合同 " + (seq - 1)
                        + "\",\"after\":\"服务合同 " + seq + "\"}]";
                String ip = "10.0." + (seq % 250) + "." + (seq % 200 + 1);
                String userAgent = "Mozilla/5.0 (X11; Linux x86_64) QiyueBench/" + (seq % 7);
                var content = new EntryHasher.Content(seq, UUID.randomUUID().toString(), at, "sales" + (seq % 50),
                        "CONTRACT", entityId, "UPDATE", changes, ip, userAgent);
                String hash = EntryHasher.hash(previous, content);
                // COPY's text format: tab-separated; no seeded value holds a tab, newline or backslash
                rows.append(seq).append('\t').append(content.id()).append('\t')
                        .append(DB_TIME.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC))).append('\t')
                        .append(content.actor()).append('\t').append(content.entityType()).append('\t')
                        .append(entityId).append('\t').append(content.action()).append('\t').append(changes)
                        .append('\t').append(ip).append('\t').append(userAgent).append('\t').append(previous)
                        .append('\t').append(hash).append('\n');
                previous = hash;
                if (seq % COPY_BATCH == 0 || seq == entries) {
                    copy.copyIn("COPY audit_event (" + AuditChain.COLUMNS + ") FROM STDIN",
                            new StringReader(rows.toString()));
                    rows.setLength(0);
                }
            }
            try (var head = connection.prepareStatement(
                    "UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                head.setLong(1, entries);
                head.setString(2, previous);
                head.executeUpdate();
            }
            connection.commit();
        }
    }

    /** User + system CPU time of a local process (PostgreSQL's backend), or NaN where /proc is not readable. */
    private static double cpuSeconds(int pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime), counted after the command name, in clock ticks of 1/100 s
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
