package io.qiyue.review;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may accept a warning, over HTTP: the policy per rule (legal or the owner's manager for QY-V00x and
 * QY-P00x, the owner for clarity warnings, changed by admins with If-Match), the matrix of roles against it,
 * and a blacklisted customer blocking submission.
 */
abstract class AcceptancePermissionApiContract extends ApiTestSupport {
    static final String DAMAGES = "/terms/breach/liquidatedDamages";
    static final String VAGUE = "/terms/rightsAndObligations/provider/1";
    static final String POLICIES = "/api/v1/reviews/acceptance-policies";

    /** A SERVICE draft of {@code owner} with 40% liquidated damages (QY-V001) and a vague time word (QY-L001). */
    private String riskyContract(ApiClient owner) {
        return riskyContract(owner, "OWNER");
    }

    private String riskyContract(ApiClient owner, String clarityAcceptedBy) {
        String customerId = createOrganization(owner).path("id").asString();
        ObjectNode body = ContractSamples.contract("SERVICE", unique("合同"), customerId, ourEntityId());
        var damages = (ObjectNode) body.path("terms").path("breach").path("liquidatedDamages");
        damages.put("basis", "PERCENT_OF_AMOUNT");
        damages.put("value", "40");
        ((tools.jackson.databind.node.ArrayNode) body.path("terms").path("rightsAndObligations").path("provider"))
                .add("乙方应及时响应甲方的服务请求。");
        String path = "/api/v1/contracts/" + createContract(owner, body).path("id").asString();
        var review = owner.post(path + "/review", "");
        assertThat(review.status()).as("%s", review).isEqualTo(200);
        assertThat(finding(review.json(), "QY-V001").path("acceptableBy").asString()).isEqualTo("MANAGER_OR_LEGAL");
        assertThat(finding(review.json(), "QY-L001").path("acceptableBy").asString()).isEqualTo(clarityAcceptedBy);
        return path;
    }

    private static JsonNode finding(JsonNode review, String ruleId) {
        for (JsonNode f : review.path("findings")) {
            if (f.path("ruleId").asString().equals(ruleId)) {
                return f;
            }
        }
        throw new AssertionError(ruleId + " not in " + review);
    }

    private static HttpResponse accept(ApiClient as, String contract, String ruleId, String path) {
        var body = JSON.createObjectNode();
        body.put("path", path);
        body.put("reason", "已与客户确认，风险可控");
        return as.post(contract + "/review/findings/" + ruleId + "/accept", body.toString());
    }

    @Test
    void liabilityWarningsNeedLegalOrTheOwnersManagerClarityWarningsTheOwner() {
        String team = createTeam();
        var sales = createUser("SALES", team);
        var manager = createUser("SALES_MANAGER", team);
        var otherManager = createUser("SALES_MANAGER", createTeam());
        var legal = createUser("LEGAL", null);
        var finance = createUser("FINANCE", null);

        String contract = riskyContract(sales.client());
        var refused = accept(sales.client(), contract, "QY-V001", DAMAGES);
        assertProblem(refused, 403);
        assertThat(refused.json().path("detail").asString()).contains("法务", "经理");
        assertThat(finding(sales.client().get(contract + "/review").json(), "QY-V001").path("accepted").isNull())
                .as("a refused acceptance leaves nothing behind").isTrue();
        assertProblem(accept(finance.client(), contract, "QY-V001", DAMAGES), 403);
        assertProblem(accept(otherManager.client(), contract, "QY-V001", DAMAGES), 404);

        var ownClarity = accept(sales.client(), contract, "QY-L001", VAGUE);
        assertThat(ownClarity.status()).as("%s", ownClarity).isEqualTo(200);

        var byManager = accept(manager.client(), contract, "QY-V001", DAMAGES);
        assertThat(byManager.status()).as("%s", byManager).isEqualTo(200);
        assertThat(finding(byManager.json(), "QY-V001").path("accepted").path("by").asString())
                .isEqualTo(manager.username());

        String second = riskyContract(sales.client());
        var byLegal = accept(legal.client(), second, "QY-V001", DAMAGES);
        assertThat(byLegal.status()).as("%s", byLegal).isEqualTo(200);

        // a manager's own contract still needs another pair of eyes
        String managersOwn = riskyContract(manager.client());
        assertProblem(accept(manager.client(), managersOwn, "QY-V001", DAMAGES), 403);
        assertThat(accept(admin(), managersOwn, "QY-V001", DAMAGES).status()).isEqualTo(200);
    }

