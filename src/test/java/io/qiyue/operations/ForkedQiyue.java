package io.qiyue.operations;

import io.qiyue.QiyueApplication;
import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.HttpResponse;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.TestIdentifiers;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application in a process of its own (the test's class path), so that a test can kill it as an operator's
 * {@code kill -9} or a power cut would, and start it again on the same database and data directory.
 */
final class ForkedQiyue {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ForkedQiyue() {
    }

    /** Starts the application and waits until it is ready (at most four minutes). */
    static Process start(TestDatabase.Created database, Path dataDir, int port, String... extraArguments)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only: the process lives for seconds and a few hundred requests, where start-up dominates
        var command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                QiyueApplication.class.getName(), "--server.port=" + port,
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(), "--qiyue.data-dir=" + dataDir,
                "--qiyue.admin-password=" + ApiTestSupport.ADMIN_PASSWORD, "--qiyue.warmup=false",
                "--qiyue.lifecycle.calendar-cron=-", "--logging.level.root=WARN"));
        command.addAll(List.of(extraArguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("app-" + System.nanoTime() + ".log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the application process (logs in %s)", dataDir).isTrue();
            try {
                if (ApiClient.anonymous(port).get("/actuator/health/readiness").status() == 200) {
                    return process;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new AssertionError("not ready within 4 minutes; logs in " + dataDir);
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A new API token of the bootstrap admin. */
    static String adminToken(int port) {
        var created = ApiClient.anonymous(port).basic("admin", ApiTestSupport.ADMIN_PASSWORD)
                .post("/api/v1/api-tokens", "{\"name\": \"crash test\"}");
        assertThat(created.status()).as("token: %s", created).isEqualTo(201);
        return created.json().path("token").asString();
    }

    /** The id of a record a POST created. */
    static String created(HttpResponse answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        return answer.json().path("id").asString();
    }

    /** An organisation customer with a fresh credit code and a primary contact. */
    static String customer(String creditCode) {
        var body = JSON.createObjectNode();
        body.put("kind", "ORGANIZATION");
        body.put("name", "杭州崩溃测试科技有限公司");
        body.put("creditCode", creditCode);
        body.put("address", "浙江省杭州市余杭区文一西路969号");
        body.put("legalRepresentative", "张三");
        var contact = body.putArray("contacts").addObject();
        contact.put("name", "李四");
        contact.put("title", "采购经理");
        contact.put("mobile", TestIdentifiers.mobile());
        // the workflow goes to signing, which needs a customer signer: a contact with an e-mail address
        contact.put("email", "lisi@example.com");
        contact.put("primary", true);
        return body.toString();
    }

    static String ourEntity() {
        return """
                { "name": "契约示例（上海）有限公司", "creditCode": "%s", "address": "上海市浦东新区世纪大道100号",
                  "legalRepresentative": "王五", "bankName": "中国工商银行上海分行", "bankAccount": "1001234567890123" }
                """.formatted(TestIdentifiers.creditCode());
    }

    /**
     * What no crash may leave behind: a contract without its version row or its creation's audit entry, two contracts
     * with one number, an audit chain that does not verify.
     */
    static void assertEveryContractWhole(TestDatabase.Created database, ApiClient admin) throws SQLException {
        try (Connection db = java.sql.DriverManager.getConnection(database.url(), database.username(),
                database.password())) {
            assertThat(count(db, "SELECT COUNT(*) FROM contract c WHERE NOT EXISTS (SELECT 1 FROM contract_version v"
                    + " WHERE v.contract_id = c.id)")).as("contracts without a version row").isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM contract c WHERE NOT EXISTS (SELECT 1 FROM audit_event a"
                    + " WHERE a.entity_type = 'CONTRACT' AND a.entity_id = c.id AND a.action = 'CREATE')"))
                    .as("contracts without their creation's audit entry").isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM (SELECT contract_no FROM contract GROUP BY contract_no"
                    + " HAVING COUNT(*) > 1) d")).as("duplicate numbers").isZero();
        }
        var chain = admin.get("/api/v1/audit/verify");
        assertThat(chain.json().path("valid").asBoolean()).as("audit chain: %s", chain).isTrue();
    }

    static long count(Connection db, String sql, Object... params) throws SQLException {
        try (var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
