package io.qiyue.testing;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextCustomizerFactories;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the REST API integration tests: starts the whole application on a random port against the
 * database chosen with {@link UsingDatabase} (a fresh one per run, see
 * {@link TestDatabaseContextCustomizerFactory}) and talks HTTP to it. Every subclass of one database
 * shares one Spring context, so test data of other classes is present: tests use unique names and
 * never assume an empty database.
 */
@ExtendWith(DatabaseAvailability.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "qiyue.admin-password=" + ApiTestSupport.ADMIN_PASSWORD,
        // long waits, so that a test sees a slowed address or account still slowed when it asks again
        "qiyue.security.login.address-wait=PT10M",
        "qiyue.security.login.account-wait=PT10M",
        "spring.datasource.hikari.maximum-pool-size=12",
        "spring.datasource.hikari.leak-detection-threshold=8000",
        "logging.level.org.flywaydb=WARN",
        // the webhook and robot receivers of the tests listen on 127.0.0.1
        "qiyue.notification.allow-private-networks=true",
        // the tests run the calendars themselves with the dates they need (ContractCalendar.runFor, …): a scheduled
        // run holds the job's lock for its minimum time, so a test's own run at, say, 13:20 China time, when the
        // reminder calendar fires, found the lock taken and nothing to check
        "qiyue.lifecycle.calendar-cron=-",
        "qiyue.reminders.cron=-",
        "qiyue.obligation.scan-cron=-",
        "qiyue.signing.calendar-cron=-",
        "qiyue.evaluation.cron=-",
        // dozens of contexts on two cores: warming each would slow the tests it is meant to speed up
        // (WarmupH2IT turns it on)
        "qiyue.warmup=false",
        // Boot's tests leave metrics export off; the operations tests scrape /actuator/prometheus
        "management.prometheus.metrics.export.enabled=true",
        "qiyue.metrics-token=" + ApiTestSupport.METRICS_TOKEN
})
@ContextCustomizerFactories(TestDatabaseContextCustomizerFactory.class)
public abstract class ApiTestSupport {
    public static final String ADMIN_PASSWORD = "admin-secret-for-tests";
    /** Passwords of users the tests create (bcrypt is slow: tests switch to API tokens right away). */
    public static final String USER_PASSWORD = "user-secret-for-tests";
    /** The scrape token of {@code /actuator/prometheus}. */
    public static final String METRICS_TOKEN = "metrics-scrape-token-for-tests";

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ConcurrentHashMap<String, String> ADMIN_TOKENS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, String> OUR_ENTITIES = new ConcurrentHashMap<>();

    @Value("${local.server.port}")
    protected int port;

    @Value("${qiyue.test.database-name}")
    private String databaseName;

    /** A user created for a test, with a client that authenticates with the user's API token. */
    public record TestUser(String id, String username, ApiClient client) {
    }

    protected ApiClient anonymous() {
        return ApiClient.anonymous(port);
    }

