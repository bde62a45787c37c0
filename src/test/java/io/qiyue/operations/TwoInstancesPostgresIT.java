package io.qiyue.operations;

import io.qiyue.QiyueApplication;
import io.qiyue.shared.ScheduledWork;
import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one PostgreSQL database, as behind a load balancer: a UI session made through one goes on
 * through the other, a token revoked through one is refused by the other, and a scheduled job runs on one of
 * them. (That the second one's search index follows the first is {@code SearchTwoInstancesPostgresIT}.)
 */
@UsingDatabase(TestDatabase.POSTGRES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesPostgresIT extends ApiTestSupport {
    @Value("${spring.datasource.url}")
    String url;
    @Value("${spring.datasource.username}")
    String username;
    @Value("${spring.datasource.password:}")
    String password;
    @Value("${qiyue.data-dir}")
    String dataDir;
    @Autowired
    ScheduledWork work;

    private ConfigurableApplicationContext second;
    private int secondPort;

    @BeforeAll
    void startTheSecondInstance() {
        // command-line arguments, not builder properties, which application.yml would override
        second = new SpringApplicationBuilder(QiyueApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + username,
                "--spring.datasource.password=" + password, "--qiyue.data-dir=" + dataDir,
                "--qiyue.search.index-dir=" + Path.of(dataDir, "index-two-instances"),
                "--qiyue.admin-password=" + ADMIN_PASSWORD, "--logging.level.org.flywaydb=WARN",
                "--qiyue.lifecycle.calendar-cron=-", "--qiyue.warmup=false");
        secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    void stopTheSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aSessionMadeThroughOneInstanceGoesOnThroughTheOther() throws Exception {
        var user = createUser("SALES", null);
        var browser = new Browser(port).login(user.username(), USER_PASSWORD);
        String session = browser.sessionId();
        assertThat(session).isNotNull();

        var there = pageWithSession(secondPort, "/customers", session);
        assertThat(there.statusCode()).as("the customer list through the second instance").isEqualTo(200);
        assertThat(there.body()).contains(user.username());

        // signed out through the second, the session is gone on the first as well
        var out = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/customers")).header("Cookie", "SESSION=" + session).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(out.statusCode()).isEqualTo(200);
        browser.submit("/logout", "/");
        assertThat(Browser.toLogin(pageWithSession(secondPort, "/customers", session))).isTrue();
    }

    @Test
    void aTokenRevokedThroughOneInstanceIsRefusedByTheOtherWithinASecond() throws Exception {
        var user = createUser("SALES", null);
        var created = anonymous().basic(user.username(), USER_PASSWORD).post("/api/v1/api-tokens",
                "{\"name\": \"integration\"}");
        String secret = created.json().path("token").asString();
        String tokenId = created.json().path("id").asString();
        var onSecond = ApiClient.anonymous(secondPort).bearer(secret);
        assertThat(onSecond.get("/api/v1/users/me").status()).isEqualTo(200);

        assertThat(user.client().delete("/api/v1/api-tokens/" + tokenId, null).status()).isEqualTo(204);
        long revoked = System.nanoTime();
        int status = onSecond.get("/api/v1/users/me").status();
        while (status != 401 && System.nanoTime() - revoked < Duration.ofSeconds(1).toNanos()) {
            Thread.sleep(50);
            status = onSecond.get("/api/v1/users/me").status();
        }
        assertThat(status).as("the revoked token on the second instance").isEqualTo(401);
    }

    @Test
    void aScheduledJobRunsOnOneInstance() throws Exception {
        var runs = new AtomicInteger();
        var secondWork = second.getBean(ScheduledWork.class);
        String job = "two-instances-" + System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(2)) {
            var first = pool.submit(() -> work.once(job, Duration.ofMinutes(1), Duration.ofSeconds(30), () -> {
                runs.incrementAndGet();
                return "first";
            }));
            var other = pool.submit(() -> secondWork.once(job, Duration.ofMinutes(1), Duration.ofSeconds(30), () -> {
                runs.incrementAndGet();
                return "second";
            }));
            assertThat(first.get().isPresent() ^ other.get().isPresent()).as("exactly one ran").isTrue();
        }
        assertThat(runs.get()).isEqualTo(1);
        // and a moment later, still within the period, neither runs it again
        assertThat(secondWork.once(job, Duration.ofMinutes(1), Duration.ofSeconds(30), () -> "again")).isEmpty();
        assertThat(work.once(job, Duration.ofMinutes(1), Duration.ofSeconds(30), () -> "again")).isEmpty();
    }

    private static java.net.http.HttpResponse<String> pageWithSession(int port, String path, String session)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Cookie", "SESSION=" + session).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
