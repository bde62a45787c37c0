package io.qiyue.operations;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import io.qiyue.testing.TestIdentifiers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as a user runs it ({@code java -jar}, the embedded H2 default, a fresh data directory), which
 * starts from the bean definitions Spring AOT worked out at build time ({@code QiyueApplication}) and so differs
 * from every test that builds its context from the class path. It must start in that mode, warm up without a failing
 * part, and then serve the main flow: customers, all five contract types, PDF and Word, review, approval through
 * the workflow engine, search and the UI; it stops cleanly on SIGTERM. Runs after {@code package} (failsafe), so
 * the jar of this build is there; without one (a lone {@code failsafe:integration-test}) the test is skipped,
 * except in CI, where it fails.
 */
class PackagedJarH2IT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START_LIMIT = Duration.ofMinutes(4);

    @Test
    void thePackagedJarStartsFromItsBuildTimeDefinitionsAndServesTheMainFlow() throws Exception {
        Path jar = packagedJar();
        Path dataDir = Files.createTempDirectory("qiyue-packaged-");
        Path log = dataDir.resolve("app.log");
        int port = ForkedQiyue.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only, as the other forks: the process lives for a minute, where start-up dominates
        var builder = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.port=" + port, "--qiyue.lifecycle.calendar-cron=-")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("SPRING_AOT_ENABLED");
        builder.environment().put("QIYUE_DATA_DIR", dataDir.toString());
        builder.environment().put("QIYUE_ADMIN_PASSWORD", ApiTestSupport.ADMIN_PASSWORD);
        Process app = builder.start();
        try {
            awaitStatus(app, port, "/actuator/health", log);
            awaitStatus(app, port, "/actuator/health/readiness", log);
            String started = Files.readString(log);
            assertThat(started).as("the start-up log").contains("Starting AOT-processed QiyueApplication")
                    .contains("Warm-up done").doesNotContain("Warm-up of").doesNotContain(" ERROR ");

            mainFlow(port);

            app.destroy();
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            assertThat(Files.readString(log)).doesNotContain(" ERROR ");
        } finally {
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void mainFlow(int port) throws InterruptedException {
        var admin = ApiClient.anonymous(port).bearer(ForkedQiyue.adminToken(port));
        String customerId = ForkedQiyue.created(admin.post("/api/v1/customers",
                ForkedQiyue.customer(TestIdentifiers.creditCode())));
        String ourEntityId = ForkedQiyue.created(admin.post("/api/v1/our-entities", ForkedQiyue.ourEntity()));
        String approverName = "jar_approver_" + UUID.randomUUID().toString().substring(0, 8);
        var approver = admin.post("/api/v1/users", JSON.createObjectNode().put("username", approverName)
                .put("displayName", "审批人").put("email", approverName + "@example.com")
                .put("password", ApiTestSupport.USER_PASSWORD).set("roles", JSON.createArrayNode().add("SALES_MANAGER"))
                .toString());
        assertThat(approver.status()).as("%s", approver).isEqualTo(201);
        var flow = admin.post("/api/v1/approval-flows", """
                {"name": "打包测试流程", "priority": -999980, "steps": [{"name": "经理审批", "kind": "APPROVAL", "mode": "ANY",
                 "approvers": [{"userId": "%s"}], "timeLimitHours": null, "condition": null}]}"""
                .formatted(approver.json().path("id").asString()));
        assertThat(flow.status()).as("%s", flow).isEqualTo(201);

        String marker = "打包" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (String type : List.of("SERVICE", "CONFIDENTIALITY", "MAINTENANCE", "CONSULTING", "INFO_SHARING")) {
            ids.add(ForkedQiyue.created(admin.post("/api/v1/contracts",
                    ContractSamples.contract(type, marker + " " + type, customerId, ourEntityId).toString())));
        }
        String path = "/api/v1/contracts/" + ids.getFirst();
        assertThat(admin.get(path).json().path("title").asString()).startsWith(marker);

        byte[] pdf = admin.request("GET", path + "/document?format=pdf").sendForBytes().body();
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        byte[] docx = admin.request("GET", path + "/document?format=docx").sendForBytes().body();
        assertThat(new String(docx, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");

        var reviewed = admin.request("POST", path + "/review").json("{}").send();
        assertThat(reviewed.status()).as("review: %s", reviewed).isEqualTo(200);
        ApiTestSupport.acceptEachWarning(admin, path, reviewed.json());
        var submitted = admin.request("POST", path + "/submit").header("If-Match", admin.get(path).header("ETag"))
                .json("{}").send();
        assertThat(submitted.status()).as("submit: %s", submitted).isEqualTo(200);
        var approverClient = ApiClient.anonymous(port).basic(approverName, ApiTestSupport.USER_PASSWORD)
                .withHeader("X-Requested-With", "test");
        String task = null;
        for (JsonNode item : approverClient.get("/api/v1/approvals").json().path("items")) {
            if (item.path("contractId").asString().equals(ids.getFirst())) {
                task = item.path("id").asString();
            }
        }
        assertThat(task).as("the approver's task").isNotNull();
        var decided = approverClient.post("/api/v1/approvals/" + task + "/decision",
                "{\"decision\": \"APPROVE\", \"comment\": \"同意\"}");
        assertThat(decided.status()).as("decision: %s", decided).isEqualTo(200);
        assertThat(admin.get(path).json().path("status").asString()).isEqualTo("APPROVED");

        var found = awaitAnswer(() -> admin.get("/api/v1/search?q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8)),
                r -> r.status() == 200 && r.json().path("total").asLong() == ids.size());
        assertThat(found.json().path("items").get(0).path("title").asString()).contains(marker);

        var browser = new Browser(port).login("admin", ApiTestSupport.ADMIN_PASSWORD);
        var page = browser.get("/contracts/" + ids.getFirst());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(marker);
    }

    private static Path packagedJar() throws IOException {
        Path target = Path.of("target");
        List<Path> jars;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(p -> p.getFileName().toString().matches("qiyue-.*\\.jar")).toList();
        }
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!ci) {
            Assumptions.assumeFalse(jars.isEmpty(), "no packaged jar in target/: run 'mvn verify' (package first)");
        }
        assertThat(jars).as("the packaged jar in target/ (mvn verify packages before the integration tests)")
                .hasSize(1);
        return jars.getFirst().toAbsolutePath();
    }

    private static void awaitStatus(Process app, int port, String probe, Path log) throws Exception {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("the application process (its log: %s)", log).isTrue();
            try {
                if (ApiClient.anonymous(port).get(probe).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(probe + " not 200 within " + START_LIMIT + "; log: " + log);
    }

    private static HttpResponse awaitAnswer(java.util.function.Supplier<HttpResponse> ask, Predicate<HttpResponse> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse last = ask.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = ask.get();
        }
        assertThat(done.test(last)).as("answer within 30 s: %s", last).isTrue();
        return last;
    }
}
