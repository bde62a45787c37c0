package io.qiyue.review;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Review over HTTP: run and read, accepting warnings, invalidation on edit, gating of submit, withdraw. */
abstract class ReviewApiContract extends ApiTestSupport {
    static final String VAGUE_PATH = "/terms/rightsAndObligations/provider/1";

    /** A SERVICE contract whose second provider obligation has a vague time word (QY-L001, WARNING). */
    private JsonNode contractWithVagueWord(String extra) {
        String customerId = createOrganization(admin()).path("id").asString();
        ObjectNode body = ContractSamples.contract("SERVICE", unique("合同"), customerId, ourEntityId());
        var provider = (tools.jackson.databind.node.ArrayNode) body.path("terms").path("rightsAndObligations")
                .path("provider");
        provider.add("乙方应及时响应甲方的服务请求。");
        if (extra != null) {
            provider.add(extra);
        }
        return createContract(admin(), body);
    }

    private static String path(JsonNode contract) {
        return "/api/v1/contracts/" + contract.path("id").asString();
    }

    private HttpResponse accept(String contractPath, String ruleId, String findingPath, String reason) {
        var body = JSON.createObjectNode();
        body.put("path", findingPath);
        if (reason != null) {
            body.put("reason", reason);
        }
        return admin().post(contractPath + "/review/findings/" + ruleId + "/accept", body.toString());
    }

    private HttpResponse submit(String contractPath, String etag, String reason) {
        var request = admin().request("POST", contractPath + "/submit");
        if (etag != null) {
            request.header("If-Match", etag);
        }
        if (reason != null) {
            request.json("{\"reason\": \"" + reason + "\"}");
        }
        return request.send();
    }

    private static List<JsonNode> findings(JsonNode review, String ruleId) {
        var out = new ArrayList<JsonNode>();
        review.path("findings").forEach(f -> {
            if (f.path("ruleId").asString().equals(ruleId)) {
                out.add(f);
            }
        });
        return out;
    }

    private java.util.List<String> listed(String filter, String title) {
        var page = admin().get("/api/v1/contracts?size=100&review=" + filter + "&q="
                + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        var states = new ArrayList<String>();
        page.json().path("items").forEach(item -> states.add(item.path("reviewState").asString()));
        return states;
    }

    @Test
    void theListSaysAndFiltersWhereEachContractStandsWithTheReview() {
        var contract = contractWithVagueWord(null);
        String p = path(contract);
        String title = contract.path("title").asString();
        // saved, hence reviewed: a warning nobody accepted
        assertThat(listed("WARNINGS", title)).containsExactly("WARNINGS");
        assertThat(listed("OPEN", title)).containsExactly("WARNINGS");
        assertThat(listed("CLEAN", title)).isEmpty();

        assertThat(accept(p, "QY-L001", VAGUE_PATH, "客户坚持此措辞").status()).isEqualTo(200);
        assertThat(listed("CLEAN", title)).containsExactly("CLEAN");
        assertThat(listed("OPEN", title)).isEmpty();

        // a review of an earlier version, or none at all, needs a look again
        jdbc.sql("UPDATE contract_review SET contract_version = 0 WHERE contract_id = ?")
                .param(contract.path("id").asString()).update();
        assertThat(listed("OUTDATED", title)).containsExactly("OUTDATED");
        jdbc.sql("DELETE FROM contract_review WHERE contract_id = ?").param(contract.path("id").asString()).update();
        assertThat(listed("OPEN", title)).containsExactly("NONE");
        assertProblem(admin().get("/api/v1/contracts?review=NOPE"), 400, "review");
    }

    @Test
    void reviewRunsStoresAndReadsBackWithSpans() {
        var contract = contractWithVagueWord(null);
        String p = path(contract);
        // every save is reviewed: the stored review is the new contract's
        var saved = admin().get(p + "/review");
        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        assertThat(saved.json().path("contractVersion").asInt()).isEqualTo(1);
        assertThat(findings(saved.json(), "QY-L001")).hasSize(1);

        var run = admin().post(p + "/review", "");
        assertThat(run.status()).as("%s", run).isEqualTo(200);
        var vague = findings(run.json(), "QY-L001");
        assertThat(vague).hasSize(1);
        assertThat(vague.getFirst().path("severity").asString()).isEqualTo("WARNING");
        assertThat(vague.getFirst().path("path").asString()).isEqualTo(VAGUE_PATH);
        assertThat(vague.getFirst().path("span").path("start").asInt()).isEqualTo(3);
        assertThat(vague.getFirst().path("span").path("end").asInt()).isEqualTo(5);
        assertThat(vague.getFirst().path("citation").path("source").asString()).isEqualTo("民法典");
        assertThat(run.json().path("contractVersion").asInt()).isEqualTo(1);

        var last = admin().get(p + "/review");
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.json().path("findings")).isEqualTo(run.json().path("findings"));
    }

