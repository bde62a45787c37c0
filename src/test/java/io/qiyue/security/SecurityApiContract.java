package io.qiyue.security;

import io.qiyue.testing.Browser;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import io.qiyue.testing.LoopbackAddresses;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication, API tokens, login throttling, data scope by role, the audit trail and the OpenAPI document. */
abstract class SecurityApiContract extends ApiTestSupport {

    @Test
    void requiresCredentials() {
        for (String path : new String[] {"/api/v1/contracts", "/api/v1/customers", "/api/v1/contract-types",
                "/api/v1/users/me"}) {
            var response = anonymous().get(path);
            assertProblem(response, 401);
            // a Basic challenge would make a browser ask for and cache a password, which it then sends
            // along with requests other sites make it send
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"Qiyue\"");
        }
        long before = contractCount();
        assertProblem(anonymous().post("/api/v1/contracts", "{}"), 401);
        var wrongPassword = anonymous().from(LoopbackAddresses.next()).basic("admin", "wrong-password-1")
                .get("/api/v1/contracts");
        assertProblem(wrongPassword, 401);
        assertThat(wrongPassword.header("WWW-Authenticate")).doesNotContain("Basic");
        var wrongToken = anonymous().bearer("qy_not-a-real-token").get("/api/v1/contracts");
        assertProblem(wrongToken, 401);
        assertThat(wrongToken.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"Qiyue\", error=\"invalid_token\"");
        assertThat(contractCount()).isEqualTo(before);
    }

    @Test
    void apiTokensAuthenticateUntilRevoked() {
        var user = createUser("SALES", null);
        var basic = anonymous().basic(user.username(), USER_PASSWORD);

        var created = basic.post("/api/v1/api-tokens", "{\"name\": \"集成\", \"expiresInDays\": 30}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String secret = created.json().path("token").asString();
        String id = created.json().path("id").asString();
        assertThat(secret).startsWith("qy_").hasSizeGreaterThan(40);
        var bearer = anonymous().bearer(secret);

        var me = bearer.get("/api/v1/users/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("username").asString()).isEqualTo(user.username());
        var listed = bearer.get("/api/v1/api-tokens");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(id, "集成").doesNotContain(secret);
        // a token makes no tokens: one that leaked cannot mint its own replacements (outside tester)
        int held = bearer.get("/api/v1/api-tokens").json().path("items").size();
        var minted = bearer.post("/api/v1/api-tokens", "{\"name\": \"续命\"}");
        assertProblem(minted, 403);
        assertThat(minted.json().path("detail").asString()).contains("HTTP Basic");
        assertThat(bearer.get("/api/v1/api-tokens").json().path("items").size()).isEqualTo(held);

        assertProblem(createUser("SALES", null).client().delete("/api/v1/api-tokens/" + id, null), 404);
        assertThat(bearer.get("/api/v1/users/me").status()).isEqualTo(200);

        assertThat(basic.delete("/api/v1/api-tokens/" + id, null).status()).isEqualTo(204);
        assertProblem(bearer.get("/api/v1/users/me"), 401);
        assertProblem(bearer.get("/api/v1/contracts"), 401);
        assertThat(basic.get("/api/v1/users/me").status()).isEqualTo(200);

        // an admin sees anyone's tokens (never their secrets) and revokes one that leaked; the next request fails
        var leaked = basic.post("/api/v1/api-tokens", "{\"name\": \"外泄\"}");
        var leakedBearer = anonymous().bearer(leaked.json().path("token").asString());
        assertThat(leakedBearer.get("/api/v1/users/me").status()).isEqualTo(200);
        var theirs = admin().get("/api/v1/users/" + user.id() + "/api-tokens");
        assertThat(theirs.status()).as("%s", theirs).isEqualTo(200);
        assertThat(theirs.body()).contains(leaked.json().path("id").asString(), "外泄")
                .doesNotContain(leaked.json().path("token").asString());
        assertProblem(createUser("SALES_MANAGER", null).client().get("/api/v1/users/" + user.id() + "/api-tokens"), 403);
        assertThat(admin().delete("/api/v1/api-tokens/" + leaked.json().path("id").asString(), null).status())
                .isEqualTo(204);
        assertProblem(leakedBearer.get("/api/v1/users/me"), 401);

        assertProblem(basic.post("/api/v1/api-tokens", "{\"name\": \"\"}"), 400, "name");
        assertProblem(basic.post("/api/v1/api-tokens", "{\"name\": \"x\", \"expiresInDays\": 0}"), 400, "expiresInDays");
    }

    @Test
    void strangersCannotLockAnAccountOutButTheirAddressIsSlowed() {
        var stranger = anonymous().from(LoopbackAddresses.next());
        var admin = anonymous().from(LoopbackAddresses.next()).basic("admin", ADMIN_PASSWORD);

        var answers = new ArrayList<Integer>();
        for (int i = 0; i < 8; i++) {
            answers.add(stranger.basic("admin", "wrong-password-" + i).get("/api/v1/users/me").status());
        }
        // four wrong guesses are answered as such, then the address has to wait
        assertThat(answers).containsExactly(401, 401, 401, 401, 429, 429, 429, 429);
        var refused = stranger.basic("admin", ADMIN_PASSWORD).withHeader("Accept-Language", "en").get("/api/v1/users/me");
        assertProblem(refused, 429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.json().path("detail").asString()).contains("address").doesNotContain("locked");

        // the account's owner, from their own address, is not kept out
        assertThat(admin.get("/api/v1/users/me").status()).isEqualTo(200);
        // and a token works from the slowed address: only password guessing is slowed
        assertThat(admin().get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void fewerThanFiveFailuresDoNotSlowDownAndASuccessForgivesThem() {
        var user = createUser("SALES", null);
        var from = anonymous().from(LoopbackAddresses.next());
        var right = from.basic(user.username(), USER_PASSWORD);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertProblem(from.basic(user.username(), "wrong-password-" + i).get("/api/v1/users/me"), 401);
            }
            var response = right.get("/api/v1/users/me");
            assertThat(response.status()).as("round %d: %s", round, response).isEqualTo(200);
        }
    }

    @Test
    void passwordSprayingFromOneAddressIsSlowedHarderThanGuessingOnePassword() {
        var victims = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            victims.add(createUser("SALES", null).username());
        }
        for (int i = 0; i < 17; i++) {
            victims.add(unique("nobody").replace("-", "_"));
        }
        var sprayer = anonymous().from(LoopbackAddresses.next());
        var answers = new ArrayList<Integer>();
        HttpResponse last = null;
        for (String victim : victims) {
            last = sprayer.basic(victim, "Spring2026!").get("/api/v1/users/me");
            answers.add(last.status());
        }
        assertThat(answers.subList(0, 4)).containsOnly(401);
        assertThat(answers.subList(4, 20)).containsOnly(429);
        assertProblem(last, 429);
        // the same user name guessed five times waits less than five user names guessed once
        var guesser = anonymous().from(LoopbackAddresses.next());
        HttpResponse guessed = null;
        for (int i = 0; i < 5; i++) {
            guessed = guesser.basic(victims.get(0), "wrong-password-" + i).get("/api/v1/users/me");
        }
        assertProblem(guessed, 429);
        assertThat(Long.parseLong(last.header("Retry-After")))
                .isGreaterThan(Long.parseLong(guessed.header("Retry-After")));
        // the sprayed users themselves are not kept out
        assertThat(anonymous().from(LoopbackAddresses.next()).basic(victims.get(1), USER_PASSWORD)
                .get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void anAccountAttackedFromManyAddressesIsSlowedWithoutLockingOutItsOwner() {
        var user = createUser("SALES", null);
        var home = anonymous().from(LoopbackAddresses.next()).basic(user.username(), USER_PASSWORD);
        assertThat(home.get("/api/v1/users/me").status()).isEqualTo(200);

        var answers = new ArrayList<Integer>();
        for (int address = 0; address < 5; address++) {
            var attacker = anonymous().from(LoopbackAddresses.next());
            for (int i = 0; i < 3; i++) {
                answers.add(attacker.basic(user.username(), "wrong-password-" + address + i).get("/api/v1/users/me")
                        .status());
            }
        }
        // with three failures each, no address is slowed; the account is, from its tenth failure on
        assertThat(answers.subList(0, 9)).containsOnly(401);
        assertThat(answers.subList(9, 15)).containsOnly(429);

        var newcomer = anonymous().from(LoopbackAddresses.next()).basic(user.username(), USER_PASSWORD)
                .get("/api/v1/users/me");
        assertProblem(newcomer, 429);
        assertThat(Long.parseLong(newcomer.header("Retry-After"))).isPositive();
        // where the owner signed in before, the right password still works
        assertThat(home.get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void theLoginPageAnswersThrottledAttemptsWith429AndSaysWhy() {
        var user = createUser("SALES", null);
        var browser = new Browser(port, LoopbackAddresses.next());
        for (int i = 0; i < 4; i++) {
            var failed = browser.tryLogin(user.username(), "wrong-password-" + i);
            assertThat(failed.statusCode()).isEqualTo(302);
            assertThat(failed.headers().firstValue("Location").orElse("")).endsWith("/login?error");
        }
        for (String password : new String[] {"wrong-password-4", USER_PASSWORD}) {
            var throttled = browser.tryLogin(user.username(), password);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
            assertThat(throttled.body()).contains("id=\"login-throttled\"", "id=\"login-form\"")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void writesWithPasswordCredentialsMustNotComeFromAnotherSite() {
        var user = createUser("SALES", null);
        var basic = anonymous().basic(user.username(), USER_PASSWORD).withHeader("Accept-Language", "en");
        String body = "{\"name\": \"跨站\"}";
        int tokens = basic.get("/api/v1/api-tokens").json().path("items").size();

        // what a page of another site can make a browser send with its cached password
        var fromOrigin = basic.request("POST", "/api/v1/api-tokens").json(body)
                .header("Origin", "https://evil.example").send();
        assertProblem(fromOrigin, 403);
        assertThat(fromOrigin.json().path("type").asString()).endsWith("/cross-site-request");
        assertThat(fromOrigin.json().path("detail").asString()).contains("https://evil.example");
        assertProblem(basic.request("POST", "/api/v1/api-tokens").json(body).header("Origin", "null").send(), 403);
        assertProblem(basic.request("POST", "/api/v1/api-tokens").json(body)
                .header("Sec-Fetch-Site", "cross-site").send(), 403);
        assertProblem(basic.request("POST", "/api/v1/api-tokens").json(body)
                .header("Sec-Fetch-Site", "same-site").send(), 403);
        assertProblem(basic.request("DELETE", "/api/v1/api-tokens/x").header("Origin", "http://localhost:1").send(), 403);
        for (String simple : new String[] {"text/plain", "text/plain; charset=UTF-8", "application/x-www-form-urlencoded"}) {
            var refused = basic.request("POST", "/api/v1/api-tokens").body(simple, body).send();
            assertProblem(refused, 403);
            assertThat(refused.json().path("detail").asString()).as(simple).contains("application/json");
        }
        var multipart = basic.request("POST", "/api/v1/api-tokens").bytes("multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8))
                .send();
        assertProblem(multipart, 403);
        assertThat(multipart.json().path("detail").asString()).contains("X-Requested-With");
        assertThat(basic.get("/api/v1/api-tokens").json().path("items").size()).isEqualTo(tokens);

        // curl and integrations without Origin, the same origin, and reads from anywhere still work
        assertThat(basic.post("/api/v1/api-tokens", body).status()).isEqualTo(201);
        assertThat(basic.request("POST", "/api/v1/api-tokens").json(body)
                .header("Origin", "http://127.0.0.1:" + port).header("Sec-Fetch-Site", "same-origin").send().status())
                .isEqualTo(201);
        assertThat(basic.request("POST", "/api/v1/api-tokens").body("application/json; charset=UTF-8", body)
                .header("Sec-Fetch-Site", "none").send().status()).isEqualTo(201);
        assertThat(basic.request("GET", "/api/v1/api-tokens").header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site").send().status()).isEqualTo(200);
        // a multipart upload with a header no other site can make a browser add gets past the check
        // (and on to the controller, which takes JSON here)
        assertThat(basic.request("POST", "/api/v1/api-tokens").bytes("multipart/form-data; boundary=b",
                        "--b--\r\n".getBytes(StandardCharsets.UTF_8)).header("X-Requested-With", "curl").send().status())
                .isEqualTo(415);
        // a browser adds no token by itself: a request with one was written by the caller
        assertThat(user.client().request("POST", "/api/v1/customers").json(organizationBody(unique("跨站集成"),
                        io.qiyue.testing.TestIdentifiers.creditCode()).toString())
                .header("Origin", "https://integration.example").send().status()).isEqualTo(201);
        assertThat(basic.get("/api/v1/api-tokens").json().path("items").size()).isEqualTo(tokens + 3);
    }

    @Test
    void dataScopeFollowsOwnerTeamAndRole() {
        String team = createTeam();
        var salesA = createUser("SALES", team);
        var salesB = createUser("SALES", null);
        var manager = createUser("SALES_MANAGER", team);
        var viewer = createUser("VIEWER", null);
        var legal = createUser("LEGAL", null);
        var contract = createContract(salesA.client(), "SERVICE");
        String id = contract.path("id").asString();
        String path = "/api/v1/contracts/" + id;
        String customerPath = "/api/v1/customers/" + contract.path("customerId").asString();
        String update = ContractSamples.contract("SERVICE", "法务修改后的标题", contract.path("customerId").asString(),
                ourEntityId()).toString();

        // another salesperson: the contract does not exist for them
        assertProblem(salesB.client().get(path), 404);
        assertProblem(salesB.client().put(path, update, "\"1\""), 404);
        assertProblem(salesB.client().patch(path, "{\"title\": \"x\"}", "\"1\""), 404);
        assertProblem(salesB.client().get(path + "/versions"), 404);
        assertProblem(salesB.client().get(customerPath), 404);
        assertThat(listedIds(salesB.client().get("/api/v1/contracts?size=200").json())).doesNotContain(id);
        var foreignCustomer = ContractSamples.contract("SERVICE", unique("合同"), contract.path("customerId").asString(),
                ourEntityId());
        assertProblem(salesB.client().post("/api/v1/contracts", foreignCustomer.toString()), 400, "customerId");

        // the owner's team manager sees and may edit the team's contracts
        assertThat(manager.client().get(path).status()).isEqualTo(200);
        assertThat(listedIds(manager.client().get("/api/v1/contracts?owner=" + salesA.username()).json()))
                .containsExactly(id);
        var managerPatch = manager.client().patch(path, "{\"title\": \"经理修改\"}", "\"1\"");
        assertThat(managerPatch.status()).as("%s", managerPatch).isEqualTo(200);

        // a viewer reads everything but changes nothing
        assertThat(viewer.client().get(path).status()).isEqualTo(200);
        assertThat(listedIds(viewer.client().get("/api/v1/contracts?owner=" + salesA.username()).json()))
                .containsExactly(id);
        assertProblem(viewer.client().put(path, update, "\"2\""), 403);
        assertProblem(viewer.client().patch(path, "{\"title\": \"x\"}", "\"2\""), 403);
        var viewerCreate = ContractSamples.contract("SERVICE", unique("合同"), contract.path("customerId").asString(),
                ourEntityId());
        assertProblem(viewer.client().post("/api/v1/contracts", viewerCreate.toString()), 403);
        assertProblem(viewer.client().post("/api/v1/customers",
                organizationBody(unique("公司"), io.qiyue.testing.TestIdentifiers.creditCode()).toString()), 403);

        // legal edits contracts
        var legalPut = legal.client().put(path, update, "\"2\"");
        assertThat(legalPut.status()).as("%s", legalPut).isEqualTo(200);
        assertThat(legalPut.json().path("title").asString()).isEqualTo("法务修改后的标题");
        assertThat(legalPut.json().path("owner").asString()).isEqualTo(salesA.username());

        // the owner still sees the latest state
        assertThat(salesA.client().get(path).header("ETag")).isEqualTo("\"3\"");

        // only admins manage users
        assertProblem(salesA.client().get("/api/v1/users"), 403);
        assertProblem(manager.client().post("/api/v1/users", "{}"), 403);
    }

    @Test
    void auditTrailRecordsCreateAndUpdateWithChangedFieldsForAdminsOnly() {
        var sales = createUser("SALES", null);
        var contract = createContract(sales.client(), "CONSULTING");
        String id = contract.path("id").asString();
        String oldTitle = contract.path("title").asString();
        var patched = sales.client().patch("/api/v1/contracts/" + id, "{\"title\": \"审计后的标题\"}", "\"1\"");
        assertThat(patched.status()).isEqualTo(200);

        var audit = admin().get("/api/v1/audit?entity=CONTRACT&id=" + id);

        assertThat(audit.status()).as("%s", audit).isEqualTo(200);
        var items = audit.json().path("items");
        assertThat(audit.json().path("total").asLong()).isEqualTo(2);
        var actions = new ArrayList<String>();
        JsonNode update = null;
        for (JsonNode item : items) {
            actions.add(item.path("action").asString());
            assertThat(item.path("entityId").asString()).isEqualTo(id);
            assertThat(item.path("entityType").asString()).isEqualTo("CONTRACT");
            assertThat(item.path("actor").asString()).isEqualTo(sales.username());
            if (item.path("action").asString().equals("UPDATE")) {
                update = item;
            }
        }
        assertThat(actions).containsExactlyInAnyOrder("CREATE", "UPDATE");
        assertThat(update).isNotNull();
        assertThat(update.path("changes").size()).isEqualTo(1);
        var change = update.path("changes").get(0);
        assertThat(change.path("field").asString()).isEqualTo("/title");
        assertThat(change.path("before").asString()).isEqualTo(oldTitle);
        assertThat(change.path("after").asString()).isEqualTo("审计后的标题");

        assertProblem(sales.client().get("/api/v1/audit?entity=CONTRACT&id=" + id), 403);
        assertProblem(createUser("LEGAL", null).client().get("/api/v1/audit"), 403);
    }

    @Test
    void auditOfCustomersNeverContainsPersonalInformationInClear() {
        String idNumber = io.qiyue.testing.TestIdentifiers.idNumber();
        var body = JSON.createObjectNode();
        body.put("kind", "PERSON");
        body.put("name", "赵六");
        body.put("idNumber", idNumber);
        body.putArray("contacts").addObject().put("name", "赵六").put("mobile", "13700137000");
        var created = admin().post("/api/v1/customers", body.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);

        var audit = admin().get("/api/v1/audit?entity=CUSTOMER&id=" + created.json().path("id").asString());

        assertThat(audit.json().path("total").asLong()).isEqualTo(1);
        assertThat(audit.body()).contains("CREATE").doesNotContain(idNumber, "13700137000");
    }

    @Test
    void servesTheOpenApiDocument() {
        var docs = anonymous().get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        var json = docs.json();
        assertThat(json.path("openapi").asString()).startsWith("3.");
        assertThat(json.path("paths").propertyNames())
                .contains("/api/v1/contracts", "/api/v1/contracts/{id}", "/api/v1/customers", "/api/v1/contract-types",
                        "/api/v1/api-tokens", "/api/v1/audit");
    }

    private static java.util.List<String> listedIds(JsonNode list) {
        return ids(list);
    }
}
