package io.qiyue.idempotency;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import io.qiyue.testing.TestIdentifiers;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency-Key on every create of the API: the retry answers what the first request answered, byte for
 * byte, and creates nothing; the same key for another request is a 422; keys are the caller's own.
 */
abstract class IdempotencyApiContract extends ApiTestSupport {

    /** One create: where it goes, and a body (a fresh one each time, where the resource must be unique). */
    private record Create(String path, Supplier<String> body, Supplier<Long> count) {
    }

    private List<Create> creates() {
        var admin = admin();
        String customer = createOrganization(admin).path("id").asString();
        String entity = ourEntityId();
        return List.of(
                new Create("/api/v1/customers", () -> organizationBody(unique("公司"), TestIdentifiers.creditCode())
                        .toString(), this::customerCount),
                new Create("/api/v1/customers/" + customer + "/contacts", () -> "{\"name\": \"%s\"}".formatted(
                        unique("联系人")), () -> (long) admin.get("/api/v1/customers/" + customer + "/contacts").json().path("items").size()),
                new Create("/api/v1/contracts", () -> ContractSamples.contract("SERVICE", unique("合同"), customer, entity)
                        .toString(), this::contractCount),
                new Create("/api/v1/api-tokens", () -> "{\"name\": \"%s\"}".formatted(unique("令牌")),
                        () -> (long) admin.get("/api/v1/api-tokens").json().path("items").size()),
                new Create("/api/v1/clauses", () -> JSON.createObjectNode().put("category", "GENERAL")
                        .put("title", unique("条款")).put("text", "双方应遵守本条款。").put("approved", false)
                        .put("conspicuous", false).toString(), () -> (long) admin.get("/api/v1/clauses").json().path("items").size()),
                new Create("/api/v1/templates", () -> JSON.createObjectNode().put("type", "SERVICE")
                        .put("name", unique("模板")).put("body", activeServiceTemplate()).put("active", false).toString(),
                        () -> (long) admin.get("/api/v1/templates").json().path("items").size()),
                new Create("/api/v1/teams", () -> "{\"name\": \"%s\"}".formatted(unique("团队")),
                        () -> (long) admin.get("/api/v1/teams").json().path("items").size()),
                new Create("/api/v1/our-entities", () -> JSON.createObjectNode().put("name", unique("主体"))
                        .put("creditCode", TestIdentifiers.creditCode()).put("address", "上海市黄浦区中山东一路1号")
                        .toString(), () -> (long) admin.get("/api/v1/our-entities").json().path("items").size()),
                new Create("/api/v1/users", () -> {
                    String username = unique("u").replace("-", "_");
                    var user = JSON.createObjectNode().put("username", username).put("displayName", username)
                            .put("email", username + "@example.com").put("password", USER_PASSWORD);
                    user.putArray("roles").add("VIEWER");
                    return user.toString();
                }, () -> admin.get("/api/v1/users?size=1").json().path("total").asLong()));
    }

    @Test
    void everyCreateAnswersARetryWithTheFirstAnswerAndCreatesOnce() {
        // a token is made with the password, not with a token (ApiTokens)
        var admin = anonymous().basic("admin", ADMIN_PASSWORD);
        for (var create : creates()) {
            String key = unique("key");
            String body = create.body().get();
            long before = create.count().get();

            var first = post(admin, create.path(), key, body);
            var retry = post(admin, create.path(), key, body);

            assertThat(first.status()).as("%s %s", create.path(), first).isEqualTo(201);
            assertThat(retry.status()).as("%s", create.path()).isEqualTo(201);
            assertThat(retry.body()).as("%s", create.path()).isEqualTo(first.body());
            assertThat(retry.header("Location")).as("%s", create.path()).isEqualTo(first.header("Location"));
            assertThat(retry.header("ETag")).as("%s", create.path()).isEqualTo(first.header("ETag"));
            assertThat(retry.header("Idempotent-Replayed")).as("%s", create.path()).isEqualTo("true");
            assertThat(first.header("Idempotent-Replayed")).isNull();
            assertThat(create.count().get()).as("%s", create.path()).isEqualTo(before + 1);

            var other = post(admin, create.path(), key, create.body().get());
            assertProblem(other, 422);
            assertThat(create.count().get()).as("%s", create.path()).isEqualTo(before + 1);
        }
    }