    /**
     * An approved clause of the library is printed in every document of its category: the review reads it as the
     * contract's words (an outside tester's void exemption clause from the library passed a clean review), points
     * at it under /libraryClauses, and offers no fix there (the library is edited by its administrator).
     */
    @Test
    void theLibraryClausesADocumentPrintsAreReviewedWithIt() {
        String customerId = createOrganization(admin()).path("id").asString();
        var contract = createContract(admin(), ContractSamples.contract("SERVICE", unique("合同"), customerId,
                ourEntityId()));
        String p = path(contract);
        assertThat(findings(admin().post(p + "/review", "").json(), "QY-V004")).isEmpty();

        String title = unique("人身伤害免责");
        var clause = admin().post("/api/v1/clauses", "{\"category\": \"SERVICE\", \"title\": \"" + title
                + "\", \"text\": \"乙方对服务过程中造成的人身伤害不承担任何责任。\", \"approved\": true,"
                + " \"conspicuous\": false}");
        assertThat(clause.status()).as("%s", clause).isEqualTo(201);
        String clausePath = "/api/v1/clauses/" + clause.json().path("id").asString();
        try {
            var run = admin().post(p + "/review", "");
            assertThat(run.status()).as("%s", run).isEqualTo(200);
            var exemption = findings(run.json(), "QY-V004");
            assertThat(exemption).as("%s", run.json()).hasSize(1);
            assertThat(exemption.getFirst().path("severity").asString()).isEqualTo("BLOCKER");
            assertThat(exemption.getFirst().path("path").asString()).startsWith("/libraryClauses/");
            assertThat(exemption.getFirst().path("fixable").asBoolean()).isFalse();
            // the submission is held back like any blocker's
            var current = admin().get(p);
            assertThat(submit(p, current.header("ETag"), null).status()).isEqualTo(409);
        } finally {
            // every SERVICE contract of this database prints an approved SERVICE clause: take it out again
            var withdrawn = admin().request("PUT", clausePath).header("If-Match", "\"1\"")
                    .json("{\"category\": \"SERVICE\", \"title\": \"" + title + "\", \"text\": \"乙方对服务过程中造成的人身伤害不承担任何责任。\","
                            + " \"approved\": false, \"conspicuous\": false}").send();
            assertThat(withdrawn.status()).as("%s", withdrawn).isEqualTo(200);
        }
        assertThat(findings(admin().post(p + "/review", "").json(), "QY-V004")).isEmpty();
    }

