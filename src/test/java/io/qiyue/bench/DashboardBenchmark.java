package io.qiyue.bench;

import io.qiyue.QiyueApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * Not a test: the dashboard and its obligation export over 100,000 contracts on PostgreSQL (issue #14, targets:
 * {@code GET /api/v1/dashboard} p95 under 200 ms, an export of 100,000 rows under 10 s at a flat heap). Starts the
 * application (loopback, a random port, no schedules) on an empty database, seeds in SQL 5 teams of 10 sales users
 * (the first of each its manager), 2,000 customers, N contracts of the five types owned by those 50 users (start
 * dates over the last three years, most SIGNED/ACTIVE/EXPIRED, some DRAFT/IN_APPROVAL/TERMINATED/RENEWED), 10 to 14
 * obligations per signed contract (past ones mostly DONE, some WAIVED or OVERDUE, future ones PENDING) and a receipt
 * with its allocation per paid instalment, then VACUUM ANALYZE (what autovacuum does after a bulk load). Then, over
 * HTTP with API tokens, the dashboard as an admin and as a sales manager (warm-up discarded, then R requests from C
 * concurrent clients: p50/p95/p99/max and throughput), and the XLSX export of the OVERDUE obligations (≈100,000
 * rows) and of one owner's for comparison: wall time, file size, rows read back, and the heap (this JVM's, the
 * application runs in it) after a full GC before and after, with the highest heap use sampled every 20 ms meanwhile.
 * Arguments: JDBC URL, user, data directory, contracts (100,000), requests per scenario (200), clients (4).
 * Run bench/dashboard.sh, which creates and drops the database around it.
 */
