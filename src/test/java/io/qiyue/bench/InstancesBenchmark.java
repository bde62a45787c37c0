package io.qiyue.bench;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestIdentifiers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GET by id and contract creation through one instance directly and through nginx in front of two (issue #18), run by
 * {@code bench/instances.sh}: 16 clients for a fixed time each, then the rate and the CPU seconds each process group
 * (instance 1, instance 2, nginx, PostgreSQL) spent during the series, read from /proc.
 * Arguments: direct port, balanced port, admin password, seconds per series, then name=pid,pid… groups.
 */
public final class InstancesBenchmark {
    private static final int CLIENTS = 16;

    private InstancesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int direct = Integer.parseInt(args[0]);
        int balanced = Integer.parseInt(args[1]);
        String password = args[2];
        int seconds = Integer.parseInt(args[3]);
        var groups = new LinkedHashMap<String, List<Long>>();
        for (int i = 4; i < args.length; i++) {
            String[] group = args[i].split("=", 2);
            groups.put(group[0], group[1].isBlank() ? List.of()
                    : java.util.Arrays.stream(group[1].split(",")).map(Long::parseLong).toList());
        }
        var admin = ApiClient.anonymous(direct).basic("admin", password);
        String token = admin.post("/api/v1/api-tokens", "{\"name\": \"instances\"}").json().path("token").asString();
        var api = ApiClient.anonymous(direct).bearer(token);
        String customer = api.post("/api/v1/customers", """
                {"kind": "ORGANIZATION", "name": "杭州实例测试科技有限公司", "creditCode": "%s",
                 "address": "浙江省杭州市余杭区文一西路969号", "legalRepresentative": "张三"}"""
                .formatted(TestIdentifiers.creditCode())).json().path("id").asString();
        String ourEntity = api.post("/api/v1/our-entities", """
                {"name": "契约示例（上海）有限公司", "creditCode": "%s", "address": "上海市浦东新区世纪大道100号",
                 "legalRepresentative": "王五"}""".formatted(TestIdentifiers.creditCode())).json().path("id").asString();
        String id = api.post("/api/v1/contracts", body(customer, ourEntity)).json().path("id").asString();

        // both instances warm (JIT, caches, the second instance's index) before anything is measured
        String balancedBase = "http://127.0.0.1:" + balanced;
        run(null, seconds, groups, () -> HttpRequest.newBuilder(URI.create(balancedBase + "/api/v1/contracts/" + id))
                .header("Authorization", "Bearer " + token).build());
        run(null, seconds, groups, () -> HttpRequest.newBuilder(URI.create(balancedBase + "/api/v1/contracts"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(customer, ourEntity))).build());
        System.out.printf("%-34s %9s %9s   CPU seconds per 1,000 requests: %s%n", "series (16 clients, " + seconds
                + " s)", "rate", "p50", String.join(" / ", groups.keySet()));
        for (var target : Map.of("one instance, direct", direct, "two instances behind nginx", balanced)
                .entrySet().stream().sorted(Map.Entry.comparingByValue(java.util.Comparator.reverseOrder())).toList()) {
            String base = "http://127.0.0.1:" + target.getValue();
            run("GET by id, " + target.getKey(), seconds, groups, () -> HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/contracts/" + id)).header("Authorization", "Bearer " + token).build());
            run("create, " + target.getKey(), seconds, groups, () -> HttpRequest.newBuilder(
                            URI.create(base + "/api/v1/contracts")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(customer, ourEntity))).build());
        }
    }

    private static String body(String customer, String ourEntity) {
        return ContractSamples.contract("SERVICE", "实例测试合同 " + UUID.randomUUID(), customer, ourEntity).toString();
    }

    private static void run(String name, int seconds, Map<String, List<Long>> groups,
                            java.util.function.Supplier<HttpRequest> request) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var stop = new AtomicBoolean();
        var done = new AtomicLong();
        var failed = new AtomicLong();
        var latencies = java.util.Collections.synchronizedList(new ArrayList<Long>());
        long warmUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        var before = new LinkedHashMap<String, Long>();
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < CLIENTS; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    long t = System.nanoTime();
                    try {
                        var answer = http.send(request.get(), HttpResponse.BodyHandlers.discarding());
                        if (t > warmUntil && before.size() == groups.size()) {
                            if (answer.statusCode() >= 400) {
                                failed.incrementAndGet();
                            }
                            done.incrementAndGet();
                            latencies.add(System.nanoTime() - t);
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        Thread.sleep(Duration.ofSeconds(3));
        long start = System.nanoTime();
        for (var group : groups.entrySet()) {
            before.put(group.getKey(), ticks(group.getValue()));
        }
        Thread.sleep(Duration.ofSeconds(seconds));
        long requests = done.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        var cpu = new ArrayList<String>();
        for (var group : groups.entrySet()) {
            double cpuSeconds = (ticks(group.getValue()) - before.get(group.getKey())) / 100.0;
            cpu.add("%.2f".formatted(cpuSeconds * 1000 / Math.max(1, requests)));
        }
        stop.set(true);
        for (var thread : threads) {
            thread.join();
        }
        if (name == null) {
            return; // a warm-up
        }
        var sorted = new ArrayList<>(latencies);
        java.util.Collections.sort(sorted);
        System.out.printf("%-34s %7.0f/s %6.1f ms   %s%s%n", name, requests / elapsed,
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2) / 1e6, String.join(" / ", cpu),
                failed.get() > 0 ? "   (" + failed.get() + " failed)" : "");
    }

    /** utime + stime of the processes, in clock ticks (1/100 s). */
    private static long ticks(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (java.io.IOException gone) {
                // a PostgreSQL backend that ended: its time is lost to the sum
            }
        }
        return sum;
    }
}