    @Test
    void acceptingNeedsAReasonAndAWarning() {
        var contract = contractWithVagueWord("本合同项下乙方对任何损失概不负责。");
        String p = path(contract);

        assertProblem(accept(p, "QY-L001", VAGUE_PATH, null), 400, "reason");
        assertProblem(admin().post(p + "/review/findings/QY-L001/accept",
                "{\"path\": \"" + VAGUE_PATH + "\", \"start\": 99999999999, \"reason\": \"理由\"}"), 400, "start");
        assertProblem(accept(p, "QY-L001", VAGUE_PATH, "  "), 400, "reason");
        assertProblem(accept(p, "QY-L001", VAGUE_PATH, "长".repeat(1001)), 400, "reason");
        assertProblem(accept(p, "QY-L001", "/terms/breach/description", "理由"), 404);
        var blocker = accept(p, "QY-V004", "/terms/rightsAndObligations/provider/2", "理由");
        assertProblem(blocker, 409);
        assertThat(blocker.json().path("detail").asString()).contains("QY-V004 是“阻断”").doesNotContain("BLOCKER");
        assertThat(accept(p, "QY-L001", "/terms/breach/description", "理由").json().path("detail").asString())
                .contains("找不到审查问题").doesNotContain("finding");

        var accepted = accept(p, "QY-L001", VAGUE_PATH, "响应时限见服务级别附件");
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        var finding = findings(accepted.json(), "QY-L001").getFirst();
        assertThat(finding.path("accepted").path("reason").asString()).isEqualTo("响应时限见服务级别附件");
        assertThat(finding.path("accepted").path("by").asString()).isEqualTo("admin");
        assertThat(finding.path("accepted").path("at").asString()).isNotBlank();
        assertThat(admin().get(p + "/review").json().path("findings").toString()).contains("响应时限见服务级别附件");

        var audit = admin().get("/api/v1/audit?entity=CONTRACT_REVIEW&id=" + contract.path("id").asString());
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body()).contains("accepted QY-L001 " + VAGUE_PATH, "响应时限见服务级别附件");
    }

    @Test
    void submitIsGatedByBlockingFindingsAndSucceedsOnceTheyAreFixedOrAccepted() {
        var contract = contractWithVagueWord("本合同项下乙方对任何损失概不负责。");
        String p = path(contract);
        assertProblem(submit(p, null, null), 428);
        assertProblem(submit(p, "\"7\"", null), 412);

        var refused = submit(p, "\"1\"", null);
        assertProblem(refused, 409);
        var blocking = refused.json().path("findings");
        var rules = new ArrayList<String>();
        blocking.forEach(f -> rules.add(f.path("ruleId").asString() + " " + f.path("severity").asString() + " "
                + f.path("path").asString()));
        assertThat(rules).contains("QY-L001 WARNING " + VAGUE_PATH,
                "QY-V004 BLOCKER /terms/rightsAndObligations/provider/2");
        assertThat(admin().get(p).json().path("status").asString()).isEqualTo("DRAFT");

        // fix the blocker (drop the exemption clause), accept every remaining warning
        var provider = JSON.createArrayNode().add("按约定提供服务").add("乙方应及时响应甲方的服务请求。");
        var patch = JSON.createObjectNode();
        patch.putObject("terms").putObject("rightsAndObligations").set("provider", provider);
        var fixed = admin().patch(p, patch.toString(), "\"1\"");
        assertThat(fixed.status()).as("%s", fixed).isEqualTo(200);
        var review = admin().post(p + "/review", "").json();
        for (JsonNode f : review.path("findings")) {
            assertThat(f.path("severity").asString()).as("%s", f).isNotEqualTo("BLOCKER");
            if (f.path("severity").asString().equals("WARNING")) {
                assertThat(accept(p, f.path("ruleId").asString(), f.path("path").asString(), "已与客户确认").status())
                        .isEqualTo(200);
            }
        }

        var submitted = submit(p, "\"2\"", "提交法务审批");
        assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);
        assertThat(submitted.json().path("status").asString()).isEqualTo("IN_APPROVAL");
        assertThat(submitted.header("ETag")).isEqualTo("\"3\"");
        assertThat(admin().get(p + "/review").json().path("contractVersion").asInt())
                .as("the gate's review describes the submitted version").isEqualTo(3);
        assertProblem(admin().patch(p, "{\"title\": \"审批中修改\"}", "\"3\""), 409);
        assertProblem(submit(p, "\"3\"", null), 409);

        var withdrawn = admin().request("POST", p + "/withdraw").header("If-Match", "\"3\"")
                .json("{\"reason\": \"客户要求修改付款条件\"}").send();
        assertThat(withdrawn.status()).as("%s", withdrawn).isEqualTo(200);
        assertThat(withdrawn.json().path("status").asString()).isEqualTo("DRAFT");
        assertThat(withdrawn.header("ETag")).isEqualTo("\"4\"");
        assertProblem(admin().request("POST", p + "/withdraw").header("If-Match", "\"4\"").send(), 409);

        var audit = admin().get("/api/v1/audit?entity=CONTRACT&id=" + contract.path("id").asString()).body();
        assertThat(audit).contains("IN_APPROVAL", "提交法务审批", "客户要求修改付款条件");
    }

    @Test
    void concurrentFirstReviewsOfAContractAllSucceed() throws Exception {
        String p = path(contractWithVagueWord(null));
        int threads = 8;
        var start = new java.util.concurrent.CountDownLatch(1);
        var statuses = new ArrayList<Integer>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            var futures = new ArrayList<java.util.concurrent.Future<HttpResponse>>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return admin().post(p + "/review", "");
                }));
            }
            start.countDown();
            for (var future : futures) {
                var response = future.get();
                assertThat(response.status()).as("%s", response).isEqualTo(200);
                statuses.add(response.status());
            }
        }
        assertThat(statuses).hasSize(threads);
        assertThat(admin().get(p + "/review").status()).isEqualTo(200);
    }

    @Test
    void twoFindingsInOneClauseAreAcceptedOneByOne() {
        var contract = contractWithVagueWord(null);
        String p = path(contract);
        var provider = JSON.createArrayNode().add("按约定提供服务").add("乙方应及时响应并尽快处理甲方的服务请求。");
        var patch = JSON.createObjectNode();
        patch.putObject("terms").putObject("rightsAndObligations").set("provider", provider);
        assertThat(admin().patch(p, patch.toString(), "\"1\"").status()).isEqualTo(200);
        var vague = findings(admin().post(p + "/review", "").json(), "QY-L001");
        assertThat(vague).extracting(f -> f.path("span").path("start").asInt()).containsExactly(3, 8);

        var body = JSON.createObjectNode();
        body.put("path", VAGUE_PATH);
        body.put("start", 8);
        body.put("reason", "处理时限见服务级别附件");
        var accepted = admin().post(p + "/review/findings/QY-L001/accept", body.toString());
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        vague = findings(accepted.json(), "QY-L001");
        assertThat(vague.get(0).path("accepted").isMissingNode() || vague.get(0).path("accepted").isNull()).isTrue();
        assertThat(vague.get(1).path("accepted").path("reason").asString()).isEqualTo("处理时限见服务级别附件");
        var refused = submit(p, "\"2\"", null);
        assertProblem(refused, 409);
        assertThat(refused.body()).contains("QY-L001");

        body.put("start", 5);
        assertProblem(admin().post(p + "/review/findings/QY-L001/accept", body.toString()), 404);
        var audit = admin().get("/api/v1/audit?entity=CONTRACT_REVIEW&id=" + contract.path("id").asString()).body();
        assertThat(audit).contains("accepted QY-L001 " + VAGUE_PATH + " @8");
    }

    @Test
    void editingTheAcceptedValueInvalidatesTheAcceptanceButOtherEditsDoNot() {
        var contract = contractWithVagueWord(null);
        String p = path(contract);
        admin().post(p + "/review", "");
        assertThat(accept(p, "QY-L001", VAGUE_PATH, "响应时限见附件").status()).isEqualTo(200);

        assertThat(admin().patch(p, "{\"title\": \"只改标题\"}", "\"1\"").status()).isEqualTo(200);
        var review = admin().post(p + "/review", "").json();
        assertThat(findings(review, "QY-L001").getFirst().path("accepted").path("reason").asString())
                .isEqualTo("响应时限见附件");

        var provider = JSON.createArrayNode().add("按约定提供服务").add("乙方应及时答复甲方的服务请求。");
        var patch = JSON.createObjectNode();
        patch.putObject("terms").putObject("rightsAndObligations").set("provider", provider);
        assertThat(admin().patch(p, patch.toString(), "\"2\"").status()).isEqualTo(200);
        review = admin().post(p + "/review", "").json();
        var vague = findings(review, "QY-L001").getFirst();
        assertThat(vague.path("accepted").isMissingNode() || vague.path("accepted").isNull()).as("%s", vague).isTrue();
        var refused = submit(p, "\"3\"", null);
        assertProblem(refused, 409);
        assertThat(refused.body()).contains(VAGUE_PATH);
    }

    @Test
    void anAcceptanceCoversTheFindingAsItWasAcceptedNotWhatItSaysAfterAnotherFieldChanged() {
        String p = path(createContract(admin(), "SERVICE"));
        String damages = "/terms/breach/liquidatedDamages";
        assertThat(admin().patch(p, "{\"terms\": {\"breach\": {\"liquidatedDamages\": {\"basis\": \"FIXED\","
                + " \"value\": \"40000\"}}}}", "\"1\"").status()).isEqualTo(200);
        assertThat(accept(p, "QY-V001", damages, "约33%，客户已确认").status()).isEqualTo(200);
        var accepted = findings(admin().post(p + "/review", "").json(), "QY-V001").getFirst();
        assertThat(accepted.path("accepted").path("reason").asString()).isEqualTo("约33%，客户已确认");

        // the price drops: the same fixed sum is now 40% of it, which nobody accepted
        String cheaper = "{\"amount\": {\"value\": \"100000.00\", \"currency\": \"CNY\"}, \"terms\": {\"payment\":"
                + " {\"method\": \"BANK_TRANSFER\", \"schedule\": [{\"dueDate\": \"" + ContractSamples.YEAR + "-01-15\", \"amount\":"
                + " {\"value\": \"100000.00\", \"currency\": \"CNY\"}, \"description\": \"全款\"}]}}}";
        assertThat(admin().patch(p, cheaper, "\"2\"").status()).isEqualTo(200);
        var review = admin().post(p + "/review", "").json();
        var reopened = findings(review, "QY-V001").getFirst();
        assertThat(reopened.path("message").asString()).contains("40");
        assertThat(reopened.path("accepted").isNull()).as("%s", reopened).isTrue();
        assertThat(review.path("blocking").asInt()).isGreaterThanOrEqualTo(1);
        assertProblem(admin().request("POST", p + "/submit").header("If-Match", "\"3\"").json("{}").send(), 409);
    }

    @Test
    void readOnlyUsersReadTheLastReviewButDoNotRunOne() {
        String p = path(contractWithVagueWord(null));
        assertThat(admin().post(p + "/review", "").status()).isEqualTo(200);
        var stored = admin().get(p + "/review").json();
        for (String role : List.of("VIEWER", "FINANCE")) {
            var reader = createUser(role, null).client();
            assertProblem(reader.post(p + "/review", ""), 403);
            assertThat(reader.get(p + "/review").json().path("reviewedAt").asString())
                    .isEqualTo(stored.path("reviewedAt").asString());
        }
        assertThat(admin().get(p + "/review").json().path("reviewedBy").asString()).isEqualTo("admin");
    }

    @Test
    void applyingASuggestionRewritesTheWordsAsANewVersion() {
        var contract = contractWithVagueWord(null);
        String p = path(contract);
        var vague = findings(admin().post(p + "/review", "").json(), "QY-L001").getFirst();
        assertThat(vague.path("fixable").asBoolean()).isTrue();
        String body = "{\"path\": \"" + VAGUE_PATH + "\", \"start\": 3}";
        assertProblem(admin().request("POST", p + "/review/findings/QY-L001/apply").json(body).send(), 428);

        // the preview says what would change and changes nothing
        var preview = admin().get(p + "/review/findings/QY-L001/preview?path=" + VAGUE_PATH + "&start=3");
        assertThat(preview.status()).as("%s", preview).isEqualTo(200);
        assertThat(preview.json().path("before").asString()).isEqualTo("乙方应及时响应甲方的服务请求。");
        assertThat(preview.json().path("after").asString()).isEqualTo("乙方应在收到对方书面通知后3个工作日内响应甲方的服务请求。");
        assertThat(preview.json().path("version").asInt()).isEqualTo(1);
        assertProblem(admin().get(p + "/review/findings/QY-L001/preview?path=" + VAGUE_PATH + "&start=99"), 404);
        assertProblem(admin().get(p + "/review/findings/QY-L001/preview"), 400, "path");
        assertThat(admin().get(p).header("ETag")).isEqualTo("\"1\"");

        var applied = admin().request("POST", p + "/review/findings/QY-L001/apply").header("If-Match", "\"1\"")
                .json(body).send();

        assertThat(applied.status()).as("%s", applied).isEqualTo(200);
        assertThat(applied.header("ETag")).isEqualTo("\"2\"");
        assertThat(applied.json().path("terms").path("rightsAndObligations").path("provider").get(1).asString())
                .isEqualTo("乙方应在收到对方书面通知后3个工作日内响应甲方的服务请求。");
        // the stored review already describes the new version, without the fixed finding
        var stored = admin().get(p + "/review").json();
        assertThat(stored.path("contractVersion").asInt()).isEqualTo(2);
        assertThat(findings(stored, "QY-L001")).isEmpty();
        assertThat(findings(admin().post(p + "/review", "").json(), "QY-L001")).isEmpty();
        assertProblem(admin().request("POST", p + "/review/findings/QY-L001/apply").header("If-Match", "\"2\"")
                .json(body).send(), 404);
    }

    @Test
    void portfolioReReviewRunsInTheBackgroundAndReportsGainedAndLostFindings() throws InterruptedException {
        var contract = contractWithVagueWord(null);
        String p = path(contract);
        admin().post(p + "/review", "");
        String before = jdbc.sql("SELECT findings FROM contract_review WHERE contract_id = ?")
                .param(contract.path("id").asString()).query(String.class).single();
        // drop the vague word; the stored review is made to predate the change, as a review of an earlier ruleset
        // would be (saves are reviewed)
        var provider = JSON.createArrayNode().add("按约定提供服务").add("乙方应在2日内响应甲方的服务请求。");
        var patch = JSON.createObjectNode();
        patch.putObject("terms").putObject("rightsAndObligations").set("provider", provider);
        assertThat(admin().patch(p, patch.toString(), "\"1\"").status()).isEqualTo(200);
        jdbc.sql("UPDATE contract_review SET findings = ?, contract_version = 1 WHERE contract_id = ?")
                .params(before, contract.path("id").asString()).update();
        // a contract saved before saves were reviewed has no review
        String neverReviewed = contractWithVagueWord(null).path("id").asString();
        jdbc.sql("DELETE FROM contract_review WHERE contract_id = ?").param(neverReviewed).update();
        var sales = createUser("SALES", null);
        assertProblem(sales.client().post("/api/v1/reviews/portfolio", ""), 403);

        HttpResponse started = null;
        for (int attempt = 0; attempt < 100; attempt++) { // another test class may be running one
            started = admin().post("/api/v1/reviews/portfolio", "");
            if (started.status() != 409) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String job = started.json().path("jobId").asString();
        assertThat(started.header("Location")).endsWith("/api/v1/reviews/portfolio/" + job);

        JsonNode progress = null;
        for (int attempt = 0; attempt < 300; attempt++) {
            progress = admin().get("/api/v1/reviews/portfolio/" + job).json();
            if (!progress.path("status").asString().equals("RUNNING")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(progress.path("status").asString()).as("%s", progress).isEqualTo("DONE");
        assertThat(progress.path("done").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(progress.path("done").asInt()).isEqualTo(progress.path("total").asInt());
        assertThat(progress.path("settingsRevision").isInt()).as("the run records its settings: %s", progress).isTrue();
        JsonNode mine = null;
        for (JsonNode change : progress.path("changes")) {
            if (change.path("contractId").asString().equals(contract.path("id").asString())) {
                mine = change;
            }
        }
        assertThat(mine).as("%s", progress).isNotNull();
        assertThat(mine.path("lost").toString()).contains("QY-L001", VAGUE_PATH);
        assertThat(mine.path("gained").isEmpty()).isTrue();
        assertThat(admin().get(p + "/review").json().path("contractVersion").asInt()).isEqualTo(2);
        // a contract without an earlier review is counted apart, not reported as changed, and now has a review
        assertThat(progress.path("firstReviews").asInt()).as("%s", progress).isGreaterThanOrEqualTo(1);
        assertThat(progress.path("changes").toString()).doesNotContain(neverReviewed);
        assertThat(admin().get("/api/v1/contracts/" + neverReviewed + "/review").json().path("findings").toString())
                .contains("QY-L001");
        assertProblem(admin().get("/api/v1/reviews/portfolio/nope"), 404);
    }

    @org.springframework.beans.factory.annotation.Autowired
    PortfolioStore portfolioStore;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void thePortfolioLockIsHeldByOneJobAtATimeAndExpires() {
        var now = java.time.Instant.now();
        var ttl = java.time.Duration.ofMinutes(5);
        try {
            assertThat(portfolioStore.lock("job-a", now, ttl)).isTrue();
            assertThat(portfolioStore.lock("job-b", now, ttl)).isFalse();
            assertThat(portfolioStore.holder(now)).contains("job-a");
            assertThat(portfolioStore.lock("job-b", now.plus(java.time.Duration.ofMinutes(6)), ttl)).isTrue();
            assertThat(portfolioStore.extend("job-a", now, ttl)).isFalse();
            portfolioStore.unlock("job-b", now);
            assertThat(portfolioStore.lock("job-c", now, ttl)).isTrue();
        } finally {
            portfolioStore.unlock("job-a", now);
            portfolioStore.unlock("job-b", now);
            portfolioStore.unlock("job-c", now);
        }
    }
}