    /**
     * Found by an outside tester: a user demoted to VIEWER replayed their customer's creation and read its ID number
     * in clear for a day. The answer is kept for the roles and team the caller had; after a change it is not given.
     */
    @Test
    void aRetryAfterTheCallersRoleChangedIsRefusedNotReplayed() {
        var sales = createUser("SALES", null);
        String key = unique("key");
        String body = organizationBody(unique("公司"), TestIdentifiers.creditCode()).toString();
        var first = post(sales.client(), "/api/v1/customers", key, body);
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(post(sales.client(), "/api/v1/customers", key, body).header("Idempotent-Replayed")).isEqualTo("true");

        setRoles(sales, "VIEWER");
        var retry = post(sales.client(), "/api/v1/customers", key, body);
        assertProblem(retry, 409);
        assertThat(retry.body()).contains("角色或团队已变更").doesNotContain(first.json().path("id").asString());
    }

    @Test
    void anUploadIsReplayedAndCountedOnce() {
        var admin = admin();
        String customer = createOrganization(admin).path("id").asString();
        String path = "/api/v1/contracts/" + admin.post("/api/v1/contracts",
                ContractSamples.contract("SERVICE", unique("合同"), customer, ourEntityId()).toString())
                .json().path("id").asString();
        byte[] pdf = admin.request("GET", path + "/document?format=pdf").sendForBytes().body();
        int before = admin.get(path + "/versions").json().path("items").size();
        String key = unique("key");

        var first = upload(admin, path + "/versions", key, "boundary-one", pdf);
        // a retrying client may choose another boundary: the parts are what is compared
        var retry = upload(admin, path + "/versions", key, "boundary-two", pdf);

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(admin.get(path + "/versions").json().path("items").size()).isEqualTo(before + 1);
        assertProblem(upload(admin, path + "/versions", key, "boundary-one", "%PDF-other".getBytes(StandardCharsets.UTF_8)),
                422);
    }

    /**
     * The answer of a keyed write lost with its instance after the commit (the claim left without an answer, held by
     * an instance that no longer beats — what {@code CrashSafetyWorkflowPostgresIT} produces with a real crash): the
     * retry runs again and finds what the first attempt did, for a create, an upload, an approval decision and a
     * paper signing, instead of doing it twice or refusing it as done.
     */
    @Test
    void aWriteWhoseAnswerWasLostWithItsInstanceIsFoundOnRetryNotDoneTwice() {
        var owner = createUser("SALES", null);
        var approver = createUser("SALES_MANAGER", null);
        String customer = createOrganization(owner.client()).path("id").asString();
        String body = ContractSamples.contract("SERVICE", unique("合同"), customer, ourEntityId()).toString();
        String key = unique("key");
        var created = post(owner.client(), "/api/v1/contracts", key, body);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        loseAnswer(owner, key);
        var createdAgain = post(owner.client(), "/api/v1/contracts", key, body);
        assertThat(createdAgain.status()).as("%s", createdAgain).isEqualTo(201);
        assertThat(createdAgain.header("Idempotent-Replayed")).as("it ran again").isNull();
        assertThat(createdAgain.json().path("id").asString()).isEqualTo(created.json().path("id").asString());

        String path = "/api/v1/contracts/" + created.json().path("id").asString();
        byte[] pdf = owner.client().request("GET", path + "/document?format=pdf").sendForBytes().body();
        key = unique("key");
        var uploaded = upload(owner.client(), path + "/versions", key, "boundary-one", pdf);
        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        loseAnswer(owner, key);
        var uploadedAgain = upload(owner.client(), path + "/versions", key, "boundary-two", pdf);
        assertThat(uploadedAgain.status()).as("%s", uploadedAgain).isEqualTo(201);
        assertThat(uploadedAgain.json().path("version").asInt()).isEqualTo(uploaded.json().path("version").asInt());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contract_document WHERE contract_id = ? AND kind = 'EXTERNAL'")
                .param(created.json().path("id").asString()).query(Long.class).single()).isEqualTo(1);

