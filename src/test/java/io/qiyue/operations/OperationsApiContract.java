package io.qiyue.operations;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators rely on: health probes for the load balancer, Prometheus metrics (HTTP, pool, JVM and the
 * business counters) behind the scrape token or an admin's API token, and a request id on every answer.
 */
abstract class OperationsApiContract extends ApiTestSupport {
    /** One sample of the text exposition format: {@code name{labels} value}. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*})? (-?[0-9.eE+-]+|NaN|[+-]Inf)");

    @Test
    void healthProbesAreOpenToTheLoadBalancer() {
        for (String probe : new String[]{"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            var answer = anonymous().get(probe);
            assertThat(answer.status()).as(probe).isEqualTo(200);
            assertThat(answer.json().path("status").asString()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void metricsNeedTheScrapeTokenOrAnAdmin() {
        assertProblem(anonymous().get("/actuator/prometheus"), 401);
        assertProblem(anonymous().bearer("not-the-scrape-token").get("/actuator/prometheus"), 401);
        var seller = createUser("SALES", null);
        assertProblem(seller.client().get("/actuator/prometheus"), 403);
        assertThat(admin().get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(scrape().status()).isEqualTo(200);
        // the scrape token reads metrics and nothing else
        assertThat(anonymous().bearer(METRICS_TOKEN).get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(anonymous().bearer(METRICS_TOKEN).get("/api/v1/contracts").status()).isEqualTo(401);
        // a UI session is not a way in either
        assertProblem(anonymous().basic("admin", ADMIN_PASSWORD).get("/actuator/prometheus"), 401);
    }

    @Test
    void metricsParseAndCountWhatTheApplicationDid() {
        var before = samples(scrape());
        var seller = createUser("SALES", null);
        String id = createContract(seller.client(), "SERVICE").path("id").asString();
        assertThat(seller.client().post("/api/v1/contracts/" + id + "/review", "").status()).isEqualTo(200);
        var after = samples(scrape());
        for (String name : new String[]{"http_server_requests_seconds_count", "hikaricp_connections_active",
                "jvm_memory_used_bytes", "process_cpu_usage", "qiyue_contract_creations_total",
                "qiyue_reviews_run_total", "qiyue_review_engine_seconds_count", "qiyue_reminders_sent_total",
                "qiyue_approvals_waiting",
                "qiyue_outbox_backlog", "qiyue_events_incomplete"}) {
            assertThat(after.keySet()).as("a sample of %s", name).anyMatch(key -> key.startsWith(name));
        }
        assertThat(after.get("qiyue_contract_creations_total") - before.get("qiyue_contract_creations_total"))
                .as("contracts created").isGreaterThanOrEqualTo(1);
        assertThat(after.get("qiyue_reviews_run_total") - before.get("qiyue_reviews_run_total"))
                .as("reviews run").isGreaterThanOrEqualTo(1);
        assertThat(after.get("qiyue_review_engine_seconds_count") - before.get("qiyue_review_engine_seconds_count"))
                .as("reviews timed (bench/speed.sh reads the engine's time from them)").isGreaterThanOrEqualTo(1);
        assertThat(after.get("qiyue_review_engine_seconds_sum")).isPositive();
        assertThat(after.keySet()).as("the request timer's tags: the handler's pattern, never the path").anyMatch(key ->
                key.startsWith("http_server_requests_seconds_count{") && key.contains("method=\"POST\"")
                        && key.contains("uri=\"/api/v1/contracts/{id}/review\"") && key.contains("status=\"200\"")
                        && key.contains("outcome=\"SUCCESS\"") && key.contains("exception=\"none\""));
        assertThat(after.keySet()).noneMatch(key -> key.startsWith("http_server_requests") && key.contains(id));
        assertThat(after.get("qiyue_approvals_waiting")).isGreaterThanOrEqualTo(0);
        assertThat(after.get("qiyue_outbox_backlog")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void everyAnswerCarriesARequestId() {
        String generated = anonymous().get("/actuator/health").header("X-Request-Id");
        assertThat(generated).matches("[0-9a-f-]{36}");
        assertThat(anonymous().withHeader("X-Request-Id", "lb-4f1c2a9e7d").get("/actuator/health")
                .header("X-Request-Id")).as("the load balancer's id is kept").isEqualTo("lb-4f1c2a9e7d");
        assertThat(anonymous().withHeader("X-Request-Id", "x\"}{evil line").get("/actuator/health")
                .header("X-Request-Id")).as("what is not an id is replaced").matches("[0-9a-f-]{36}");
        assertThat(admin().get("/api/v1/contracts?size=1").header("X-Request-Id")).isNotBlank();
    }

    private HttpResponse scrape() {
        return anonymous().bearer(METRICS_TOKEN).get("/actuator/prometheus");
    }

    /**
     * Every sample of a scrape by name and labels, each label-less name also summed over its labels; every line
     * must be a comment or a sample.
     */
    private static Map<String, Double> samples(HttpResponse scrape) {
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain");
        var samples = new HashMap<String, Double>();
        for (String line : scrape.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            var m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a sample line: %s", line).isTrue();
            double value = Double.parseDouble(m.group(3).replace("Inf", "Infinity"));
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), value);
            samples.merge(m.group(1), value, Double::sum);
        }
        return samples;
    }
}
