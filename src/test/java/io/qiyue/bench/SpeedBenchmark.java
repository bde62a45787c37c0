package io.qiyue.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The side-by-side benchmark of issue #17 (bench/speed.sh, run by hand, never by CI): against a running Qiyue and
 * the {@link AnchorServer} on the same PostgreSQL database, with N concurrent HTTP/1.1 clients and token auth,
 * seeds contracts through the API (creation), then measures GET by id on both, the filtered list page, the
 * contract page of the UI and the PDF download. Each measurement discards a warm-up, then prints p50/p95/p99,
 * throughput and the CPU milliseconds per request each server process spent (from /proc/&lt;pid&gt;/stat).
 *
 * <pre>args: qiyueUrl anchorUrl adminPassword contracts clients qiyuePid anchorPid</pre>
 */
public final class SpeedBenchmark {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    /** Linux's USER_HZ, the unit of utime and stime in /proc/&lt;pid&gt;/stat. */
    private static final double TICKS_PER_SECOND = 100;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String anchor;
    private final int clients;
    /** The clients of the series being measured: {@link #clients}, or one for a latency without queueing. */
    private int concurrency;
    private final long qiyuePid;
    private final long anchorPid;
    private String auth;

    private SpeedBenchmark(String base, String anchor, int clients, long qiyuePid, long anchorPid) {
        this.base = base;
        this.anchor = anchor;
        this.clients = clients;
        this.concurrency = clients;
        this.qiyuePid = qiyuePid;
        this.anchorPid = anchorPid;
    }

    /** One measured series. */
    record Figures(String name, int requests, double seconds, long[] sortedNanos, double cpuMsPerRequest,
                   int failures) {
        double throughput() {
            return requests / seconds;
        }

        double percentile(double p) {
            return sortedNanos.length == 0 ? Double.NaN
                    : sortedNanos[Math.min(sortedNanos.length - 1, (int) (sortedNanos.length * p))] / 1e6;
        }

        String line() {
            return "%-34s %8.0f/s  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  cpu %6.2f ms/req  n=%d%s".formatted(name,
                    throughput(), percentile(0.5), percentile(0.95), percentile(0.99), cpuMsPerRequest, requests,
                    failures == 0 ? "" : "  FAILURES " + failures);
        }
    }

