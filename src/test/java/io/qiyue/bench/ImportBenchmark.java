package io.qiyue.bench;

import io.qiyue.testing.TestIdentifiers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;

/**
 * Import throughput with review (issue #16), against a running instance on 127.0.0.1 (bench/import.sh starts one on
 * PostgreSQL): a CSV of N legacy contracts of the five types and the states an import may enter (signed, active,
 * expired) for 50 customers, imported in one job; prints the time of the check pass and of the write pass (each
 * contract stored with its version, audit entry, rendered document, review and, when signed, its obligations), and
 * contracts per second over the whole job.
 */
public final class ImportBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BOUNDARY = "qiyue-import-bench";
    private static final String[] TYPES = {"SERVICE", "CONFIDENTIALITY", "MAINTENANCE", "CONSULTING", "INFO_SHARING"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private ImportBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        String host = URI.create(base).getHost();
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new IllegalArgumentException("load goes to loopback only");
        }
        String adminPassword = args.length > 1 ? args[1] : "bench-admin-pw";
        int contracts = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        long appPid = args.length > 3 ? Long.parseLong(args[3]) : -1;
        new ImportBenchmark(base).run(adminPassword, contracts, appPid);
    }

    private void run(String adminPassword, int count, long appPid) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        String admin = "Bearer " + send(basic, "POST", "/api/v1/api-tokens", "{\"name\":\"bench\"}", 201)
                .path("token").asString();
        send(admin, "POST", "/api/v1/our-entities", """
                {"name": "契约科技（上海）有限公司", "creditCode": "%s", "address": "上海市浦东新区世纪大道100号"}"""
                .formatted(TestIdentifiers.creditCode()), 201);
        var codes = new ArrayList<String>();
        var customers = new StringBuilder("客户名称,统一社会信用代码,等级,联系人,手机\n");
        for (int i = 0; i < 50; i++) {
            String code = TestIdentifiers.creditCode();
            codes.add(code);
            customers.append("导入压测客户%02d有限公司,%s,B,联系人,%s\n".formatted(i, code, TestIdentifiers.mobile()));
        }
        var customerJob = finished(admin, upload(admin, "customers", customers.toString()));
        System.out.printf("customers: %s created%n", customerJob.path("created").asInt());

        int rounds = Math.max(1, Integer.getInteger("rounds", 1));
        for (int round = 1; round <= rounds; round++) {
            importContracts(admin, codes, count, round, appPid);
        }
    }

    /**
     * One job of {@code count} new contracts (numbers prefixed by the round, so that every round creates them all):
     * the first round also pays for compiling the import's code, a later one shows the warm app.
     */
    private void importContracts(String admin, java.util.List<String> codes, int count, int round, long appPid)
            throws Exception {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        var csv = new StringBuilder("合同编号,合同类型,标题,客户,我方主体,金额,开始日期,结束日期,签订日期,状态\n");
        for (int i = 0; i < count; i++) {
            String type = TYPES[i % TYPES.length];
            boolean paid = !type.equals("CONFIDENTIALITY") && !type.equals("INFO_SHARING");
            LocalDate start = today.minusDays(800).plusDays(i % 900);
            LocalDate end = start.plusYears(1).minusDays(1);
            String status = end.isBefore(today) ? "已到期" : start.isAfter(today) ? "已签署" : "履行中";
            csv.append("BENCH%d-%07d,%s,历史合同%d,%s,契约科技（上海）有限公司,%s,%s,%s,%s,%s\n".formatted(round, i, type, i,
                    codes.get(i % codes.size()), paid ? (10_000 + i % 90_000) + ".00" : "", start, end,
                    // signed ten days before the start, and never after today (the import refuses a later day)
                    java.util.Collections.min(java.util.List.of(start.minusDays(10), today)), status));
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        System.out.printf("round %d, file: %d contracts, %.1f MB%n", round, count, bytes.length / 1024.0 / 1024.0);
        var database = DatabaseCpu.open();
        long db0 = database.millis();
        long cpu0 = cpuMillis(appPid);
        long t0 = System.nanoTime();
        String id = upload(admin, "contracts", csv.toString()).path("id").asString();
        long checked = 0;
        JsonNode job;
        int lastProcessed = -1;
        boolean writing = false;
        while (true) {
            job = send(admin, "GET", "/api/v1/imports/" + id, null, 200);
            String status = job.path("status").asString();
            int processed = job.path("processed").asInt();
            if (!writing && lastProcessed > 0 && processed < lastProcessed) {
                writing = true;
                checked = System.nanoTime();
            }
            lastProcessed = processed;
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                break;
            }
            Thread.sleep(200);
        }
        long t1 = System.nanoTime();
        long cpu1 = cpuMillis(appPid);
        if (!job.path("status").asString().equals("SUCCEEDED") || job.path("errorCount").asInt() > 0) {
            System.out.println("import failed: " + job.path("problem").asString() + " " + job.path("errors").path(0));
            return;
        }
        double seconds = (t1 - t0) / 1e9;
        System.out.printf("imported %d contracts in %.1f s: %.0f contracts/s (check pass %.1f s, write pass %.1f s)%n",
                job.path("created").asInt(), seconds, job.path("created").asInt() / seconds,
                checked == 0 ? Double.NaN : (checked - t0) / 1e9, checked == 0 ? Double.NaN : (t1 - checked) / 1e9);
        if (cpu0 >= 0 && cpu1 >= 0) {
            // CPU time is steadier than wall time on a shared machine: it counts the app's work, not its waits.
            System.out.printf("app CPU for the job: %.1f s, %.2f ms per contract%n", (cpu1 - cpu0) / 1e3,
                    (double) (cpu1 - cpu0) / job.path("created").asInt());
        }
        long db1 = database.millis();
        if (db0 >= 0 && db1 >= 0) {
            System.out.printf("PostgreSQL CPU of the app's connections: %.1f s, %.2f ms per contract%n",
                    (db1 - db0) / 1e3, (double) (db1 - db0) / job.path("created").asInt());
        }
        database.close();
        // The import commits its rows at the end, and the search index takes them from the change log only then: the
        // next round must not start while the index is still taking this one's (it would share the cores with it,
        // which an import on an instance at rest does not). Also says when the imported contracts are searchable.
        String lastNumber = "BENCH%d-%07d".formatted(round, count - 1);
        while (!send(admin, "GET", "/api/v1/search?kind=CONTRACT&q=" + lastNumber, null, 200).path("items").path(0)
                .path("number").asString("").equals(lastNumber)) {
            Thread.sleep(100);
        }
        System.out.printf("searchable: the last contract found %.1f s after the import finished%n",
                (System.nanoTime() - t1) / 1e9);
    }

    /**
     * The CPU time of the PostgreSQL backends serving the app (its pool's connections to the database named by
     * QIYUE_DB_URL, read from /proc as the app's own): the database's share of an import's work. Unknown (-1)
     * when the URL is not PostgreSQL's or the backends are not on this machine.
     */
    private record DatabaseCpu(java.sql.Connection connection) implements AutoCloseable {
        static DatabaseCpu open() {
            String url = System.getenv("QIYUE_DB_URL");
            if (url == null || !url.startsWith("jdbc:postgresql:")) {
                return new DatabaseCpu(null);
            }
            try {
                return new DatabaseCpu(java.sql.DriverManager.getConnection(url,
                        System.getenv().getOrDefault("QIYUE_DB_USER", "postgres"), System.getenv("QIYUE_DB_PASSWORD")));
            } catch (java.sql.SQLException e) {
                return new DatabaseCpu(null);
            }
        }

        long millis() throws Exception {
            if (connection == null) {
                return -1;
            }
            long total = 0;
            try (var st = connection.createStatement(); var rs = st.executeQuery("SELECT pid FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    long ms = cpuMillis(rs.getLong(1));
                    if (ms < 0) {
                        return -1;
                    }
                    total += ms;
                }
            }
            return total;
        }

        @Override
        public void close() throws Exception {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** User plus system CPU time of the app's process so far (Linux /proc), -1 when unknown. */
    private static long cpuMillis(long pid) throws Exception {
        var stat = java.nio.file.Path.of("/proc/" + pid + "/stat");
        if (pid <= 0 || !java.nio.file.Files.exists(stat)) {
            return -1;
        }
        String line = java.nio.file.Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    private JsonNode finished(String auth, JsonNode started) throws Exception {
        String id = started.path("id").asString();
        while (true) {
            var job = send(auth, "GET", "/api/v1/imports/" + id, null, 200);
            String status = job.path("status").asString();
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return job;
            }
            Thread.sleep(200);
        }
    }

    private JsonNode upload(String auth, String kind, String csv) throws Exception {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + kind
                + ".csv\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(csv.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/imports?kind=" + kind + "&mode=import"))
                .header("Authorization", auth).header("X-Requested-With", "bench")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("upload " + kind + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode send(String auth, String method, String path, String body, int expected) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .header("Content-Type", "application/json");
        builder = body == null ? builder.method(method, HttpRequest.BodyPublishers.noBody())
                : builder.method(method, HttpRequest.BodyPublishers.ofString(body));
        var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