        String approving = inApprovalDecidedBy(owner, approver, "审批重试");
        String task = null;
        for (var item : approver.client().get("/api/v1/approvals").json().path("items")) {
            if (item.path("contractId").asString().equals(approving)) {
                task = item.path("id").asString();
            }
        }
        String decision = "{\"decision\": \"APPROVE\", \"comment\": \"同意\"}";
        key = unique("key");
        var decided = post(approver.client(), "/api/v1/approvals/" + task + "/decision", key, decision);
        assertThat(decided.status()).as("%s", decided).isEqualTo(200);
        loseAnswer(approver, key);
        var decidedAgain = post(approver.client(), "/api/v1/approvals/" + task + "/decision", key, decision);
        assertThat(decidedAgain.status()).as("%s", decidedAgain).isEqualTo(200);
        assertThat(decidedAgain.json().path("decision").asString()).isEqualTo("APPROVE");
        // only the decision made is found so: another one is refused as the task is decided
        assertProblem(post(approver.client(), "/api/v1/approvals/" + task + "/decision", unique("key"),
                "{\"decision\": \"REJECT\", \"comment\": \"不同意\"}"), 409);

        String signing = "/api/v1/contracts/" + approving;
        var started = owner.client().request("POST", signing + "/signing")
                .header("If-Match", owner.client().get(signing).header("ETag")).json("{}").send();
        assertThat(started.status()).as("%s", started).isEqualTo(200);
        byte[] scan = scan();
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        key = unique("key");
        var signed = paperSigned(owner.client(), signing, key, today, scan);
        assertThat(signed.status()).as("%s", signed).isEqualTo(200);
        loseAnswer(owner, key);
        var signedAgain = paperSigned(owner.client(), signing, key, today, scan);
        assertThat(signedAgain.status()).as("%s", signedAgain).isEqualTo(200);
        assertThat(signedAgain.json().path("status").asString()).isEqualTo(signed.json().path("status").asString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_document WHERE contract_id = ? AND kind = 'PAPER_SCAN'")
                .param(approving).query(Long.class).single()).isEqualTo(1);
        assertProblem(paperSigned(owner.client(), signing, unique("key"), today, scan()), 409);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** As a crash after the commit leaves it: the key claimed, no answer kept, its instance gone. */
    private void loseAnswer(TestUser user, String key) {
        int lost = jdbc.sql("UPDATE idempotent_request SET status = NULL, response_headers = NULL, response_body = NULL,"
                        + " instance_id = ? WHERE principal = ? AND idem_key = ?")
                .params(java.util.UUID.randomUUID().toString(), user.username(), key).update();
        assertThat(lost).isEqualTo(1);
    }

    private static HttpResponse paperSigned(ApiClient as, String path, String key, String date, byte[] scan) {
        String boundary = "qiyue-" + java.util.UUID.randomUUID();
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"signingDate\"\r\n\r\n" + date
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(scan);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return as.request("POST", path + "/paper-signed").header("Idempotency-Key", key)
                .bytes("multipart/form-data; boundary=" + boundary, out.toByteArray()).send();
    }

    @Test
    void aTokenReplayReturnsTheSameSecretToItsOwnerOnly() {
        var user = createUser("SALES", null);
        String key = unique("key");
        var withPassword = anonymous().basic(user.username(), USER_PASSWORD);
        var first = post(withPassword, "/api/v1/api-tokens", key, "{\"name\": \"ci\"}");
        var retry = post(withPassword, "/api/v1/api-tokens", key, "{\"name\": \"ci\"}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.json().path("token").asString()).isEqualTo(first.json().path("token").asString());
        // kept for the retry, yet sealed: the token table holds only the secret's hash, and so must this one
        String kept = jdbc.sql("SELECT response_body FROM idempotent_request WHERE principal = ? AND idem_key = ?")
                .params(user.username(), key).query(String.class).single();
        String secret = first.json().path("token").asString();
        assertThat(kept).startsWith("v1:").doesNotContain(secret)
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(first.body().getBytes(StandardCharsets.UTF_8)));

        // the key is the caller's: another user with the same key gets their own token
        var stranger = createUser("SALES", null);
        var theirs = post(anonymous().basic(stranger.username(), USER_PASSWORD), "/api/v1/api-tokens", key,
                "{\"name\": \"ci\"}");
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(theirs.json().path("token").asString()).isNotEqualTo(first.json().path("token").asString());
    }