public final class DashboardBenchmark {
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String PASSWORD = "bench-admin-password";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private DashboardBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String dataDir = args[2];
        int contracts = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        int requests = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        int clients = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        try (var context = new SpringApplicationBuilder(QiyueApplication.class).run("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=", "--qiyue.data-dir=" + dataDir,
                "--server.port=0", "--server.address=127.0.0.1", "--qiyue.admin-password=" + PASSWORD,
                "--qiyue.lifecycle.calendar-cron=-", "--qiyue.obligation.scan-cron=-", "--qiyue.reminders.cron=-",
                "--logging.level.root=WARN")) {
            var jdbc = context.getBean(JdbcClient.class);
            seed(jdbc, contracts);
            var bench = new DashboardBenchmark("http://127.0.0.1:" + port(context));
            String admin = bench.token("admin");
            String manager = bench.token("bench-u-20");
            System.out.printf("%nGET /api/v1/dashboard: %d requests per scenario from %d concurrent clients"
                    + " after 30 discarded (load average before: %s)%n", requests, clients, loadAverage());
            bench.dashboard("admin, whole scope", admin, "", requests, clients);
            bench.dashboard("admin, ?owner=bench-u-07", admin, "?owner=bench-u-07", requests, clients);
            bench.dashboard("admin, ?teamId=bench-team-3", admin, "?teamId=bench-team-3", requests, clients);
            bench.dashboard("sales manager bench-u-20, team scope", manager, "", requests, clients);
            bench.dashboard("sales manager, ?owner=bench-u-23", manager, "?owner=bench-u-23", requests, clients);

            System.out.printf("%nXLSX export GET /api/v1/dashboard/exports/obligations as admin (load average before:"
                    + " %s)%n", loadAverage());
            Path dir = Path.of(dataDir);
            bench.export("one owner's overdue (?status=OVERDUE&owner=bench-u-07)", admin,
                    "?status=OVERDUE&owner=bench-u-07", dir.resolve("small.xlsx"), jdbc,
                    "SELECT COUNT(*) FROM obligation WHERE status = 'OVERDUE' AND contract_owner = 'bench-u-07'");
            bench.export("all overdue (?status=OVERDUE)", admin, "?status=OVERDUE", dir.resolve("overdue.xlsx"), jdbc,
                    "SELECT COUNT(*) FROM obligation WHERE status = 'OVERDUE'");
            System.out.printf("%nload average at the end: %s%n", loadAverage());
        }
    }

    /** Everything in bulk SQL, then what autovacuum would do after such a load. */
    private static void seed(JdbcClient jdbc, int n) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        long t0 = System.nanoTime();
        jdbc.sql("""
                INSERT INTO team (id, name, manager_id, version, created_at)
                SELECT 'bench-team-' || t, '压测团队' || t, 'bench-user-' || (t * 10), 0, LOCALTIMESTAMP
                FROM generate_series(0, 4) t""").update();
        // every user gets the admin's password (its hash), so that each can ask for an API token over Basic
        jdbc.sql("""
                INSERT INTO app_user (id, username, display_name, email, password_hash, roles, team_id, enabled, version,
                    created_at)
                SELECT 'bench-user-' || i, 'bench-u-' || lpad(CAST(i AS text), 2, '0'), '销售' || i, NULL,
                    (SELECT password_hash FROM app_user WHERE username = 'admin'),
                    CASE WHEN i % 10 = 0 THEN 'SALES_MANAGER' ELSE 'SALES' END, 'bench-team-' || (i / 10), TRUE, 0,
                    LOCALTIMESTAMP
                FROM generate_series(0, 49) i""").update();
        jdbc.sql("""
                INSERT INTO our_entity (id, name, credit_code, address, version, created_at, updated_at)
                VALUES ('bench-entity', '契约科技（上海）有限公司', '91310000MA1BENCH01', '上海市浦东新区世纪大道100号', 0,
                    LOCALTIMESTAMP, LOCALTIMESTAMP)""").update();
        jdbc.sql("""
                INSERT INTO customer (id, kind, name, status, owner, version, created_at, updated_at)
                SELECT 'bench-cu-' || k, 'ORGANIZATION', '压测客户' || k || '科技有限公司', 'ACTIVE',
                    'bench-u-' || lpad(CAST(k % 50 AS text), 2, '0'), 0, LOCALTIMESTAMP, LOCALTIMESTAMP
                FROM generate_series(0, 1999) k""").update();
        // start dates over the last three years, one to three years long; status from the dates, a few drafts,
        // approvals under way, terminations and renewals
        jdbc.sql("""
                INSERT INTO contract (id, contract_no, type, title, customer_id, our_entity_id, owner, amount_value,
                    amount_currency, start_date, end_date, auto_renew, renewal_notice_days, status, terms, version,
                    created_at, created_by, updated_at)
                SELECT 'bench-c-' || g, 'QY-BENCH-' || lpad(CAST(g AS text), 8, '0'), x.type, '压测合同' || g,
                    'bench-cu-' || (abs(hashtext('c' || g)) % 2000), 'bench-entity',
                    'bench-u-' || lpad(CAST(g % 50 AS text), 2, '0'),
                    CASE WHEN x.type IN ('CONFIDENTIALITY', 'INFO_SHARING') THEN NULL
                         ELSE CAST(5000 + abs(hashtext('a' || g)) % 995000 AS numeric(18, 2)) END,
                    CASE WHEN x.type IN ('CONFIDENTIALITY', 'INFO_SHARING') THEN NULL ELSE 'CNY' END,
                    x.start_date, x.end_date, FALSE, 30,
                    CASE WHEN x.h < 6 THEN 'DRAFT' WHEN x.h < 8 THEN 'IN_APPROVAL' WHEN x.h < 10 THEN 'TERMINATED'
                         WHEN x.end_date < CAST(:today AS date) AND x.h < 14 THEN 'RENEWED'
                         WHEN x.end_date < CAST(:today AS date) THEN 'EXPIRED'
                         WHEN x.h < 30 THEN 'SIGNED' ELSE 'ACTIVE' END,
                    '{}', 0, LOCALTIMESTAMP, 'bench', LOCALTIMESTAMP
                FROM generate_series(1, :n) g
                CROSS JOIN LATERAL (SELECT y.*, y.start_date + 365 * (1 + abs(hashtext('l' || g)) % 3) - 1 AS end_date
                    FROM (SELECT (ARRAY['SERVICE', 'CONFIDENTIALITY', 'MAINTENANCE', 'CONSULTING', 'INFO_SHARING'])
                                     [abs(hashtext('t' || g)) % 5 + 1] AS type,
                                 CAST(:today AS date) - abs(hashtext('d' || g)) % 1096 AS start_date,
                                 abs(hashtext('s' || g)) % 100 AS h) y) x
                """).param("today", today).param("n", n).update();
        // 10 to 14 per signed contract, due evenly over its term: the past ones mostly done, some waived or overdue
        // (duties over a period done when it ended), the future ones pending; payments are the customer's
        jdbc.sql("""
                INSERT INTO obligation (id, contract_id, seq, kind, side, responsible, contract_owner, customer_id,
                    title, starts_on, due_date, amount_value, amount_currency, status, status_reason, completed_on,
                    completed_at, completed_by, created_at, updated_at, version)
                SELECT 'bench-o-' || substr(c.id, 9) || '-' || s, c.id, s, k.kind,
                    CASE WHEN k.kind = 'PAYMENT' THEN 'CUSTOMER' ELSE 'OURS' END,
                    CASE WHEN k.kind = 'PAYMENT' THEN NULL ELSE c.owner END, c.owner, c.customer_id,
                    '第' || s || '项义务', d.due - 30, d.due,
                    CASE WHEN k.kind = 'PAYMENT' THEN round(c.amount_value / 4, 2) END,
                    CASE WHEN k.kind = 'PAYMENT' THEN 'CNY' END, st.status,
                    CASE WHEN st.status = 'DONE' AND k.kind IN ('CONFIDENTIALITY', 'DATA_SHARING') THEN 'PERIOD_ENDED' END,
                    CASE WHEN st.status = 'DONE' THEN d.due END,
                    CASE WHEN st.status = 'DONE' THEN CAST(d.due AS timestamp) END,
                    CASE WHEN st.status = 'DONE' THEN c.owner END, LOCALTIMESTAMP, LOCALTIMESTAMP, 0
                FROM contract c
                CROSS JOIN LATERAL generate_series(1, 10 + abs(hashtext('n' || c.id)) % 5) s
                CROSS JOIN LATERAL (SELECT c.start_date + (c.end_date - c.start_date) * s
                    / (11 + abs(hashtext('n' || c.id)) % 5) AS due, abs(hashtext('o' || c.id || s)) % 100 AS h) d
                CROSS JOIN LATERAL (SELECT CASE
                    WHEN c.type IN ('SERVICE', 'MAINTENANCE', 'CONSULTING') AND s <= 4 THEN 'PAYMENT'
                    WHEN c.type = 'SERVICE' THEN 'SERVICE_DELIVERY'
                    WHEN c.type = 'MAINTENANCE' THEN 'MAINTENANCE_VISIT'
                    WHEN c.type = 'CONSULTING' THEN 'CONSULTING_DELIVERABLE'
                    WHEN c.type = 'CONFIDENTIALITY' THEN CASE WHEN s <= 2 THEN 'CONFIDENTIALITY' ELSE 'DATA_RETURN' END
                    ELSE CASE WHEN s <= 2 THEN 'DATA_SHARING' ELSE 'DATA_RETURN' END END AS kind) k
                CROSS JOIN LATERAL (SELECT CASE
                    WHEN d.due >= CAST(:today AS date) THEN 'PENDING'
                    WHEN k.kind IN ('CONFIDENTIALITY', 'DATA_SHARING') THEN 'DONE'
                    WHEN d.h < 80 THEN 'DONE' WHEN d.h < 85 THEN 'WAIVED' ELSE 'OVERDUE' END AS status) st
                WHERE c.status NOT IN ('DRAFT', 'IN_APPROVAL', 'APPROVED', 'SIGNING')
                """).param("today", today).update();
        jdbc.sql("""
                INSERT INTO obligation_plan (contract_id, obligations, generated_at, generated_by)
                SELECT contract_id, COUNT(*), LOCALTIMESTAMP, 'bench' FROM obligation GROUP BY contract_id""").update();
        // one receipt per paid instalment, allocated to it in full
        jdbc.sql("""
                INSERT INTO receipt (id, contract_id, received_on, amount_value, amount_currency, method, created_at,
                    created_by, version)
                SELECT 'bench-r-' || substr(id, 9), contract_id, completed_on, amount_value, 'CNY', 'BANK_TRANSFER',
                    LOCALTIMESTAMP, contract_owner, 0
                FROM obligation WHERE kind = 'PAYMENT' AND status = 'DONE'""").update();
        jdbc.sql("""
                INSERT INTO receipt_allocation (receipt_id, obligation_id, contract_id, amount_value)
                SELECT 'bench-r-' || substr(id, 9), id, contract_id, amount_value
                FROM obligation WHERE kind = 'PAYMENT' AND status = 'DONE'""").update();
        jdbc.sql("""
                INSERT INTO receivable_account (contract_id, received_value, updated_at, version)
                SELECT contract_id, SUM(amount_value), LOCALTIMESTAMP, 0 FROM receipt GROUP BY contract_id""").update();
        double seeded = seconds(t0);
        long t1 = System.nanoTime();
        jdbc.sql("VACUUM ANALYZE").update();
        System.out.printf("seeded in %.1f s, VACUUM ANALYZE %.1f s: %,d users in %,d teams, %,d customers,"
                        + " %,d contracts, %,d obligations, %,d receipts, %,d allocations%n", seeded, seconds(t1),
                count(jdbc, "SELECT COUNT(*) FROM app_user"), count(jdbc, "SELECT COUNT(*) FROM team"),
                count(jdbc, "SELECT COUNT(*) FROM customer"), count(jdbc, "SELECT COUNT(*) FROM contract"),
                count(jdbc, "SELECT COUNT(*) FROM obligation"), count(jdbc, "SELECT COUNT(*) FROM receipt"),
                count(jdbc, "SELECT COUNT(*) FROM receipt_allocation"));
        System.out.println("contracts by status: " + jdbc.sql("SELECT string_agg(status || ' ' || n, ', ' ORDER BY n DESC)"
                + " FROM (SELECT status, COUNT(*) AS n FROM contract GROUP BY status) x").query(String.class).single());
        System.out.println("obligations by status: " + jdbc.sql("SELECT string_agg(status || ' ' || n, ', ' ORDER BY n"
                        + " DESC) FROM (SELECT status, COUNT(*) AS n FROM obligation GROUP BY status) x")
                .query(String.class).single());
    }

    private String token(String username) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/api-tokens"))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("token for " + username + ": " + response.statusCode() + " " + response.body());
        }
        Matcher m = TOKEN.matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no token in " + response.body());
        }
        return "Bearer " + m.group(1);
    }

    private void dashboard(String label, String auth, String query, int requests, int clients) throws Exception {
        for (int i = 0; i < 30; i++) {
            get(auth, "/api/v1/dashboard" + query);
        }
        long[] latencies = new long[requests];
        var next = new AtomicInteger();
        var bytes = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            var done = new ArrayList<Future<?>>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        bytes.addAndGet(get(auth, "/api/v1/dashboard" + query).length());
                        latencies[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        }
        double wall = seconds(start);
        Arrays.sort(latencies);
        System.out.printf("  %-40s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms  %5.1f req/s"
                        + "  (%d B/response)%n", label, ms(latencies, 0.50), ms(latencies, 0.95), ms(latencies, 0.99),
                latencies[requests - 1] / 1e6, requests / wall, bytes.get() / requests);
    }

    private String get(String auth, String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private void export(String label, String auth, String query, Path file, JdbcClient jdbc, String expectedSql)
            throws Exception {
        long expected = count(jdbc, expectedSql);
        long before = heapAfterFullGc();
        var memory = ManagementFactory.getMemoryMXBean();
        var peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        var sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
        var sampler = Thread.ofPlatform().daemon().start(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long t0 = System.nanoTime();
        var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/dashboard/exports/obligations"
                        + query)).header("Authorization", auth).timeout(Duration.ofMinutes(5)).GET().build(),
                HttpResponse.BodyHandlers.ofFile(file));
        double wall = seconds(t0);
        sampling.set(false);
        sampler.join();
        if (response.statusCode() != 200) {
            throw new IllegalStateException(query + ": " + response.statusCode());
        }
        long after = heapAfterFullGc();
        long rows = dataRows(file);
        System.out.printf("  %s: %,d rows (database: %,d) in %.2f s, %,d bytes; heap after a full GC %d MB before,"
                        + " %d MB after; highest heap use sampled meanwhile %d MB (garbage included, -Xmx %d MB)%n",
                label, rows, expected, wall, Files.size(file), before >> 20, after >> 20, peak.get() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** The sheet's rows less the header, counted by streaming its XML out of the zip (no workbook in memory). */
    private static long dataRows(Path file) throws IOException {
        try (var zip = new ZipFile(file.toFile())) {
            var sheet = zip.stream().filter(e -> e.getName().startsWith("xl/worksheets/sheet")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no sheet in " + file));
            try (var in = zip.getInputStream(sheet)) {
                return countRows(in) - 1;
            }
        }
    }

    private static long countRows(InputStream in) throws IOException {
        byte[] needle = "<row ".getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[1 << 16];
        long rows = 0;
        int matched = 0;
        for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
            for (int i = 0; i < read; i++) {
                matched = buffer[i] == needle[matched] ? matched + 1 : (buffer[i] == needle[0] ? 1 : 0);
                if (matched == needle.length) {
                    rows++;
                    matched = 0;
                }
            }
        }
        return rows;
    }

    private static long heapAfterFullGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static String loadAverage() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