    /** The bootstrap admin, authenticated with an API token (one per database, created on first use). */
    protected ApiClient admin() {
        String token = ADMIN_TOKENS.computeIfAbsent(databaseName, db -> token(anonymous().basic("admin", ADMIN_PASSWORD)));
        return anonymous().bearer(token);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a user with the given roles (comma-separated) and optional team, and returns it with a token client. */
    protected TestUser createUser(String roles, String teamId) {
        String username = unique("u").replace("-", "_");
        var body = JSON.createObjectNode();
        body.put("username", username);
        body.put("displayName", "测试用户 " + username);
        body.put("email", username + "@example.com");
        var roleArray = body.putArray("roles");
        Arrays.stream(roles.split(",")).map(String::trim).forEach(roleArray::add);
        if (teamId != null) {
            body.put("teamId", teamId);
        }
        body.put("password", USER_PASSWORD);
        var created = admin().post("/api/v1/users", body.toString());
        assertThat(created.status()).as("create user: %s", created).isEqualTo(201);
        String token = token(anonymous().basic(username, USER_PASSWORD));
        return new TestUser(created.json().path("id").asString(), username, anonymous().bearer(token));
    }

    protected String createTeam() {
        var created = admin().post("/api/v1/teams", "{\"name\": \"%s\"}".formatted(unique("团队")));
        assertThat(created.status()).as("create team: %s", created).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** Creates an API token for the identity of {@code client} and returns its secret. */
    protected static String token(ApiClient client) {
        var created = client.post("/api/v1/api-tokens", "{\"name\": \"tests\"}");
        assertThat(created.status()).as("create API token: %s", created).isEqualTo(201);
        return created.json().path("token").asString();
    }

    /** An organisation customer with a fresh valid credit code, owned by the caller. */
    protected JsonNode createOrganization(ApiClient as) {
        var body = organizationBody(unique("杭州示例科技有限公司"), TestIdentifiers.creditCode());
        var created = as.post("/api/v1/customers", body.toString());
        assertThat(created.status()).as("create organisation: %s", created).isEqualTo(201);
        return created.json();
    }

    protected static ObjectNode organizationBody(String name, String creditCode) {
        var body = JSON.createObjectNode();
        body.put("kind", "ORGANIZATION");
        body.put("name", name);
        body.put("creditCode", creditCode);
        body.put("address", "浙江省杭州市余杭区文一西路969号");
        body.put("legalRepresentative", "张三");
        body.put("level", "A");
        var contact = body.putArray("contacts").addObject();
        contact.put("name", "李四");
        contact.put("title", "采购经理");
        contact.put("mobile", TestIdentifiers.mobile());
        contact.put("email", "lisi@example.com");
        contact.put("primary", true);
        return body;
    }

    /** Gives the user this one role, as an admin does (PATCH with the user's ETag). */
    protected void setRoles(TestUser user, String role) {
        var current = admin().get("/api/v1/users/" + user.id());
        var changed = admin().request("PATCH", "/api/v1/users/" + user.id()).header("If-Match", current.header("ETag"))
                .body("application/merge-patch+json", "{\"roles\": [\"" + role + "\"]}").send();
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
    }

    /** Our signing entity, created once per database by the admin. */
    protected String ourEntityId() {
        return OUR_ENTITIES.computeIfAbsent(databaseName, db -> {
            var created = admin().post("/api/v1/our-entities", """
                    { "name": "契约示例（上海）有限公司", "creditCode": "%s", "address": "上海市浦东新区世纪大道100号",
                      "legalRepresentative": "王五", "bankName": "中国工商银行上海分行", "bankAccount": "1001234567890123" }
                    """.formatted(TestIdentifiers.creditCode()));
            assertThat(created.status()).as("create our entity: %s", created).isEqualTo(201);
            return created.json().path("id").asString();
        });
    }

    /** Creates a contract of {@code type} for a new customer of the caller; returns the created contract. */
    protected JsonNode createContract(ApiClient as, String type) {
        String customerId = createOrganization(as).path("id").asString();
        return createContract(as, ContractSamples.contract(type, unique("合同"), customerId, ourEntityId()));
    }

    protected JsonNode createContract(ApiClient as, ObjectNode body) {
        var created = as.post("/api/v1/contracts", body.toString());
        assertThat(created.status()).as("create contract: %s", created).isEqualTo(201);
        return created.json();
    }

    /**
     * Reviews the contract as {@code as} and has the admin accept each warning with a reason, so that it can be
     * submitted (a fixture with a blocker fails here).
     */
    protected void acceptWarnings(ApiClient as, String contractId) {
        String path = "/api/v1/contracts/" + contractId;
        var review = as.post(path + "/review", "{}");
        assertThat(review.status()).as("review: %s", review).isEqualTo(200);
        acceptEachWarning(admin(), path, review.json());
    }

    /**
     * Has {@code accepter} accept each warning of {@code review} (the answer of {@code contractPath}'s review) with a
     * reason; a fixture with a blocker fails here. For the tests of a forked application too.
     */
    public static void acceptEachWarning(ApiClient accepter, String contractPath, JsonNode review) {
        for (JsonNode finding : review.path("findings")) {
            assertThat(finding.path("severity").asString()).as("a fixture with a blocker: %s", finding)
                    .isNotEqualTo("BLOCKER");
            if (finding.path("severity").asString().equals("WARNING")) {
                var accepted = accepter.post(contractPath + "/review/findings/" + finding.path("ruleId").asString()
                        + "/accept", JSON.createObjectNode().put("path", finding.path("path").asString())
                        .put("reason", "已与客户确认").toString());
                assertThat(accepted.status()).as("accept a warning: %s", accepted).isEqualTo(200);
            }
        }
    }

    /** A SERVICE draft of {@code as} for a new customer, reviewed with its warnings accepted: ready to submit. */
    protected String readyContract(ApiClient as, String titlePrefix) {
        String customerId = createOrganization(as).path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique(titlePrefix), customerId, ourEntityId());
        String id = createContract(as, body).path("id").asString();
        acceptWarnings(as, id);
        return id;
    }

    @org.springframework.beans.factory.annotation.Autowired
    private io.qiyue.contract.Contracts contractsForFixtures;

    /**
     * Submits a ready contract of {@code owner} through a flow of one step that {@code approver} decides (disabled
     * again at once: the running approval keeps its step), so that the contract waits in IN_APPROVAL.
     */
    protected String inApprovalDecidedBy(TestUser owner, TestUser approver, String titlePrefix) {
        String name = unique("单步流程");
        String step = "{\"name\": \"经理审批\", \"kind\": \"APPROVAL\", \"mode\": \"ANY\", \"approvers\": [{\"userId\": \""
                + approver.id() + "\"}], \"timeLimitHours\": null, \"condition\": null}";
        var flow = admin().post("/api/v1/approval-flows",
                "{\"name\": \"%s\", \"priority\": -999990, \"steps\": [%s]}".formatted(name, step));
        assertThat(flow.status()).as("%s", flow).isEqualTo(201);
        String id = readyContract(owner.client(), titlePrefix);
        try {
            var submitted = owner.client().request("POST", "/api/v1/contracts/" + id + "/submit")
                    .header("If-Match", owner.client().get("/api/v1/contracts/" + id).header("ETag")).json("{}").send();
            assertThat(submitted.status()).as("submit: %s", submitted).isEqualTo(200);
        } finally {
            var disabled = admin().put("/api/v1/approval-flows/" + flow.json().path("id").asString(),
                    "{\"name\": \"%s\", \"enabled\": false, \"steps\": [%s]}".formatted(name, step), "\"1\"");
            assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
        }
        assertThat(admin().get("/api/v1/contracts/" + id).json().path("status").asString()).isEqualTo("IN_APPROVAL");
        return id;
    }

    /**
     * Creates the contract {@code body} as {@code as} and takes it the way a user would to {@code SIGNED}: warnings
     * accepted, submitted (approved as the approval module approves, where a flow is waiting), signing started and
     * a scanned paper copy (a fresh PNG) recorded as signed today. The obligations are generated then.
     */
    protected String signedContract(ApiClient as, ObjectNode body) {
        String id = createContract(as, body).path("id").asString();
        acceptWarnings(as, id);
        String path = "/api/v1/contracts/" + id;
        var submitted = as.request("POST", path + "/submit").header("If-Match", as.get(path).header("ETag"))
                .json("{}").send();
        assertThat(submitted.status()).as("submit: %s", submitted).isEqualTo(200);
        if (!as.get(path).json().path("status").asString().equals("APPROVED")) {
            contractsForFixtures.advance(id, io.qiyue.contract.ContractAction.APPROVE, "同意", "admin");
        }
        var started = as.request("POST", path + "/signing").header("If-Match", as.get(path).header("ETag"))
                .json("{}").send();
        assertThat(started.status()).as("start signing: %s", started).isEqualTo(200);
        paperSigned(as, id);
        return id;
    }

    /** Records a scanned paper copy (a fresh PNG) of a contract in signing as signed today: the round ends. */
    protected void paperSigned(ApiClient as, String id) {
        String path = "/api/v1/contracts/" + id;
        String boundary = "qiyue-fixture-" + UUID.randomUUID();
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"signingDate\"\r\n\r\n"
                + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.writeBytes(scan());
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var signed = as.request("POST", path + "/paper-signed")
                .bytes("multipart/form-data; boundary=" + boundary, out.toByteArray()).send();
        assertThat(signed.status()).as("paper signing: %s", signed).isEqualTo(200);
    }

    /** A small PNG of its own colour: a "scan" the system has never produced. */
    public static byte[] scan() {
        var image = new java.awt.image.BufferedImage(40, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
        int colour = java.util.concurrent.ThreadLocalRandom.current().nextInt(0xFFFFFF);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 40; y++) {
                image.setRGB(x, y, colour ^ (x * y));
            }
        }
        var png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** How many contracts the admin sees: the tests compare this before and after refused requests. */
    protected long contractCount() {
        var list = admin().get("/api/v1/contracts?size=1");
        assertThat(list.status()).as("list contracts: %s", list).isEqualTo(200);
        return list.json().path("total").asLong();
    }

    protected long customerCount() {
        var list = admin().get("/api/v1/customers?size=1");
        assertThat(list.status()).as("list customers: %s", list).isEqualTo(200);
        return list.json().path("total").asLong();
    }

    /** Asserts a problem+json answer with the status and (if given) errors naming exactly these fields among others. */
    protected static void assertProblem(HttpResponse response, int status, String... fields) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.contentType()).as("content type of %s", response).startsWith("application/problem+json");
        var json = response.json();
        assertThat(json.path("status").asInt()).isEqualTo(status);
        assertThat(json.path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        if (fields.length > 0) {
            assertThat(response.errorFields()).as("errors[].field of %s", response).contains(fields);
        }
    }

    /** The ids of the items of a list answer. */
    protected static List<String> ids(JsonNode list) {
        var ids = new ArrayList<String>();
        list.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}
