package io.qiyue.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * List pages and exports over the data of bench/generate.sh (issue #16), one client at a time: latencies of
 * {@code GET /api/v1/contracts} and {@code /customers} (page of 20) with and without filters and sorting, as
 * p50/p95/p99 after a warm-up, and the time of a CSV and an XLSX export. Run by bench/list.sh, which watches the
 * server's heap meanwhile.
 *   ListBenchmark <base-url> <password> <requests> list|customers|export <export-query>
 */
public final class ListBenchmark {
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String password;

    private ListBenchmark(String base, String password) {
        this.base = base;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        var bench = new ListBenchmark(args[0], args[1]);
        int requests = Integer.parseInt(args[2]);
        String admin = bench.token("admin");
        if (args[3].equals("export")) {
            bench.export(admin, args[4]);
            return;
        }
        String manager = bench.token("bench-s3-1");
        String sales = bench.token("bench-s3-4");
        System.out.printf("%-58s %9s %7s %7s %7s%n", "GET /api/v1/... (page of 20, " + requests + " requests)",
                "total", "p50 ms", "p95 ms", "p99 ms");
        if (args[3].equals("list")) {
            bench.contracts(admin, manager, sales, requests);
        }
        bench.measure(admin, "customers (admin, no filter)", "/api/v1/customers", requests);
        bench.measure(admin, "customers ?q=杭州星辰", "/api/v1/customers?q=" + enc("杭州星辰"), requests);
        bench.measure(admin, "customers ?level=A&sort=name,asc", "/api/v1/customers?level=A&sort=name,asc", requests);
        bench.measure(sales, "customers (salesperson, own scope)", "/api/v1/customers", requests);
    }

    private void contracts(String admin, String manager, String sales, int requests) throws Exception {
        var bench = this;
        bench.measure(admin, "contracts (admin, no filter, newest first)", "/api/v1/contracts", requests);
        bench.measure(admin, "contracts ?type=SERVICE&status=ACTIVE", "/api/v1/contracts?type=SERVICE&status=ACTIVE",
                requests);
        bench.measure(admin, "contracts ?owner=bench-s2-5", "/api/v1/contracts?owner=bench-s2-5", requests);
        bench.measure(admin, "contracts ?endsAfter=2027-01-01&endsBefore=2027-04-01",
                "/api/v1/contracts?endsAfter=2027-01-01&endsBefore=2027-04-01", requests);
        bench.measure(admin, "contracts ?sort=amount,desc", "/api/v1/contracts?sort=amount,desc", requests);
        bench.measure(admin, "contracts ?type=CONSULTING&status=EXPIRED&sort=amount,desc",
                "/api/v1/contracts?type=CONSULTING&status=EXPIRED&sort=amount,desc", requests);
        bench.measure(admin, "contracts ?status=ACTIVE&sort=endDate,asc",
                "/api/v1/contracts?status=ACTIVE&sort=endDate,asc", requests);
        bench.measure(admin, "contracts ?q=运维服务 (title, 4 characters)", "/api/v1/contracts?q=" + enc("运维服务"),
                requests);
        bench.measure(admin, "contracts ?q=运维 (title, 2 characters)", "/api/v1/contracts?q=" + enc("运维"), requests);
        bench.measure(admin, "contracts ?q=QY-MNT-2024-0012 (number)", "/api/v1/contracts?q=QY-MNT-2024-0012",
                requests);
        bench.measure(admin, "contracts ?q=维 (title, 1 character)", "/api/v1/contracts?q=" + enc("维"), requests);
        bench.measure(admin, "contracts ?q=杭州星辰 (customer names)", "/api/v1/contracts?q=" + enc("杭州星辰"),
                requests);
        bench.measure(admin, "contracts ?q=运维&status=ACTIVE&sort=amount,desc",
                "/api/v1/contracts?q=" + enc("运维") + "&status=ACTIVE&sort=amount,desc", requests);
        bench.measure(admin, "contracts ?q=2024-0012&endsAfter=2024-06-01 (number part, a date)",
                "/api/v1/contracts?q=2024-0012&endsAfter=2024-06-01", requests);
        bench.measure(admin, "contracts ?page=200 (rows 4,001-4,020)", "/api/v1/contracts?page=200", requests);
        bench.measure(manager, "contracts (sales manager, team scope)", "/api/v1/contracts", requests);
        bench.measure(manager, "contracts (manager) ?type=SERVICE&status=ACTIVE",
                "/api/v1/contracts?type=SERVICE&status=ACTIVE", requests);
        bench.measure(sales, "contracts (salesperson, own scope)", "/api/v1/contracts", requests);
        bench.measure(sales, "contracts (salesperson) ?q=运维", "/api/v1/contracts?q=" + enc("运维"), requests);
        bench.measure(sales, "contracts (salesperson) ?endsAfter=2027-01-01&endsBefore=2027-04-01",
                "/api/v1/contracts?endsAfter=2027-01-01&endsBefore=2027-04-01", requests);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void measure(String token, String label, String path, int requests) throws Exception {
        String total = "?";
        for (int i = 0; i < 10; i++) {
            var body = get(token, path).body();
            var m = TOTAL.matcher(body);
            if (m.find()) {
                total = m.group(1);
            }
        }
        var times = new ArrayList<Double>(requests);
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            var response = get(token, path);
            times.add((System.nanoTime() - t) / 1e6);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
            }
        }
        Collections.sort(times);
        System.out.printf("%-58s %9s %7.1f %7.1f %7.1f%n", label, total, percentile(times, 50), percentile(times, 95),
                percentile(times, 99));
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Downloads the export, counting bytes and (for CSV) lines; prints the time to the last byte. */
    private void export(String token, String query) throws Exception {
        long t = System.nanoTime();
        var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/contracts?" + query))
                .header("Authorization", token).timeout(Duration.ofMinutes(10)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        long first = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (first == 0) {
                    first = System.nanoTime();
                }
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("export ?%s: HTTP %d, %,d bytes%s, first byte after %.2f s, complete in %.2f s%n", query,
                response.statusCode(), bytes, query.contains("format=csv") ? ", " + (lines - 1) + " rows" : "",
                (first - t) / 1e9, seconds);
    }

    private String token(String username) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/api-tokens"))
                        .header("Authorization", basic).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"list-bench\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("token for " + username + ": " + response.statusCode() + " "
                    + response.body());
        }
        var m = TOKEN.matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no token in " + response.body());
        }
        return "Bearer " + m.group(1);
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", token)
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
