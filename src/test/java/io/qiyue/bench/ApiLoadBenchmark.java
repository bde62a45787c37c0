package io.qiyue.bench;

import io.qiyue.customer.CreditCode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load against a running Qiyue on loopback (run by bench/run.sh, by hand, never in the test
 * suite). Seeds contracts through the public API with N concurrent clients (which measures creation
 * throughput), then measures GET and filtered-list latencies. Bounded in count and time.
 *
 * <pre>args: baseUrl adminPassword contracts concurrency [all|seed|measure]</pre>
 * {@code seed} only creates, {@code measure} only reads (contracts already in the database), so
 * that the database can be analysed in between as its autovacuum would.
 */
public final class ApiLoadBenchmark {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    static final String[] TYPES = {"SERVICE", "CONFIDENTIALITY", "MAINTENANCE", "CONSULTING", "INFO_SHARING"};
    private static final Duration TIME_LIMIT = Duration.ofMinutes(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String auth;

    private ApiLoadBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        if (!URI.create(base).getHost().equals("127.0.0.1") && !URI.create(base).getHost().equals("localhost")) {
            throw new IllegalArgumentException("load goes to loopback only");
        }
        String adminPassword = args.length > 1 ? args[1] : "bench-admin-pw";
        int contracts = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        String phase = args.length > 4 ? args[4] : "all";
        new ApiLoadBenchmark(base).run(adminPassword, contracts, concurrency, phase);
    }

    private void run(String adminPassword, int contractCount, int concurrency, String phase) throws Exception {
        auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        String token = match(TOKEN, send("POST", "/api/v1/api-tokens", "{\"name\":\"bench\"}", 201));
        auth = "Bearer " + token;
        if (phase.equals("measure")) {
            measure(existingIds("/api/v1/contracts?size=200&sort=number,asc&page=", 10),
                    existingIds("/api/v1/customers?size=200&page=", 1));
            return;
        }

        String ourEntity = match(ID, send("POST", "/api/v1/our-entities", """
                {"name":"契约科技（上海）有限公司","creditCode":"%s","address":"上海市浦东新区世纪大道100号"}"""
                .formatted(creditCode(1)), 201));
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            customers.add(match(ID, send("POST", "/api/v1/customers", """
                    {"kind":"ORGANIZATION","name":"压测客户%03d科技有限公司","creditCode":"%s","address":"杭州市西湖区%d号",
                     "level":"B","contacts":[{"name":"联系人%d","mobile":"138%08d","primary":true}]}"""
                    .formatted(i, creditCode(1000 + i), i, i, i), 201)));
        }

