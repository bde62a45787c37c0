package io.qiyue.operations;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.DatabaseAvailability;
import io.qiyue.testing.HttpResponse;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.TestIdentifiers;
import io.qiyue.testing.UsingDatabase;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The writes after a contract's creation, each killed in its worst moment: the upload of the customer's paper, the
 * review, the approval decision and the paper signing each stop the process right after their commit and before
 * their answer leaves it ({@link ForkedTestHooks}); the client retries with the same Idempotency-Key once the
 * instance is back and gets the answer of the work done the first time — no second version, review run, decision
 * or signing. An import is killed while its transaction writes: its job reads as failed at once after the restart,
 * none of its rows are there, and importing the file again brings every row once. Afterwards every contract has its
 * version row and audit entries, numbers are unique and the audit chain verifies.
 */
@UsingDatabase(TestDatabase.POSTGRES)
@ExtendWith(DatabaseAvailability.class)
class CrashSafetyWorkflowPostgresIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final int IMPORTED = 2_000;

    private TestDatabase.Created database;
    private Path dataDir;
    private int port;
    private Process app;

    @Test
    void everyWriteKilledAfterItsCommitIsDoneOnceAndAKilledImportLeavesNothing() throws Exception {
        database = TestDatabase.POSTGRES.create();
        dataDir = Files.createTempDirectory("qiyue-crash-workflow-");
        try {
            port = ForkedQiyue.freePort();
            app = start();
            var admin = ApiClient.anonymous(port).bearer(ForkedQiyue.adminToken(port));
            String creditCode = TestIdentifiers.creditCode();
            String customerId = ForkedQiyue.created(admin.post("/api/v1/customers", ForkedQiyue.customer(creditCode)));
            String ourEntityId = ForkedQiyue.created(admin.post("/api/v1/our-entities", ForkedQiyue.ourEntity()));
            var approver = approver(admin);
            oneStepFlowDecidedBy(admin, approver.path("id").asString());

            String title = "崩溃窗口测试合同 " + UUID.randomUUID();
            String id = ForkedQiyue.created(admin.request("POST", "/api/v1/contracts")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .json(ContractSamples.contract("SERVICE", title, customerId, ourEntityId).toString()).send());
            String path = "/api/v1/contracts/" + id;

            // the customer's paper
            byte[] paper = docx("甲方与乙方就技术服务事项协商一致，订立本合同。服务期限为一年。");
            var uploaded = crashThenRetry(() -> multipart(admin, path + "/versions", Map.of(),
                    "file", "对方修改稿.docx", DOCX, paper));
            assertThat(uploaded.status()).as("upload retried: %s", uploaded).isEqualTo(201);
            int version = uploaded.json().path("version").asInt();

            // the review
            var reviewed = crashThenRetry(() -> admin.request("POST", path + "/review").json("{}"));
            assertThat(reviewed.status()).as("review retried: %s", reviewed).isEqualTo(200);
            ApiTestSupport.acceptEachWarning(admin, path, reviewed.json());
            lifecycle(admin, path, "submit", "IN_APPROVAL");

            // the approval decision
            var approverClient = ApiClient.anonymous(port).bearer(token(approver.path("username").asString()));
            String task = null;
            for (JsonNode item : approverClient.get("/api/v1/approvals").json().path("items")) {
                if (item.path("contractId").asString().equals(id)) {
                    task = item.path("id").asString();
                }
            }
            assertThat(task).as("the approver's task").isNotNull();
            String taskPath = "/api/v1/approvals/" + task + "/decision";
            var decided = crashThenRetry(() -> approverClient.request("POST", taskPath)
                    .json("{\"decision\": \"APPROVE\", \"comment\": \"同意\"}"));
            assertThat(decided.status()).as("decision retried: %s", decided).isEqualTo(200);
            assertThat(decided.json().path("decision").asString()).isEqualTo("APPROVE");
            assertThat(status(admin, path)).isEqualTo("APPROVED");
            lifecycle(admin, path, "signing", "SIGNING");

            // the paper signing
            byte[] scan = ApiTestSupport.scan();
            String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            var signed = crashThenRetry(() -> multipart(admin, path + "/paper-signed", Map.of("signingDate", today),
                    "file", "scan.png", "image/png", scan));
            assertThat(signed.status()).as("paper signing retried: %s", signed).isEqualTo(200);
            assertThat(status(admin, path)).isEqualTo("SIGNED");

            // an import killed while its transaction writes
            byte[] file = legacyContracts(creditCode);
            var job = multipart(admin, "/api/v1/imports?kind=contracts&mode=import", Map.of(), "file",
                    "历史合同.csv", "text/csv", file).header("Idempotency-Key", UUID.randomUUID().toString()).send();
            assertThat(job.status()).as("import: %s", job).isEqualTo(202);
            String jobPath = "/api/v1/imports/" + job.json().path("id").asString();
            killWhileWriting(admin, jobPath);
            app = start();
            var failed = finished(admin, jobPath);
            assertThat(failed.path("status").asString()).as("the killed job: %s", failed).isEqualTo("FAILED");
            try (Connection db = connect()) {
                assertThat(ForkedQiyue.count(db, "SELECT COUNT(*) FROM contract WHERE contract_no LIKE 'CRASH-IMP-%'"))
                        .as("contracts of the killed import").isZero();
            }
            var again = multipart(admin, "/api/v1/imports?kind=contracts&mode=import", Map.of(), "file",
                    "历史合同.csv", "text/csv", file).header("Idempotency-Key", UUID.randomUUID().toString()).send();
            assertThat(again.status()).as("import again: %s", again).isEqualTo(202);
            var done = finished(admin, "/api/v1/imports/" + again.json().path("id").asString());
            assertThat(done.path("status").asString()).as("%s", done).isEqualTo("SUCCEEDED");
            assertThat(done.path("created").asInt()).isEqualTo(IMPORTED);

            try (Connection db = connect()) {
                assertThat(ForkedQiyue.count(db, "SELECT COUNT(*) FROM contract WHERE title = ?", title)).isEqualTo(1);
                assertThat(ForkedQiyue.count(db, "SELECT COUNT(*) FROM contract_document WHERE contract_id = ?"
                        + " AND kind = 'EXTERNAL'", id)).as("uploaded versions").isEqualTo(1);
                assertThat(ForkedQiyue.count(db, "SELECT COUNT(*) FROM contract_document_original WHERE contract_id = ?"
                        + " AND doc_version = ?", id, version)).as("the upload's original").isEqualTo(1);
                assertThat(ForkedQiyue.count(db, "SELECT COUNT(*) FROM approval_task WHERE contract_id = ?"
                        + " AND decision = 'APPROVE'", id)).as("approvals").isEqualTo(1);
                assertThat(ForkedQiyue.count(db, "SELECT COUNT(*) FROM signing_session WHERE contract_id = ?", id))
                        .as("signing rounds").isEqualTo(1);
                assertThat(ForkedQiyue.count(db, "SELECT COUNT(*) FROM signing_document WHERE contract_id = ?"
                        + " AND kind = 'PAPER_SCAN'", id)).as("signed scans").isEqualTo(1);
                assertThat(ForkedQiyue.count(db, "SELECT COUNT(*) FROM contract WHERE contract_no LIKE 'CRASH-IMP-%'"))
                        .isEqualTo(IMPORTED);
            }
            ForkedQiyue.assertEveryContractWhole(database, admin);
        } finally {
            if (app != null) {
                app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            database.drop();
        }
    }

    private Process start() throws Exception {
        return ForkedQiyue.start(database, dataDir, port, "--qiyue.test.hooks=true");
    }

    private Connection connect() throws java.sql.SQLException {
        return DriverManager.getConnection(database.url(), database.username(), database.password());
    }

    /**
     * Sends the request with the crash marker, under a fresh key: the process stops after the commit and the answer
     * is lost. Starts the application again and sends the same request with the same key as a client does, waiting
     * out the 409 that says the key is still held by the request of the dead instance until that instance is known
     * to be gone; returns the retry's answer.
     */
    private HttpResponse crashThenRetry(Supplier<ApiClient.Request> request) throws Exception {
        String key = UUID.randomUUID().toString();
        Throwable lost = catchThrowable(() -> request.get().header("Idempotency-Key", key)
                .header(ForkedTestHooks.CRASH, ForkedTestHooks.AFTER_COMMIT).send());
        assertThat(lost).as("the answer is lost with the process").isInstanceOf(UncheckedIOException.class);
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("the process stopped").isTrue();
        app = start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var answer = request.get().header("Idempotency-Key", key).send();
            if (answer.status() != 409 || System.nanoTime() > deadline) {
                return answer;
            }
            Thread.sleep(1_000);
        }
    }

    /** Kills the process once the import's write pass has written its first rows (not yet committed). */
    private void killWhileWriting(ApiClient admin, String jobPath) throws Exception {
        int last = -1;
        boolean writing = false;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            var job = admin.get(jobPath).json();
            assertThat(job.path("status").asString()).as("the import ended before it could be killed: %s", job)
                    .isIn("QUEUED", "RUNNING");
            int processed = job.path("processed").asInt();
            // the check pass counts the rows up to the total, the write pass counts them again from zero
            writing |= last > 0 && processed < last;
            if (writing && processed > 0) {
                app.destroyForcibly();
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
                return;
            }
            last = processed;
            Thread.sleep(20);
        }
        throw new AssertionError("the import's write pass did not start within 3 minutes");
    }

    private static JsonNode finished(ApiClient admin, String jobPath) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            var job = admin.get(jobPath).json();
            if (job.path("status").asString().equals("SUCCEEDED") || job.path("status").asString().equals("FAILED")) {
                return job;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the import job did not finish within 3 minutes");
    }

    private static String status(ApiClient as, String path) {
        return as.get(path).json().path("status").asString();
    }

    private static void lifecycle(ApiClient as, String path, String action, String expected) {
        var moved = as.request("POST", path + "/" + action).header("If-Match", as.get(path).header("ETag"))
                .json("{}").send();
        assertThat(moved.status()).as("%s: %s", action, moved).isEqualTo(200);
        assertThat(status(as, path)).isEqualTo(expected);
    }

    private JsonNode approver(ApiClient admin) {
        String username = "crash_approver_" + UUID.randomUUID().toString().substring(0, 8);
        var body = JSON.createObjectNode();
        body.put("username", username);
        body.put("displayName", "审批人 " + username);
        body.put("email", username + "@example.com");
        body.putArray("roles").add("SALES_MANAGER");
        body.put("password", ApiTestSupport.USER_PASSWORD);
        var created = admin.post("/api/v1/users", body.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json();
    }

    private String token(String username) {
        var created = ApiClient.anonymous(port).basic(username, ApiTestSupport.USER_PASSWORD)
                .post("/api/v1/api-tokens", "{\"name\": \"crash test\"}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().path("token").asString();
    }

    private static void oneStepFlowDecidedBy(ApiClient admin, String approverId) {
        var flow = admin.post("/api/v1/approval-flows", """
                {"name": "崩溃测试流程", "priority": -999990, "steps": [{"name": "经理审批", "kind": "APPROVAL", "mode": "ANY",
                 "approvers": [{"userId": "%s"}], "timeLimitHours": null, "condition": null}]}""".formatted(approverId));
        assertThat(flow.status()).as("%s", flow).isEqualTo(201);
    }

    private static ApiClient.Request multipart(ApiClient as, String path, Map<String, String> fields, String fileField,
                                               String fileName, String contentType, byte[] content) {
        String boundary = "qiyue-crash-" + UUID.randomUUID();
        var out = new ByteArrayOutputStream();
        var ordered = new LinkedHashMap<>(fields);
        ordered.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return as.request("POST", path).bytes("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    private static byte[] legacyContracts(String creditCode) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        var csv = new StringBuilder("合同编号,合同类型,标题,客户,金额,开始日期,结束日期,签订日期,状态\n");
        for (int i = 0; i < IMPORTED; i++) {
            LocalDate start = today.minusDays(700).plusDays(i % 600);
            LocalDate end = start.plusYears(1).minusDays(1);
            String status = end.isBefore(today) ? "已到期" : "履行中";
            csv.append("CRASH-IMP-%05d,SERVICE,历史服务合同%d,%s,%d.00,%s,%s,%s,%s\n".formatted(i, i, creditCode,
                    10_000 + i, start, end, start.minusDays(10), status));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] docx(String text) {
        try (var document = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText(text);
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