    @Test
    void aRefusedRequestDoesNotKeepItsKey() {
        var admin = admin();
        String key = unique("key");
        String creditCode = TestIdentifiers.creditCode();
        var refused = post(admin, "/api/v1/customers", key,
                organizationBody(unique("公司"), TestIdentifiers.withWrongCreditCheck(creditCode)).toString());
        assertProblem(refused, 400, "creditCode");
        // corrected and sent again with the same key: it runs, it is not a different request to a kept key
        var corrected = post(admin, "/api/v1/customers", key, organizationBody(unique("公司"), creditCode).toString());
        assertThat(corrected.status()).as("%s", corrected).isEqualTo(201);
    }

    @Test
    void concurrentDuplicatesCreateOnceAndTheOthersAreReplayedOrToldToWait() throws Exception {
        var admin = admin();
        String key = unique("key");
        String body = organizationBody(unique("公司"), TestIdentifiers.creditCode()).toString();
        long before = customerCount();
        var pool = Executors.newFixedThreadPool(8);
        try {
            var start = new CountDownLatch(1);
            var answers = new ArrayList<Future<HttpResponse>>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return post(admin, "/api/v1/customers", key, body);
                }));
            }
            start.countDown();
            String id = null;
            for (var answer : answers) {
                var response = answer.get(60, TimeUnit.SECONDS);
                if (response.status() == 409) {
                    assertProblem(response, 409);
                    continue;
                }
                assertThat(response.status()).as("%s", response).isEqualTo(201);
                if (id == null) {
                    id = response.json().path("id").asString();
                }
                assertThat(response.json().path("id").asString()).isEqualTo(id);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(customerCount()).isEqualTo(before + 1);
    }

    @Test
    void anOverLongKeyIsABadRequest() {
        assertProblem(post(admin(), "/api/v1/teams", "k".repeat(101), "{\"name\": \"%s\"}".formatted(unique("团队"))),
                400, "Idempotency-Key");
    }

    @Test
    void aKeyedRequestWithAQueryLongerThanTheStoredPathIsKeptAndReplayed() {
        var admin = admin();
        String key = unique("key");
        String body = "{\"name\": \"%s\"}".formatted(unique("团队"));
        String path = "/api/v1/teams?lang=zh-CN&note=" + "x".repeat(3000);
        long before = admin.get("/api/v1/teams").json().path("items").size();

        var first = post(admin, path, key, body);
        var retry = post(admin, path, key, body);
        var otherQuery = post(admin, path + "y", key, body);

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertProblem(otherQuery, 422);
        assertThat((long) admin.get("/api/v1/teams").json().path("items").size()).isEqualTo(before + 1);
    }

    @Test
    void aContractFormSentTwiceSavesOnceAndBothAnswersLeadToIt() {
        String customer = createOrganization(admin()).path("id").asString();
        var browser = new io.qiyue.testing.Browser(port).login("admin", ADMIN_PASSWORD);
        String form = String.join("&", "type=SERVICE", "title=" + io.qiyue.testing.Browser.enc(unique("表单合同")),
                "customerId=" + customer, "ourEntityId=" + ourEntityId(), "owner=admin", "amount=120000.00",
                "startDate=2027-01-01", "endDate=2027-12-31", "requestKey=" + unique("form"),
                "_csrf=" + io.qiyue.testing.Browser.enc(browser.csrf("/contracts/new?type=SERVICE")));
        long before = contractCount();

        var first = browser.post("/contracts", form);
        var again = browser.post("/contracts", form);

        assertThat(first.statusCode()).as("%s", first.body()).isBetween(300, 399);
        assertThat(again.statusCode()).isEqualTo(first.statusCode());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(contractCount()).isEqualTo(before + 1);
    }

    private static HttpResponse post(ApiClient as, String path, String key, String body) {
        return as.request("POST", path).header("Idempotency-Key", key).json(body).send();
    }

    private static HttpResponse upload(ApiClient as, String path, String key, String boundary, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"paper.pdf\""
                + "\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return as.request("POST", path).header("Idempotency-Key", key).header("X-Requested-With", "tests")
                .bytes("multipart/form-data; boundary=" + boundary, out.toByteArray()).send();
    }

    private String activeServiceTemplate() {
        for (var t : admin().get("/api/v1/templates?type=SERVICE").json().path("items")) {
            if (t.path("active").asBoolean()) {
                return t.path("body").asString();
            }
        }
        throw new AssertionError("no active SERVICE template");
    }
}