        // creation throughput: concurrency clients, each creating its share
        var created = new ConcurrentLinkedQueue<String>();
        var createLatencies = new ConcurrentLinkedQueue<Long>();
        var failures = new AtomicInteger();
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            for (int t = 0; t < concurrency; t++) {
                int share = contractCount / concurrency + (t < contractCount % concurrency ? 1 : 0);
                pool.submit(() -> {
                    var random = ThreadLocalRandom.current();
                    for (int i = 0; i < share && System.nanoTime() < deadline; i++) {
                        String body = contractJson(TYPES[random.nextInt(TYPES.length)],
                                customers.get(random.nextInt(customers.size())), ourEntity, random);
                        long t0 = System.nanoTime();
                        try {
                            created.add(match(ID, send("POST", "/api/v1/contracts", body, 201)));
                            createLatencies.add(System.nanoTime() - t0);
                        } catch (Exception e) {
                            if (failures.incrementAndGet() <= 5) {
                                System.out.println("create failed: " + e.getMessage());
                            }
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("create: %d contracts in %.1f s with %d clients = %.0f/s (failures %d); latency %s%n",
                created.size(), seconds, concurrency, created.size() / seconds, failures.get(),
                percentiles(createLatencies));

        if (phase.equals("all")) {
            measure(new ArrayList<>(created), customers);
        }
    }

    private List<String> existingIds(String pagePath, int pages) throws Exception {
        var ids = new ArrayList<String>();
        Pattern itemId = Pattern.compile("\\{\"id\":\"([^\"]+)\"");
        for (int page = 0; page < pages; page++) {
            Matcher m = itemId.matcher(send("GET", pagePath + page, null, 200));
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private void measure(List<String> ids, List<String> customers) throws Exception {
        warmUp(ids);
        var getLatencies = new ConcurrentLinkedQueue<Long>();
        for (int i = 0; i < 5000; i++) {
            String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            long t0 = System.nanoTime();
            send("GET", "/api/v1/contracts/" + id, null, 200);
            getLatencies.add(System.nanoTime() - t0);
        }
        System.out.println("GET /contracts/{id} (5000 sequential): " + percentiles(getLatencies));

        var listLatencies = new ConcurrentLinkedQueue<Long>();
        String[] kinds = {"type+status", "customerId", "endsBefore+sort", "type+endsAfter+page", "q (title contains)"};
        for (int kind = 0; kind < kinds.length; kind++) {
            var latencies = new ConcurrentLinkedQueue<Long>();
            for (int i = 0; i < 400; i++) {
                String query = listQuery(kind, i, customers);
                long t0 = System.nanoTime();
                send("GET", "/api/v1/contracts?size=20&" + query, null, 200);
                long elapsed = System.nanoTime() - t0;
                latencies.add(elapsed);
                listLatencies.add(elapsed);
            }
            System.out.println("  list filtered by " + kinds[kind] + ": " + percentiles(latencies));
        }
        System.out.println("GET /contracts?filter (2000 sequential, page of 20): " + percentiles(listLatencies));
    }

    private void warmUp(List<String> ids) throws Exception {
        for (int i = 0; i < 500; i++) {
            send("GET", "/api/v1/contracts/" + ids.get(i % ids.size()), null, 200);
            send("GET", "/api/v1/contracts?size=20&type=SERVICE&status=DRAFT", null, 200);
        }
    }

    private static String listQuery(int kind, int i, List<String> customers) {
        return switch (kind) {
            case 0 -> "type=" + TYPES[i % TYPES.length] + "&status=DRAFT";
            case 1 -> "customerId=" + customers.get(i % customers.size());
            case 2 -> "endsBefore=" + LocalDate.of(2027, 1 + i % 12, 1) + "&sort=endDate,desc";
            case 3 -> "type=MAINTENANCE&endsAfter=2027-06-01&page=" + (i % 5);
            default -> "q=" + java.net.URLEncoder.encode("压测合同-" + (100 + i), StandardCharsets.UTF_8);
        };
    }

    static String contractJson(String type, String customer, String ourEntity, ThreadLocalRandom random) {
        LocalDate start = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(700));
        String amount = (10_000 + random.nextInt(500) * 1_000) + ".00";
        String common = """
                "rightsAndObligations":{"provider":["按约定提供服务"],"customer":["按约定付款"]},
                "breach":{"liquidatedDamages":{"basis":"PERCENT_OF_AMOUNT","value":"10"},"description":"违约方支付违约金"},
                "dispute":{"method":"ARBITRATION","arbitrationCommission":"上海仲裁委员会"},
                "termination":{"conditions":["一方严重违约的，守约方可解除合同"],"noticeDays":30},
                "confidentialityObligations":["不得向第三方披露对方保密信息"]""";
        String own = switch (type) {
            case "SERVICE" -> """
                    ,"service":{"items":[{"name":"服务器巡检","standard":"每月一次"},{"name":"故障处理","standard":"4小时响应"}],
                    "scope":"甲方总部机房","qualityRequirements":"可用率99.5%%"}""";
            case "CONFIDENTIALITY" -> """
                    ,"confidentialInformation":{"categories":["TRADE_SECRET"],"description":"技术资料","exclusions":["公知信息"]},
                    "confidentialityPeriod":{"yearsAfterTermination":3}""";
            case "MAINTENANCE" -> """
                    ,"maintenance":{"items":[{"name":"定期回访","standard":"每季度"}],"methods":["PHONE","ONSITE"],
                    "visitIntervalDays":90,"responseHours":8}""";
            case "CONSULTING" -> """
                    ,"consulting":{"scope":"数字化咨询","qualityRequirements":"报告经验收","methods":["IN_PERSON"],
                    "deliverables":["诊断报告"]}""";
            default -> """
                    ,"sharedInformation":{"categories":["BASIC_INFO"],"containsPersonalInformation":false,"purpose":"联合营销"},
                    "sharingMethods":["SFTP"],"sharingPeriod":{"yearsAfterTermination":1}""";
        };
        boolean paid = type.equals("SERVICE") || type.equals("MAINTENANCE") || type.equals("CONSULTING");
        String payment = paid ? """
                "payment":{"method":"BANK_TRANSFER","schedule":[{"dueDate":"%s","amount":{"value":"%s"}}]},"""
                .formatted(start.plusDays(10), amount) : "";
        return """
                {"type":"%s","title":"压测合同-%d","customerId":"%s","ourEntityId":"%s",%s"startDate":"%s","endDate":"%s",
                 "terms":{%s%s%s}}""".formatted(type, random.nextInt(1_000_000), customer, ourEntity,
                paid ? "\"amount\":{\"value\":\"" + amount + "\"}," : "", start, start.plusYears(1).minusDays(1),
                payment, common, own);
    }

    private String send(String method, String path, String body, int expected) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth).header("Accept", "application/json");
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
            throw new IllegalStateException("unexpected response: " + body);
        }
        return m.group(1);
    }

    static String creditCode(int serial) {
        String first17 = "91330100" + String.format("BM%07d", serial);
        return first17 + CreditCode.checkCharacterFor(first17);
    }

    private static String percentiles(ConcurrentLinkedQueue<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return "no samples";
        }
        return "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (n=%d)".formatted(sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.95)] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted.length);
    }
}
