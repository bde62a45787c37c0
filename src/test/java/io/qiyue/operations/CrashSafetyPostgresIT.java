package io.qiyue.operations;

import io.qiyue.QiyueApplication;
import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.DatabaseAvailability;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.TestIdentifiers;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the application in the middle of a loop of contract creations, twice, at random moments: after a
 * restart every request whose answer was lost is retried with its Idempotency-Key, and then every contract exists
 * once, with its version row and its audit entry, numbers are unique and the audit chain verifies.
 */
@UsingDatabase(TestDatabase.POSTGRES)
@ExtendWith(DatabaseAvailability.class)
class CrashSafetyPostgresIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WRITERS = 6;
    private static final int CRASHES = 2;

    /** One creation as the client sent it: what a retry sends again. */
    record Attempt(String key, String title, String body) {
    }

    @Test
    void killedWhileCreatingContractsLeavesNothingHalfWrittenAndEveryRetryLandsOnce() throws Exception {
        var database = TestDatabase.POSTGRES.create();
        Path dataDir = Files.createTempDirectory("qiyue-crash-");
        Process app = null;
        try {
            int port = ForkedQiyue.freePort();
            app = ForkedQiyue.start(database, dataDir, port);
            var admin = ApiClient.anonymous(port).bearer(ForkedQiyue.adminToken(port));
            String customerId = ForkedQiyue.created(admin.post("/api/v1/customers", ForkedQiyue.customer(TestIdentifiers.creditCode())));
            String ourEntityId = ForkedQiyue.created(admin.post("/api/v1/our-entities", ForkedQiyue.ourEntity()));

            var attempts = new ConcurrentHashMap<String, Attempt>();
            var answered = ConcurrentHashMap.<String>newKeySet();
            for (int crash = 0; crash < CRASHES; crash++) {
                writeUntilKilled(app, admin, customerId, ourEntityId, attempts, answered);
                app = ForkedQiyue.start(database, dataDir, port);
            }

            // the client's part: what got no answer is sent again, with the same key and body
            for (var attempt : attempts.values()) {
                if (!answered.contains(attempt.key())) {
                    assertThat(retry(admin, attempt)).as("retry of %s", attempt.title()).isEqualTo(201);
                }
            }

            try (Connection db = DriverManager.getConnection(database.url(), database.username(), database.password())) {
                for (var attempt : attempts.values()) {
                    assertThat(ForkedQiyue.count(db, "SELECT COUNT(*) FROM contract WHERE title = ?", attempt.title()))
                            .as("contracts titled %s", attempt.title()).isEqualTo(1);
                }
                assertThat(ForkedQiyue.count(db, "SELECT COUNT(*) FROM contract")).isEqualTo(attempts.size());
            }
            ForkedQiyue.assertEveryContractWhole(database, admin);
        } finally {
            if (app != null) {
                app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            database.drop();
        }
    }

    /**
     * Sends the attempt again as a client does: a 409 says its key is still held by the request in flight when the
     * instance died, until that instance is known to be gone (its heartbeat stops); then the retry runs.
     */
    private static int retry(ApiClient admin, Attempt attempt) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var answer = admin.request("POST", "/api/v1/contracts").header("Idempotency-Key", attempt.key())
                    .json(attempt.body()).send();
            if (answer.status() != 409 || System.nanoTime() > deadline) {
                return answer.status();
            }
            Thread.sleep(1_000);
        }
    }

    /** Writers create contracts until the process is killed at a random moment 2–6 s into the loop. */
    private static void writeUntilKilled(Process app, ApiClient admin, String customerId, String ourEntityId,
                                         Map<String, Attempt> attempts, java.util.Set<String> answered)
            throws InterruptedException {
        var dead = new AtomicBoolean();
        var writers = new ArrayList<Thread>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(Thread.ofVirtual().start(() -> {
                while (!dead.get()) {
                    String type = ContractSamples.TYPES[ThreadLocalRandom.current().nextInt(ContractSamples.TYPES.length)];
                    String title = "崩溃测试合同 " + UUID.randomUUID();
                    var attempt = new Attempt(UUID.randomUUID().toString(), title,
                            ContractSamples.contract(type, title, customerId, ourEntityId).toString());
                    attempts.put(attempt.key(), attempt);
                    try {
                        var answer = admin.request("POST", "/api/v1/contracts")
                                .header("Idempotency-Key", attempt.key()).json(attempt.body()).send();
                        if (answer.status() == 201) {
                            answered.add(attempt.key());
                        }
                    } catch (RuntimeException connectionLost) {
                        // the answer is lost: the client does not know whether it was created
                    }
                }
            }));
        }
        Thread.sleep(2_000 + ThreadLocalRandom.current().nextInt(4_000));
        app.destroyForcibly();
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
        dead.set(true);
        for (var writer : writers) {
            writer.join(Duration.ofSeconds(60));
        }
    }
}
