package io.qiyue.review;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.TestIdentifiers;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review pages of versions in the session UI. An uploaded counterparty document: its text with a pointer
 * per paragraph, the review run with or without htmx, CSRF on the run, the data scope (404 outside), links
 * from the contract's versions and the compare page; the contract's own review stays untouched. An earlier
 * saved version: its findings as saved, with their words, read-only and not stored.
 */
@UsingDatabase(TestDatabase.H2)
class DocumentReviewPagesH2IT extends ApiTestSupport {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final int E1 = CounterpartyPaper.E1;

    final class Session {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form, boolean htmx) throws Exception {
            var request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded");
            if (htmx) {
                request.header("HX-Request", "true");
            }
            return http.send(request.POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String csrf(String page) throws Exception {
            var m = CSRF.matcher(get(page).body());
            assertThat(m.find()).as("CSRF token on " + page).isTrue();
            return m.group(1);
        }

        Session login(String username, String password) throws Exception {
            String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf("/login"));
            var r = post("/login", form, false);
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
            return this;
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void thePaperIsShownLineByLineAndReviewedBesideItWithinTheDataScope() throws Exception {
        var user = createUser("SALES", null);
        String name = CounterpartyPaper.uniqueName();
        var customer = user.client().post("/api/v1/customers", organizationBody(name, TestIdentifiers.creditCode())
                .toString());
        assertThat(customer.status()).as("%s", customer).isEqualTo(201);
        String own = createContract(user.client(), io.qiyue.testing.ContractSamples.contract("SERVICE",
                unique("对方文本页面"), customer.json().path("id").asString(), ourEntityId())).path("id").asString();
        assertThat(CounterpartyPaper.upload(user.client(), "/api/v1/contracts/" + own, "对方合同.docx",
                CounterpartyPaper.docx(CounterpartyPaper.paragraphs(name))).status()).isEqualTo(201);
        String others = createContract(admin(), "SERVICE").path("id").asString();
        String page = "/contracts/" + own + "/versions/" + E1 + "/review";
        var session = new Session().login(user.username(), USER_PASSWORD);

        var shown = session.get(page);
        assertThat(shown.statusCode()).isEqualTo(200);
        // reviewed with the upload
        assertThat(shown.body()).contains("对方文本 E1", "对方合同.docx", "id=\"run-document-review\"",
                        "id=\"document-review-meta\"", "审查结果供谈判参考，不影响我方合同的提交审批")
                .doesNotContain("id=\"document-review-none\"")
                .contains("data-path=\"/versions/" + E1 + "/paragraphs/7\">五、甲方同意免除乙方在服务中造成的人身伤害赔偿责任。</p>");
        assertThat(session.get("/contracts/" + others + "/versions/" + E1 + "/review").statusCode()).isEqualTo(404);
        var currentVersion = session.get("/contracts/" + own + "/versions/1/review");
        assertThat(currentVersion.statusCode()).as("the current version is reviewed on the contract's page").isEqualTo(302);
        assertThat(currentVersion.headers().firstValue("Location").orElse("")).endsWith("/contracts/" + own + "#review");
        assertThat(session.get("/contracts/" + own + "/versions/" + (E1 + 1) + "/review").statusCode()).isEqualTo(404);

        String csrf = session.csrf(page);
        assertThat(session.post(page, "", true).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(session.post("/contracts/" + others + "/versions/" + E1 + "/review", "_csrf=" + enc(csrf), true)
                .statusCode()).isEqualTo(404);

        var fragment = session.post(page, "_csrf=" + enc(csrf), true);
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).startsWith("<div id=\"document-review-panel\"")
                .contains("id=\"document-review-BLOCKER\"", "阻断 (4)", "警告 (4)", "民法典 第506条", "仲裁法解释 第7条")
                .contains("data-path=\"/versions/" + E1 + "/paragraphs/7\" data-start=\"6\" data-end=\"21\"")
                .doesNotContain("review-apply", "review-accept", "<html");

        var plain = session.post(page, "_csrf=" + enc(csrf), false);
        assertThat(plain.statusCode()).isEqualTo(302);
        assertThat(plain.headers().firstValue("Location").orElse("")).endsWith(page);
        assertThat(session.get(page).body()).contains("id=\"document-review-meta\"", "对照合同版本 1", "重新审查")
                .doesNotContain("id=\"document-review-outdated\"");

        // reached from the contract's versions and from the compare page; the contract's own review is untouched
        assertThat(session.get("/contracts/" + own).body()).contains("href=\"" + page + "\"");
        assertThat(session.get("/contracts/" + own + "/compare?to=" + E1).body())
                .contains("id=\"review-paper\"", "href=\"" + page + "\"", "审查对方文本 E1");
        assertThat(session.get("/contracts/" + own + "/compare?from=1&to=1").body()).doesNotContain("id=\"review-paper\"");
        // (the contract's own review is the one its save made: of version 1, not of the paper)
        // (not a bare "E1": the page's random CSRF token may hold those two characters)
        assertThat(session.get("/contracts/" + own + "/review").body()).contains("id=\"review-meta\"")
                .doesNotContain("文本 E1", "/versions/" + E1)
                // opened on its own (the panel's link, no script), it is a page with the navigation
                .contains("id=\"review-page\"", "<nav");

        // once the contract changes, the paper's review says it was checked against an older record
        assertThat(user.client().patch("/api/v1/contracts/" + own, "{\"title\": \"" + unique("新标题") + "\"}", "\"1\"")
                .status()).isEqualTo(200);
        assertThat(session.get(page).body()).contains("id=\"document-review-outdated\"");
    }

    @Test
    void anEarlierSavedVersionIsReviewedAsItWasSavedForReadingOnly() throws Exception {
        var user = createUser("SALES", null);
        var customer = user.client().post("/api/v1/customers", organizationBody(CounterpartyPaper.uniqueName(),
                TestIdentifiers.creditCode()).toString());
        assertThat(customer.status()).as("%s", customer).isEqualTo(201);
        String id = createContract(user.client(), io.qiyue.testing.ContractSamples.contract("SERVICE",
                unique("历史版本审查"), customer.json().path("id").asString(), ourEntityId())).path("id").asString();
        String api = "/api/v1/contracts/" + id;
        var capped = user.client().patch(api,
                "{\"terms\": {\"breach\": {\"description\": \"乙方的赔偿总额最高不超过合同金额。\"}}}", "\"1\"");
        assertThat(capped.status()).as("%s", capped).isEqualTo(200);
        var uncapped = user.client().patch(api,
                "{\"terms\": {\"breach\": {\"description\": \"违约方应赔偿守约方的实际损失。\"}}}", "\"2\"");
        assertThat(uncapped.status()).as("%s", uncapped).isEqualTo(200);
        var session = new Session().login(user.username(), USER_PASSWORD);

        String page = "/contracts/" + id + "/versions/2/review";
        var shown = session.get(page);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("版本 2 审查", "与当前版本 3 比较", "结果不保存", "data-rule=\"QY-V005\"",
                        "<mark class=\"review-words\">赔偿总额最高不超过</mark>", "/terms/breach/description", "民法典 第496条")
                .contains("href=\"/contracts/" + id + "/compare?from=2&amp;to=3\"")
                .doesNotContain("data-review-goto", "review-accept", "review-apply");
        assertThat(session.get("/contracts/" + id + "/versions/1/review").body()).contains("版本 1 审查")
                .doesNotContain("data-rule=\"QY-V005\"");
        for (String n : List.of("0", "4")) {
            assertThat(session.get("/contracts/" + id + "/versions/" + n + "/review").statusCode()).isEqualTo(404);
        }

        // linked from the versions table for earlier versions only; nothing was stored as the contract's review
        assertThat(session.get("/contracts/" + id).body()).contains("href=\"" + page + "\"",
                "href=\"/contracts/" + id + "/versions/1/review\"").doesNotContain("/versions/3/review");
        assertThat(session.get("/contracts/" + id + "/review").body()).contains("id=\"review-meta\"")
                .doesNotContain("id=\"review-none\"");

        // outside the data scope: not found
        var stranger = new Session().login(createUser("SALES", null).username(), USER_PASSWORD);
        assertThat(stranger.get(page).statusCode()).isEqualTo(404);

        // a read-only user reads everything but is offered nothing that changes the contract
        var viewer = new Session().login(createUser("VIEWER", null).username(), USER_PASSWORD);
        assertThat(viewer.get(page).body()).contains("data-rule=\"QY-V005\"");
        assertThat(viewer.get("/contracts/" + id).body()).contains("id=\"version-table\"")
                .doesNotContain("id=\"edit-contract\"", "id=\"lifecycle-form\"", "id=\"upload-form\"");
        assertThat(viewer.get("/contracts/" + id + "/review").body()).contains("id=\"review-panel\"")
                .doesNotContain("id=\"run-review\"", "review-accept", "review-apply");
    }
}
