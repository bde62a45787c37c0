package io.qiyue.operations;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.HttpResponse;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged behaviour an operator relies on, in a process of its own: a stop (SIGTERM, as systemd, Kubernetes or
 * Ctrl-C send it) lets a request in flight finish with its answer before the process ends, and with
 * {@code logging.structured.format.console=ecs} every log line is one JSON object carrying the request's id, and
 * none names the customer's details a request carried.
 */
@UsingDatabase(TestDatabase.H2)
class ShutdownAndLogsH2IT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aStopFinishesTheRequestInFlightAndLogLinesAreJsonWithTheRequestId() throws Exception {
        var database = TestDatabase.H2.create();
        Path dataDir = Files.createTempDirectory("qiyue-shutdown-");
        int port = ForkedQiyue.freePort();
        Process app = ForkedQiyue.start(database, dataDir, port, "--qiyue.test.hooks=true",
                "--logging.structured.format.console=ecs", "--logging.level.io.qiyue.operations=INFO",
                "--logging.level.org.springframework.boot.tomcat=INFO");
        try {
            var admin = ApiClient.anonymous(port).bearer(ForkedQiyue.adminToken(port));
            String creditCode = io.qiyue.testing.TestIdentifiers.creditCode();
            var customer = JSON.readTree(ForkedQiyue.customer(creditCode));
            String mobile = customer.path("contacts").path(0).path("mobile").asString();
            ForkedQiyue.created(admin.post("/api/v1/customers", customer.toString()));
            var refused = admin.post("/api/v1/customers", customer.toString()); // the same credit code again
            assertThat(refused.status()).as("%s", refused).isEqualTo(409);
            CompletableFuture<HttpResponse> inFlight = CompletableFuture.supplyAsync(() -> admin
                    .withHeader(ForkedTestHooks.HOLD, "3000").withHeader("X-Request-Id", "lb-held0001")
                    .get("/api/v1/contracts?size=1"));
            awaitLogged(dataDir, "holding the request");

            app.destroy(); // SIGTERM
            var answer = inFlight.get(60, TimeUnit.SECONDS);
            assertThat(answer.status()).as("the request in flight when the stop came: %s", answer).isEqualTo(200);
            assertThat(answer.json().path("total").isNumber()).isTrue();
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the process ended").isTrue();

            var lines = logLines(dataDir);
            var objects = new ArrayList<JsonNode>();
            for (String line : lines) {
                // the JVM's own notices on stderr ("WARNING: A terminally deprecated method in sun.misc.Unsafe has
                // been called" once a library first uses it, which depends on timing) are not the application's log
                if (!line.isBlank() && !line.startsWith("WARNING: ")) {
                    objects.add(JSON.readTree(line)); // fails on any line that is not one JSON object
                }
            }
            var held = objects.stream().filter(o -> o.path("message").asString().contains("holding the request"))
                    .findFirst().orElseThrow();
            assertThat(held.toString()).as("the held request's line carries its id").contains("\"lb-held0001\"");
            assertThat(held.path("log").path("level").asString()).isEqualTo("INFO");
            assertThat(lines).as("no personal details in the log")
                    .noneMatch(line -> line.contains(mobile) || line.contains(creditCode) || line.contains("张三"));
            assertThat(objects).as("Tomcat waited for the request: %s", lines)
                    .anyMatch(o -> o.path("message").asString().contains("Graceful shutdown complete"));
        } finally {
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            database.drop();
        }
    }

    private static void awaitLogged(Path dataDir, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (logLines(dataDir).stream().anyMatch(line -> line.contains(text))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never logged: " + text + " in " + logLines(dataDir));
    }

    private static List<String> logLines(Path dataDir) throws IOException {
        var lines = new ArrayList<String>();
        try (var files = Files.list(dataDir)) {
            for (Path log : files.filter(p -> p.getFileName().toString().startsWith("app-")).toList()) {
                lines.addAll(Files.readAllLines(log));
            }
        }
        return lines;
    }
}
