package io.qiyue.review;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestIdentifiers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of a chosen version over HTTP ({@code ?version=n}): counterparty paper uploaded as DOCX is reviewed
 * on its extracted text with spans that point at the exact words of {@code /versions/{n}/text}, stored per
 * document beside the contract's own last review, and never blocks the submission; earlier saved versions
 * are reviewed as they were saved without being stored, unknown ones and other contracts' are 404, a bad number is a 400 naming {@code version}.
 */
abstract class DocumentReviewApiContract extends ApiTestSupport {
    static final int E1 = CounterpartyPaper.E1;

    /** A customer with a unique all-Chinese name ({@link CounterpartyPaper#uniqueName}). */
    record Customer(String id, String name) {
        String misspelt() {
            return CounterpartyPaper.misspelt(name);
        }
    }

    Customer customer() {
        String name = CounterpartyPaper.uniqueName();
        var created = admin().post("/api/v1/customers", organizationBody(name, TestIdentifiers.creditCode()).toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return new Customer(created.json().path("id").asString(), name);
    }

    static List<String> paper(Customer customer) {
        return CounterpartyPaper.paragraphs(customer.name());
    }

    /** A SERVICE contract of a new customer with the counterparty's paper uploaded as E1. */
    record Negotiation(String path, Customer customer, JsonNode upload) {
    }

    Negotiation negotiation() throws IOException {
        var customer = customer();
        var contract = createContract(admin(), ContractSamples.contract("SERVICE", unique("对方文本审查"), customer.id(),
                ourEntityId()));
        String path = "/api/v1/contracts/" + contract.path("id").asString();
        var uploaded = CounterpartyPaper.upload(admin(), path, "对方合同.docx",
                CounterpartyPaper.docx(paper(customer)));
        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        assertThat(uploaded.json().path("version").asInt()).isEqualTo(E1);
        return new Negotiation(path, customer, uploaded.json());
    }

    /** "path [start,end)" of each finding of the rule (without a span: just the path). */
    static List<String> findingsOf(JsonNode review, String ruleId) {
        var out = new ArrayList<String>();
        for (JsonNode f : review.path("findings")) {
            if (f.path("ruleId").asString().equals(ruleId)) {
                JsonNode span = f.path("span");
                out.add(f.path("path").asString() + (span.isObject()
                        ? " [" + span.path("start").asInt() + "," + span.path("end").asInt() + ")" : ""));
            }
        }
        return out;
    }

    /** "ruleId severity path [start,end) words", the words cut from the document's text by path and span. */
    static List<String> located(JsonNode review, String text) {
        var lines = text.split("\n", -1);
        var out = new ArrayList<String>();
        for (JsonNode f : review.path("findings")) {
            String path = f.path("path").asString();
            JsonNode span = f.path("span");
            assertThat(span.path("clauseId").asString()).as("%s", f).isEqualTo(path);
            assertThat(path).startsWith("/versions/" + E1 + "/paragraphs/");
            String line = lines[Integer.parseInt(path.substring(path.lastIndexOf('/') + 1))];
            int start = span.path("start").asInt();
            int end = span.path("end").asInt();
            out.add(f.path("ruleId").asString() + " " + f.path("severity").asString() + " " + path + " [" + start + ","
                    + end + ") " + line.substring(start, end));
        }
        return out;
    }

    @Test
    void theOriginalFileIsKeptForDownloadAndThePaperDeletedWithItsReviewWhileTheContractIsADraft() throws IOException {
        var customer = customer();
        var contract = createContract(admin(), ContractSamples.contract("SERVICE", unique("原件"), customer.id(),
                ourEntityId()));
        String path = "/api/v1/contracts/" + contract.path("id").asString();
        byte[] file = CounterpartyPaper.docx(paper(customer));
        assertThat(CounterpartyPaper.upload(admin(), path, "对方合同.docx", file).status()).isEqualTo(201);
        assertThat(CounterpartyPaper.upload(admin(), path, "对方合同二稿.docx", file).status()).isEqualTo(201);

        var original = admin().request("GET", path + "/versions/" + E1 + "/original").sendForBytes();
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.headers().firstValue("Content-Type").orElse("")).startsWith(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(original.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment", "filename*=UTF-8''");
        assertThat(original.body()).isEqualTo(file);
        var saved = admin().get(path + "/versions/1/original");
        assertProblem(saved, 404);
        // version 1 exists: it has no file as sent, which is what the answer says (not "找不到版本")
        assertThat(saved.json().path("detail").asString()).contains("版本 1 没有上传的原文件").doesNotContain("找不到");
        assertProblem(admin().get(path + "/versions/" + (E1 + 5) + "/original"), 404);

        // others may not delete it; the saved versions are no papers
        var sales = createUser("SALES", null);
        assertProblem(sales.client().delete(path + "/versions/" + E1, null), 404);
        assertProblem(admin().delete(path + "/versions/1", null), 404);

        assertThat(admin().delete(path + "/versions/" + E1, null).status()).isEqualTo(204);
        assertProblem(admin().get(path + "/versions/" + E1 + "/original"), 404);
        assertProblem(admin().get(path + "/review?version=" + E1), 404);
        assertProblem(admin().delete(path + "/versions/" + E1, null), 404);
        // the second paper keeps its number and its review
        assertThat(admin().get(path + "/review?version=" + (E1 + 1)).status()).isEqualTo(200);
        var documents = admin().get(path + "/documents").json().path("items");
        assertThat(documents.toString()).doesNotContain("\"version\":" + E1 + ",").contains(String.valueOf(E1 + 1));

        // once submitted, the papers stay with the record
        acceptWarnings(admin(), contract.path("id").asString());
        var submitted = admin().request("POST", path + "/submit").header("If-Match", admin().get(path).header("ETag"))
                .json("{}").send();
        assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);
        assertProblem(admin().delete(path + "/versions/" + (E1 + 1), null), 409);
        assertThat(admin().get(path + "/versions/" + (E1 + 1) + "/original").status()).isEqualTo(200);
    }

    @Test
    void counterpartyPaperIsReviewedOnItsTextWithSpansOnTheExactWords() throws IOException {
        var n = negotiation();
        String p = n.path();
        String text = admin().get(p + "/versions/" + E1 + "/text").body();
        assertThat(text.split("\n")).containsExactlyElementsOf(paper(n.customer()));
        // reviewed with the upload, in one step
        var reviewedOnUpload = admin().get(p + "/review?version=" + E1);
        assertThat(reviewedOnUpload.status()).as("%s", reviewedOnUpload).isEqualTo(200);
        assertThat(reviewedOnUpload.json().path("reviewedBy").asString()).isEqualTo("admin");

        var run = admin().post(p + "/review?version=" + E1, "");

        assertThat(run.status()).as("%s", run).isEqualTo(200);
        var review = run.json();
        String e1 = "/versions/" + E1 + "/paragraphs/";
        assertThat(located(review, text)).containsExactly(
                "QY-L001 WARNING " + e1 + "5 [5,7) 及时",
                "QY-L001 WARNING " + e1 + "5 [19,23) 合理期限",
                "QY-L003 BLOCKER " + e1 + "4 [16,35) 壹拾贰万元整（¥100,000.00）",
                "QY-L004 BLOCKER " + e1 + "3 [11,20) " + CounterpartyPaper.YEAR + "年2月1日",
                "QY-L005 WARNING " + e1 + "1 [3,17) " + n.customer().misspelt(),
                "QY-V003 WARNING " + e1 + "6 [14,26) 没收定金并同时适用违约金",
                "QY-V004 BLOCKER " + e1 + "7 [6,21) 免除乙方在服务中造成的人身伤害",
                "QY-V007 BLOCKER " + e1 + "8 [13,36) 仲裁委员会申请仲裁或者向甲方所在地人民法院起诉");
        assertThat(review.path("contractId").asString()).isEqualTo(p.substring(p.lastIndexOf('/') + 1));
        assertThat(review.path("version").asInt()).isEqualTo(E1);
        assertThat(review.path("label").asString()).isEqualTo("E1");
        assertThat(review.path("fileName").asString()).isEqualTo("对方合同.docx");
        assertThat(review.path("sha256").asString()).isEqualTo(n.upload().path("sha256").asString());
        assertThat(review.path("contractVersion").asInt()).isEqualTo(1);
        assertThat(review.path("blockers").asInt()).isEqualTo(4);
        assertThat(review.path("warnings").asInt()).isEqualTo(4);
        assertThat(review.path("infos").asInt()).isZero();
        assertThat(review.path("blocking").asInt()).as("advice only").isZero();
        assertThat(review.path("reviewedBy").asString()).isEqualTo("admin");
        for (JsonNode f : review.path("findings")) {
            assertThat(f.path("fixable").asBoolean()).as("%s", f).isFalse();
        }
        JsonNode exemption = review.path("findings").get(6);
        assertThat(exemption.path("message").asString()).contains("免除乙方在服务中造成的人身伤害");
        assertThat(exemption.path("citation").path("source").asString()).isEqualTo("民法典");
        assertThat(exemption.path("citation").path("article").asString()).isEqualTo("第506条");
        JsonNode name = review.path("findings").get(4);
        assertThat(name.path("message").asString()).contains(n.customer().misspelt(), n.customer().name());

        // read back, in any language; the contract's own last review is neither created nor replaced
        var stored = admin().get(p + "/review?version=" + E1);
        assertThat(stored.status()).as("%s", stored).isEqualTo(200);
        assertThat(stored.json().path("findings")).isEqualTo(review.path("findings"));
        var english = admin().withHeader("Accept-Language", "en").get(p + "/review?version=" + E1).json();
        assertThat(english.path("findings").get(6).path("message").asString())
                .startsWith("The exemption “免除乙方在服务中造成的人身伤害”");
        assertThat(english.path("findings").get(6).path("span")).isEqualTo(exemption.path("span"));
        // (the contract's own is the one its save made)
        var saved = admin().get(p + "/review").json();
        assertThat(saved.path("contractVersion").asInt()).isEqualTo(1);
        assertThat(saved.path("findings").toString()).doesNotContain("/versions/");

        var own = admin().post(p + "/review", "").json();
        assertThat(own.path("findings").toString()).doesNotContain("/versions/");
        var again = admin().post(p + "/review?version=" + E1, "").json();
        assertThat(again.path("findings")).isEqualTo(review.path("findings"));
        assertThat(admin().get(p + "/review").json().path("findings")).isEqualTo(own.path("findings"));
    }

    @Test
    void theCurrentVersionIsTheOrdinaryReviewEarlierOnesAreReviewedAsSavedAndUnknownOnesNotFound() throws IOException {
        var n = negotiation();
        String p = n.path();
        String capped = "{\"terms\": {\"breach\": {\"description\": \"乙方的赔偿总额最高不超过合同金额。\"}}}";
        assertThat(admin().patch(p, capped, "\"1\"").status()).isEqualTo(200);

        var current = admin().post(p + "/review?version=2", "");
        assertThat(current.status()).as("%s", current).isEqualTo(200);
        assertThat(current.json().path("contractVersion").asInt()).isEqualTo(2);
        assertThat(admin().get(p + "/review").json().path("findings")).isEqualTo(current.json().path("findings"));
        assertThat(admin().get(p + "/review?version=2").json().path("contractVersion").asInt()).isEqualTo(2);

        assertThat(findingsOf(current.json(), "QY-V005")).containsExactly("/terms/breach/description [3,12)");

        // version 1, as it was saved, had no liability cap; reviewing it answers without replacing the last review
        var earlier = admin().post(p + "/review?version=1", "");
        assertThat(earlier.status()).as("%s", earlier).isEqualTo(200);
        assertThat(earlier.json().path("contractVersion").asInt()).isEqualTo(1);
        assertThat(findingsOf(earlier.json(), "QY-V005")).isEmpty();
        assertThat(earlier.json().path("blocking").asInt()).as("a past version is not submitted").isZero();
        assertThat(earlier.json().path("findings").toString()).doesNotContain("\"fixable\":true");
        assertThat(earlier.json().path("rulesetVersion").asString()).isEqualTo(current.json().path("rulesetVersion").asString());
        assertThat(admin().get(p + "/review").json().path("contractVersion").asInt()).isEqualTo(2);
        assertProblem(admin().get(p + "/review?version=1"), 404);
        for (String version : List.of("3", "0", "-1", String.valueOf(E1 + 1), "999999999")) {
            assertProblem(admin().post(p + "/review?version=" + version, ""), 404);
            assertProblem(admin().get(p + "/review?version=" + version), 404);
        }
        for (String bad : List.of("abc", "E1", "1.5", "99999999999")) {
            assertProblem(admin().post(p + "/review?version=" + bad, ""), 400, "version");
            assertProblem(admin().get(p + "/review?version=" + bad), 400, "version");
        }

        // another contract has no E1 of its own, though this one has
        var other = createContract(admin(), "SERVICE");
        String q = "/api/v1/contracts/" + other.path("id").asString();
        assertProblem(admin().post(q + "/review?version=" + E1, ""), 404);
        assertProblem(admin().get(q + "/review?version=" + E1), 404);

        // outside the data scope nothing is found, whichever version
        var stranger = createUser("SALES", null).client();
        assertProblem(stranger.post(p + "/review?version=" + E1, ""), 404);
        assertProblem(stranger.get(p + "/review?version=" + E1), 404);
        assertProblem(stranger.post(p + "/review?version=2", ""), 404);
        assertProblem(admin().post("/api/v1/contracts/nope/review?version=" + E1, ""), 404);
    }

    @Test
    void theOpenApiDocumentDescribesTheVersionParameterAndBothAnswers() {
        var docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        var post = docs.json().path("paths").path("/api/v1/contracts/{id}/review").path("post");
        assertThat(post.path("parameters").toString()).contains("\"version\"");
        assertThat(post.path("description").asString()).contains("/versions/{n}/paragraphs/{i}", "never blocks");
        assertThat(post.path("responses").path("200").toString()).contains("StoredReview", "DocumentReview");
        // a create is documented with the 201 it answers, and a list with its envelope (outside tester: 200, bare)
        var paths = docs.json().path("paths");
        for (String create : List.of("/api/v1/contracts", "/api/v1/customers", "/api/v1/teams", "/api/v1/api-tokens")) {
            assertThat(paths.path(create).path("post").path("responses").has("201")).as(create).isTrue();
        }
        assertThat(paths.path("/api/v1/contracts/{id}/versions").path("get").path("responses").path("200").toString())
                .contains("PageResult");

        assertThat(docs.json().path("info").path("title").asString()).contains("Qiyue");
        // the spreadsheet export shares the list's path: its link parameter is no parameter of the list
        for (String list : java.util.List.of("/api/v1/contracts", "/api/v1/customers", "/api/v1/audit",
                "/api/v1/obligations")) {
            var parameters = docs.json().path("paths").path(list).path("get").path("parameters");
            assertThat(parameters.isArray()).as(list).isTrue();
            for (var parameter : parameters) {
                assertThat(parameter.path("name").asString()).as(list).isNotEqualTo("format");
                assertThat(parameter.path("required").asBoolean()).as("%s %s", list, parameter).isFalse();
            }
        }
    }

    @Test
    void counterpartyFindingsDoNotBlockTheSubmissionOfOurVersion() throws IOException {
        var n = negotiation();
        String p = n.path();
        var paper = admin().post(p + "/review?version=" + E1, "").json();
        assertThat(paper.path("blockers").asInt()).isEqualTo(4);

        var own = admin().post(p + "/review", "").json();
        for (JsonNode f : own.path("findings")) {
            assertThat(f.path("severity").asString()).as("%s", f).isNotEqualTo("BLOCKER");
            if (f.path("severity").asString().equals("WARNING")) {
                var body = JSON.createObjectNode().put("path", f.path("path").asString()).put("reason", "已确认");
                assertThat(admin().post(p + "/review/findings/" + f.path("ruleId").asString() + "/accept",
                        body.toString()).status()).isEqualTo(200);
            }
        }
        var submitted = admin().request("POST", p + "/submit").header("If-Match", "\"1\"").send();

        assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);
        assertThat(submitted.json().path("status").asString()).isEqualTo("IN_APPROVAL");
        assertThat(admin().get(p + "/review").json().path("findings").toString()).doesNotContain("/versions/");
        var kept = admin().get(p + "/review?version=" + E1).json();
        assertThat(kept.path("findings")).isEqualTo(paper.path("findings"));
        assertThat(kept.path("contractVersion").asInt()).as("checked against the version of its time").isEqualTo(1);
    }
}