    public static void main(String[] args) throws Exception {
        for (String url : List.of(args[0], args[1])) {
            String host = URI.create(url).getHost();
            if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
                throw new IllegalArgumentException("load goes to loopback only");
            }
        }
        var bench = new SpeedBenchmark(args[0], args[1], Integer.parseInt(args[4]), Long.parseLong(args[5]),
                Long.parseLong(args[6]));
        bench.run(args[2], Integer.parseInt(args[3]));
    }

    private void run(String adminPassword, int contracts) throws Exception {
        auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        String token = match(TOKEN, send(base, "POST", "/api/v1/api-tokens", "{\"name\":\"speed\"}", 201));
        auth = "Bearer " + token;

        String ourEntity = match(ID, send(base, "POST", "/api/v1/our-entities", """
                {"name":"契约科技（上海）有限公司","creditCode":"%s","address":"上海市浦东新区世纪大道100号"}"""
                .formatted(ApiLoadBenchmark.creditCode(1)), 201));
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            customers.add(match(ID, send(base, "POST", "/api/v1/customers", """
                    {"kind":"ORGANIZATION","name":"压测客户%03d科技有限公司","creditCode":"%s","address":"杭州市西湖区%d号",
                     "level":"B","contacts":[{"name":"联系人%d","mobile":"138%08d","primary":true}]}"""
                    .formatted(i, ApiLoadBenchmark.creditCode(1000 + i), i, i, i), 201)));
        }

        var ids = new ConcurrentLinkedQueue<String>();
        IntFunction<HttpRequest> create = i -> {
            var random = ThreadLocalRandom.current();
            String body = ApiLoadBenchmark.contractJson(
                    ApiLoadBenchmark.TYPES[random.nextInt(ApiLoadBenchmark.TYPES.length)],
                    customers.get(random.nextInt(customers.size())), ourEntity, random);
            return request(base, "/api/v1/contracts").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        };
        int warmCreates = Math.min(500, Math.max(50, contracts / 20));
        var results = new ArrayList<Figures>();
        results.add(load("POST /api/v1/contracts (create)", warmCreates, contracts - warmCreates, create, 201,
                qiyuePid, body -> ids.add(match(ID, body))));
        List<String> all = new ArrayList<>(ids);
        System.out.println("(seeded " + contracts + " contracts, " + all.size() + " of them measured)");

        IntFunction<HttpRequest> getQiyue = i -> request(base, "/api/v1/contracts/" + pick(all)).GET().build();
        IntFunction<HttpRequest> getAnchor = i -> request(anchor, "/api/v1/contracts/" + pick(all)).GET().build();
        int gets = Integer.getInteger("speed.gets", 20_000);
        settle(qiyuePid);
        var qiyueGet = load("GET /api/v1/contracts/{id}", 5000, gets, getQiyue, 200, qiyuePid, null);
        var anchorGet = load("anchor GET /api/v1/contracts/{id}", 5000, gets, getAnchor, 200, anchorPid, null);
        results.add(qiyueGet);
        results.add(anchorGet);

        String[] types = ApiLoadBenchmark.TYPES;
        IntFunction<HttpRequest> list = i -> request(base, "/api/v1/contracts?size=20&" + switch (i % 4) {
            case 0 -> "type=" + types[i % types.length] + "&status=DRAFT&sort=updatedAt,desc";
            case 1 -> "customerId=" + customers.get(i % customers.size());
            case 2 -> "endsBefore=2027-0" + (1 + i % 9) + "-01&sort=endDate,desc";
            default -> "q=" + URLEncoder.encode("压测合同-" + (100 + i % 900), StandardCharsets.UTF_8);
        }).GET().build();
        results.add(load("GET /api/v1/contracts?filters (list)", 500, 3000, list, 200, qiyuePid, null));

        String cookieAuth = auth;
        var browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        signIn(browser, adminPassword);
        IntFunction<HttpRequest> page = i -> HttpRequest.newBuilder(URI.create(base + "/contracts/" + pick(all)))
                .timeout(Duration.ofSeconds(30)).header("Accept", "text/html").GET().build();
        results.add(load(browser, "GET /contracts/{id} (UI page)", 200, Integer.getInteger("speed.pages", 1000), page, 200, qiyuePid, null));
        auth = cookieAuth;

        IntFunction<HttpRequest> pdf = i -> request(base, "/api/v1/contracts/" + pick(all) + "/document?format=pdf")
                .GET().build();
        results.add(load("GET .../document?format=pdf", 30, Integer.getInteger("speed.pdfs", 100), pdf, 200,
                qiyuePid, null));

        // issue #17 item 5: contracts of about ten pages (40 paragraphs of about 250 characters in their rights and
        // obligations, as ReviewEngineJmh.tenPages reviews them), their review over HTTP and their PDF
        List<String> tenPages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tenPages.add(match(ID, send(base, "POST", "/api/v1/contracts",
                    tenPageContractJson(customers.get(i), ourEntity), 201)));
        }
        System.out.println("(the 10-page contracts' PDF: " + pages(tenPages.getFirst()) + " pages)");
        // as many more that nobody downloaded yet: a version's files are kept once written (RenderedFiles), so the
        // series over the eight above measures repeated downloads, and this one the writing of a PDF
        int freshPdfs = Integer.getInteger("speed.freshPdfs", 48);
        List<String> unseenTenPages = new ArrayList<>();
        for (int i = 0; i < 16 + freshPdfs; i++) {
            unseenTenPages.add(match(ID, send(base, "POST", "/api/v1/contracts",
                    tenPageContractJson(customers.get(i % customers.size()), ourEntity), 201)));
        }
        settle(qiyuePid);
        IntFunction<HttpRequest> review = i -> request(base, "/api/v1/contracts/" + tenPages.get(i % tenPages.size())
                + "/review").POST(HttpRequest.BodyPublishers.noBody()).build();
        concurrency = 1;
        // warmed up apart, so that the engine's timer covers the timed reviews only; as many as are timed, since the
        // JIT was still compiling the rules' code after 30 (the process spent 20 ms of CPU per 11 ms review then)
        run(http, Integer.getInteger("speed.reviewWarmUp", 200), review, 200, null, new AtomicInteger(), null);
        double[] engineBefore = engineSeconds();
        var oneClientReviews = load("POST .../review (10 pages, 1 client)", 0, Integer.getInteger("speed.reviews", 200),
                review, 200, qiyuePid, null);
        double[] engineAfter = engineSeconds();
        results.add(oneClientReviews);
        double engineMs = (engineAfter[1] - engineBefore[1]) * 1000 / (engineAfter[0] - engineBefore[0]);
        double roundTripMs = databaseRoundTripMs();
        concurrency = clients;
        results.add(load("POST .../review (10 pages)", 30, Integer.getInteger("speed.reviews", 200), review, 200,
                qiyuePid, null));
        IntFunction<HttpRequest> tenPagePdf = i -> request(base, "/api/v1/contracts/"
                + tenPages.get(i % tenPages.size()) + "/document?format=pdf").GET().build();
        results.add(load("GET .../document?format=pdf (10 pages, repeated)", 16, Integer.getInteger("speed.pdfs", 100),
                tenPagePdf, 200, qiyuePid, null));
        var unseen = new AtomicInteger();
        IntFunction<HttpRequest> firstPdf = i -> request(base, "/api/v1/contracts/"
                + unseenTenPages.get(unseen.getAndIncrement() % unseenTenPages.size()) + "/document?format=pdf").GET().build();
        results.add(load("GET .../document?format=pdf (10 pages, first download)", 16, freshPdfs, firstPdf, 200,
                qiyuePid, null));

        // the figures are those of a warm JVM: the first series above runs while the JIT still compiles the
        // create path (and, at first, everything else), so creation is measured again once everything ran
        settle(qiyuePid);
        results.add(load("POST /api/v1/contracts (create, warm JVM)", 100, Integer.getInteger("speed.warmCreates", 2000),
                create, 201, qiyuePid, null));

        System.out.println();
        System.out.printf("== speed: %d contracts, %d clients, token auth ==%n", contracts, clients);
        results.forEach(f -> System.out.println(f.line()));
        System.out.printf("review, 1 client: HTTP p50 %.2f ms = the engine inside Qiyue %.2f ms (mean over the series)"
                        + " + one database round trip %.2f ms (p50) + %.2f ms else%n", oneClientReviews.percentile(0.5),
                engineMs, roundTripMs, oneClientReviews.percentile(0.5) - engineMs - roundTripMs);
        System.out.printf("GET by id Qiyue/anchor: throughput %.2fx, p50 %.2fx, p99 %.2fx, cpu/req %.2fx%n",
                qiyueGet.throughput() / anchorGet.throughput(), qiyueGet.percentile(0.5) / anchorGet.percentile(0.5),
                qiyueGet.percentile(0.99) / anchorGet.percentile(0.99),
                qiyueGet.cpuMsPerRequest() / anchorGet.cpuMsPerRequest());
    }

    /** A service contract whose rights and obligations run to about ten pages of its document. */
    private static String tenPageContractJson(String customer, String ourEntity) {
        var paragraphs = ReviewSubjects.rightsAndObligations(40);
        String json = ApiLoadBenchmark.contractJson("SERVICE", customer, ourEntity, ThreadLocalRandom.current());
        String shortOnes = "\"rightsAndObligations\":{\"provider\":[\"按约定提供服务\"],\"customer\":[\"按约定付款\"]}";
        if (!json.contains(shortOnes)) {
            throw new IllegalStateException("the sample contract changed: " + json);
        }
        return json.replace(shortOnes, "\"rightsAndObligations\":{\"provider\":" + jsonArray(paragraphs.get(0))
                + ",\"customer\":" + jsonArray(paragraphs.get(1)) + "}");
    }

    /** The sentences hold no quote, backslash or control character. */
    private static String jsonArray(List<String> texts) {
        return texts.stream().map(t -> "\"" + t + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    /** The pages of a contract's PDF, read with PDFBox (the application's own libraries are on the class path). */
    private int pages(String contractId) throws Exception {
        var response = http.send(request(base, "/api/v1/contracts/" + contractId + "/document?format=pdf").GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(response.body())) {
            return pdf.getNumberOfPages();
        }
    }

    private void signIn(HttpClient browser, String password) throws Exception {
        var form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = match(CSRF, form.body());
        String body = "username=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        var done = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (done.statusCode() != 302 || done.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in failed: " + done.statusCode() + " " + done.headers().map());
        }
    }

    private static String pick(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    private HttpRequest.Builder request(String server, String path) {
        return HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth).header("Accept", "application/json");
    }

    private Figures load(String name, int warmUp, int count, IntFunction<HttpRequest> requests, int expected, long pid,
                         java.util.function.Consumer<String> bodies) throws Exception {
        return load(http, name, warmUp, count, requests, expected, pid, bodies);
    }

    /** {@code warmUp} requests not counted, then {@code count} timed ones, both spread over the clients. */
    private Figures load(HttpClient client, String name, int warmUp, int count, IntFunction<HttpRequest> requests,
                         int expected, long pid, java.util.function.Consumer<String> bodies) throws Exception {
        var failures = new AtomicInteger();
        run(client, warmUp, requests, expected, null, failures, bodies);
        failures.set(0);
        var nanos = new ConcurrentLinkedQueue<Long>();
        long cpu0 = cpuTicks(pid);
        long t0 = System.nanoTime();
        run(client, count, requests, expected, nanos, failures, bodies);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMs = (cpuTicks(pid) - cpu0) / TICKS_PER_SECOND * 1000;
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        var figures = new Figures(name, count, seconds, sorted, cpuMs / count, failures.get());
        System.out.println(figures.line());
        return figures;
    }

    private void run(HttpClient client, int count, IntFunction<HttpRequest> requests, int expected,
                     ConcurrentLinkedQueue<Long> nanos, AtomicInteger failures,
                     java.util.function.Consumer<String> bodies) throws Exception {
        var next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            for (int t = 0; t < concurrency; t++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        var request = requests.apply(i);
                        long start = System.nanoTime();
                        try {
                            var response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                            long elapsed = System.nanoTime() - start;
                            if (response.statusCode() != expected) {
                                if (failures.incrementAndGet() <= 3) {
                                    System.out.println("  " + request.uri() + " -> " + response.statusCode() + ": "
                                            + response.body().substring(0, Math.min(300, response.body().length())));
                                }
                                continue;
                            }
                            if (nanos != null) {
                                nanos.add(elapsed);
                            }
                            if (bodies != null) {
                                bodies.accept(response.body());
                            }
                        } catch (Exception e) {
                            if (failures.incrementAndGet() <= 3) {
                                System.out.println("  " + request.uri() + " failed: " + e);
                            }
                        }
                    }
                    return null;
                });
            }
        }
    }

    /**
     * Waits (at most three minutes) until the process has used less than a tenth of a core for two seconds in a row:
     * the work a burst of creates leaves behind (search indexing, reviews) would otherwise be counted as the CPU of
     * the reads measured next, and more so the faster the creates ran.
     */
    private static void settle(long pid) throws Exception {
        long start = System.nanoTime();
        int quiet = 0;
        long before = cpuTicks(pid);
        while (quiet < 2 && System.nanoTime() - start < 180_000_000_000L) {
            Thread.sleep(1000);
            long now = cpuTicks(pid);
            quiet = now - before < TICKS_PER_SECOND / 10 ? quiet + 1 : 0;
            before = now;
        }
        System.out.printf("(waited %.0f s for the server's background work to settle)%n",
                (System.nanoTime() - start) / 1e9);
    }

    /** utime + stime of the process, in clock ticks. */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the command: state(0) ppid(1) ... utime is field 14 of the line, 11 here; stime 12
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * The review engine's timer of Qiyue ({@code qiyue.review.engine}, on the metrics endpoint, which the admin's
     * token reads): reviews timed so far and their seconds in all.
     */
    private double[] engineSeconds() throws Exception {
        var response = http.send(request(base, "/actuator/prometheus").setHeader("Accept", "text/plain").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /actuator/prometheus -> " + response.statusCode());
        }
        String metrics = response.body();
        return new double[]{metric(metrics, "qiyue_review_engine_seconds_count"),
                metric(metrics, "qiyue_review_engine_seconds_sum")};
    }

    private static double metric(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " on /actuator/prometheus");
        }
        return Double.parseDouble(m.group(1));
    }

    /** The median of 200 {@code SELECT 1} on the benchmark's database from here (loopback, as Qiyue's pool). */
    private static double databaseRoundTripMs() throws Exception {
        String url = System.getProperty("speed.jdbc");
        if (url == null) {
            return Double.NaN;
        }
        try (var connection = java.sql.DriverManager.getConnection(url, "postgres", "");
             var statement = connection.prepareStatement("SELECT 1")) {
            long[] nanos = new long[200];
            for (int i = -50; i < nanos.length; i++) {
                long start = System.nanoTime();
                try (var rows = statement.executeQuery()) {
                    rows.next();
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
            Arrays.sort(nanos);
            return nanos[nanos.length / 2] / 1e6;
        }
    }

    private String send(String server, String method, String path, String body, int expected) throws Exception {
        var request = request(server, path);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String match(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected response: " + body.substring(0, Math.min(300, body.length())));
        }
        return m.group(1);
    }
}
