package io.qiyue.bench;

import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestIdentifiers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Approval decisions per second with many running flows (issue #12), against a running instance on
 * 127.0.0.1 (bench/approval.sh starts one on PostgreSQL). Seeds N contracts of one owner through the API —
 * created, reviewed (warnings accepted), submitted — into a one-step flow of one approver, then has that
 * approver decide D of the open tasks with C concurrent clients: throughput and latency percentiles of the
 * decisions (each one ends its flow and moves its contract to APPROVED). Warm-up decisions are not counted.
 */
public final class ApprovalBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIME_LIMIT = Duration.ofMinutes(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private ApprovalBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        String host = URI.create(base).getHost();
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new IllegalArgumentException("load goes to loopback only");
        }
        String adminPassword = args.length > 1 ? args[1] : "bench-admin-pw";
        int flows = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int decisions = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        new ApprovalBenchmark(base).run(adminPassword, flows, decisions, clients);
    }

    private void run(String adminPassword, int flowCount, int decisionCount, int clients) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        String admin = "Bearer " + send(basic, "POST", "/api/v1/api-tokens", "{\"name\":\"bench\"}", 201)
                .path("token").asString();
        String approverId = user(admin, "bench_approver", "SALES_MANAGER");
        user(admin, "bench_owner", "SALES");
        String approver = token("bench_approver");
        String owner = token("bench_owner");
        send(admin, "POST", "/api/v1/approval-flows", """
                {"name": "压测审批流程", "enabled": true, "priority": 1, "resubmitToRejectingStep": false,
                 "skipRepeatedApprover": false, "steps": [{"name": "经理审批", "kind": "APPROVAL", "mode": "ANY",
                 "approvers": [{"userId": "%s"}], "timeLimitHours": 48, "condition": null}]}""".formatted(approverId), 201);
        String ourEntity = send(admin, "POST", "/api/v1/our-entities", """
                {"name": "契约科技（上海）有限公司", "creditCode": "%s", "address": "上海市浦东新区世纪大道100号"}"""
                .formatted(TestIdentifiers.creditCode()), 201).path("id").asString();
        var customers = new ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            customers.add(send(owner, "POST", "/api/v1/customers", """
                    {"kind": "ORGANIZATION", "name": "审批压测客户%02d有限公司", "creditCode": "%s",
                     "address": "杭州市西湖区文三路%d号", "level": "B", "contacts": [{"name": "联系人", "mobile": "%s",
                     "primary": true}]}""".formatted(i, TestIdentifiers.creditCode(), i + 1, TestIdentifiers.mobile()),
                    201).path("id").asString());
        }

        var submitted = new AtomicInteger();
        long t0 = System.nanoTime();
        parallel(clients, flowCount, i -> {
            var body = ContractSamples.contract("SERVICE", "审批压测合同" + i, customers.get(i % customers.size()), ourEntity);
            String id = send(owner, "POST", "/api/v1/contracts", body.toString(), 201).path("id").asString();
            var review = send(owner, "POST", "/api/v1/contracts/" + id + "/review", "{}", 200);
            for (JsonNode finding : review.path("findings")) {
                if (finding.path("severity").asString().equals("WARNING")) {
                    send(admin, "POST", "/api/v1/contracts/" + id + "/review/findings/" + finding.path("ruleId")
                            .asString() + "/accept", JSON.createObjectNode().put("path", finding.path("path").asString())
                            .put("reason", "已与客户确认").toString(), 200);
                }
            }
            String etag = "\"" + send(owner, "GET", "/api/v1/contracts/" + id, null, 200).path("version").asInt() + "\"";
            request(owner, "POST", "/api/v1/contracts/" + id + "/submit", "{}", etag, 200);
            submitted.incrementAndGet();
        });
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("seeded %d running flows in %.0f s (%.1f contracts created, reviewed and submitted per s)%n",
                submitted.get(), seedSeconds, submitted.get() / seedSeconds);

        var tasks = new ArrayList<String>();
        for (int page = 0; tasks.size() < decisionCount; page++) {
            var items = send(approver, "GET", "/api/v1/approvals?assignee=me&size=100&page=" + page, null, 200)
                    .path("items");
            if (items.isEmpty()) {
                break;
            }
            items.forEach(t -> tasks.add(t.path("id").asString()));
        }
        int warmUp = Math.min(200, tasks.size() / 10);
        parallel(clients, warmUp, i -> decide(approver, tasks.get(i)));
        var measured = tasks.subList(warmUp, Math.min(tasks.size(), warmUp + decisionCount));
        var latencies = new ConcurrentLinkedQueue<Long>();
        long d0 = System.nanoTime();
        parallel(clients, measured.size(), i -> {
            long s = System.nanoTime();
            decide(approver, measured.get(i));
            latencies.add(System.nanoTime() - s);
        });
        double seconds = (System.nanoTime() - d0) / 1e9;
        var sorted = latencies.stream().sorted().toList();
        System.out.printf("decisions: %d APPROVE in %.1f s with %d clients = %.0f/s with about %d flows running;"
                        + " latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n", sorted.size(), seconds, clients,
                sorted.size() / seconds, submitted.get() - warmUp, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99));
    }

    private void decide(String approver, String taskId) {
        send(approver, "POST", "/api/v1/approvals/" + taskId + "/decision",
                "{\"decision\": \"APPROVE\", \"comment\": \"同意\"}", 200);
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * quantile))) / 1e6;
    }

    private String user(String admin, String username, String role) {
        return send(admin, "POST", "/api/v1/users", """
                {"username": "%s", "displayName": "%s", "roles": ["%s"], "password": "bench-user-password"}"""
                .formatted(username, username, role), 201).path("id").asString();
    }

    private String token(String username) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((username + ":bench-user-password")
                .getBytes(StandardCharsets.UTF_8));
        return "Bearer " + send(basic, "POST", "/api/v1/api-tokens", "{\"name\":\"bench\"}", 201).path("token").asString();
    }

    private static void parallel(int clients, int count, Consumer<Integer> work) throws InterruptedException {
        var next = new AtomicInteger();
        var failures = new AtomicInteger();
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count && System.nanoTime() < deadline;
                         i = next.getAndIncrement()) {
                        try {
                            work.accept(i);
                        } catch (RuntimeException e) {
                            if (failures.incrementAndGet() <= 5) {
                                System.out.println("failed: " + e.getMessage());
                            }
                        }
                    }
                });
            }
        }
        if (failures.get() > 0) {
            System.out.println(failures.get() + " requests failed");
        }
    }

    private JsonNode send(String auth, String method, String path, String body, int expected) {
        return request(auth, method, path, body, null, expected);
    }

    private JsonNode request(String auth, String method, String path, String body, String ifMatch, int expected) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " "
                        + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