    @Test
    void adminsChooseWhoAcceptsARulesWarningsWithIfMatch() {
        var sales = createUser("SALES", null);
        var legal = createUser("LEGAL", null);
        var policy = sales.client().get(POLICIES + "/QY-L001");
        assertThat(policy.status()).isEqualTo(200);
        assertThat(policy.json().path("acceptedBy").asString()).isEqualTo("OWNER");
        assertThat(sales.client().get(POLICIES).json().toString()).contains("\"ruleId\":\"QY-P003\"");
        String etag = policy.header("ETag");

        assertProblem(sales.client().put(POLICIES + "/QY-L001", "{\"acceptedBy\": \"LEGAL\"}", etag), 403);
        assertProblem(admin().put(POLICIES + "/QY-L001", "{\"acceptedBy\": \"LEGAL\"}", null), 428);
        assertProblem(admin().put(POLICIES + "/QY-L001", "{\"acceptedBy\": \"BOSS\"}", etag), 400, "acceptedBy");
        assertProblem(admin().put(POLICIES + "/QY-L001", "{\"acceptedBy\": null}", etag), 400, "acceptedBy");
        assertProblem(admin().put(POLICIES + "/QY-X999", "{\"acceptedBy\": \"LEGAL\"}", "\"0\""), 404);
        var changed = admin().put(POLICIES + "/QY-L001", "{\"acceptedBy\": \"LEGAL\"}", etag);
        try {
            assertThat(changed.status()).as("%s", changed).isEqualTo(200);
            assertThat(changed.json().path("acceptedBy").asString()).isEqualTo("LEGAL");
            assertThat(changed.json().path("custom").asBoolean()).isTrue();
            assertProblem(admin().put(POLICIES + "/QY-L001", "{\"acceptedBy\": \"OWNER\"}", etag), 412);

            String contract = riskyContract(sales.client(), "LEGAL");
            assertProblem(accept(sales.client(), contract, "QY-L001", VAGUE), 403);
            assertThat(accept(legal.client(), contract, "QY-L001", VAGUE).status()).isEqualTo(200);
            assertThat(admin().get("/api/v1/audit?entity=REVIEW_ACCEPTANCE_POLICY&id=QY-L001").body())
                    .contains("OWNER", "LEGAL");
        } finally {
            var now = admin().get(POLICIES + "/QY-L001");
            admin().put(POLICIES + "/QY-L001", "{\"acceptedBy\": \"OWNER\"}", now.header("ETag"));
        }
    }

    @Test
    void aBlacklistedCustomerIsABlockerCitingTheInternalControlGuideline() {
        var customer = createOrganization(admin());
        String customerPath = "/api/v1/customers/" + customer.path("id").asString();
        // drafted while the customer was active (no new contract is accepted for a blacklisted one), blacklisted since
        ObjectNode body = ContractSamples.contract("SERVICE", unique("合同"), customer.path("id").asString(),
                ourEntityId());
        var created = createContract(admin(), body);
        var current = admin().get(customerPath);
        var blacklisted = admin().patch(customerPath, "{\"status\": \"BLACKLISTED\"}", current.header("ETag"));
        assertThat(blacklisted.status()).as("%s", blacklisted).isEqualTo(200);
        String contract = "/api/v1/contracts/" + created.path("id").asString();
        var review = admin().post(contract + "/review", "");
        var i003 = finding(review.json(), "QY-I003");
        assertThat(i003.path("severity").asString()).isEqualTo("BLOCKER");
        assertThat(i003.path("citation").path("source").asString()).contains("企业内部控制应用指引第16号");
        assertThat(i003.path("citation").path("article").asString()).isEqualTo("第五条");
        var submit = admin().request("POST", contract + "/submit").header("If-Match", "\"1\"").send();
        assertProblem(submit, 409);
        assertThat(submit.body()).contains("QY-I003");
    }
}
