package io.qiyue.negotiation;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner's negotiation panel refusing what it cannot do, beside the form and with the page's status: a
 * link valid for no days, a stale acceptance, a clause decided twice; the panel shows the link made once.
 */
@UsingDatabase(TestDatabase.H2)
class NegotiationPagesH2IT extends ApiTestSupport {

    @Test
    void thePanelShowsRefusalsBesideItsForms() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        var browser = new Browser(port).login(sales.username(), USER_PASSWORD);
        String panel = "/contracts/" + id + "/negotiation";

        var refused = browser.submit("/contracts/" + id + "/share-links", panel, "expiresInDays", "0");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("is-invalid", "有效天数须在 1 到 90 天之间");
        var notANumber = browser.submit("/contracts/" + id + "/share-links", panel, "expiresInDays", "十四");
        assertThat(notANumber.statusCode()).isEqualTo(400);

        var made = browser.submit("/contracts/" + id + "/share-links", panel, "expiresInDays", "7");
        assertThat(made.statusCode()).isEqualTo(200);
        var url = Pattern.compile("/p/([A-Za-z0-9_-]{43})\"")
                .matcher(made.body());
        assertThat(url.find()).as("the new link on the panel: %s", made.body()).isTrue();
        assertThat(browser.get(panel).body()).as("shown once").doesNotContain(url.group(1));

        var proposed = anonymous().request("POST", "/p/" + url.group(1) + "/proposals")
                .body("application/x-www-form-urlencoded", "clauseKey=%2Fterms%2Fbreach%2Fdescription&text="
                        + Browser.enc("违约金按每日万分之五计算")).send();
        assertThat(proposed.status()).isEqualTo(302);
        String proposal = sales.client().get("/api/v1/contracts/" + id + "/negotiation").json().path("proposals")
                .get(0).path("id").asString();
        String decide = "/contracts/" + id + "/proposals/" + proposal + "/decide";
        // the customer's proposal is a version of its own, made by the customer in words, not by the link's id
        var versions = sales.client().get("/api/v1/contracts/" + id + "/versions").json().path("items");
        assertThat(versions.toString()).contains("\"createdByName\":\"客户（经协商链接）\"")
                .doesNotContain("\"createdByName\":\"share-link:");

        var stale = browser.submit(decide, panel, "clauseKey", "/terms/breach/description", "decision", "ACCEPT",
                "version", "7");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).contains("decide-errors");
        var accepted = browser.htmxSubmit(decide, panel, "clauseKey", "/terms/breach/description", "decision",
                "ACCEPT", "version", "1");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("已接受", "已保存为版本 2");
        // a new version: the whole contract page is reloaded, not the panel alone (outside tester)
        assertThat(accepted.headers().firstValue("HX-Refresh")).contains("true");
        var twice = browser.submit(decide, panel, "clauseKey", "/terms/breach/description", "decision", "REJECT");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("该条款已处理");
    }

    @Test
    void aClauseChangedSinceTheProposalIsMarkedAndNotAccepted() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        var link = sales.client().post("/api/v1/contracts/" + id + "/share-links", "{}").json().path("url").asString();
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(anonymous().request("POST", "/p/" + token + "/proposals")
                .body("application/x-www-form-urlencoded", "clauseKey=%2Fterms%2Fbreach%2Fdescription&text="
                        + Browser.enc("违约金按每日万分之五计算")).send().status()).isEqualTo(302);
        var edited = sales.client().patch("/api/v1/contracts/" + id,
                "{\"terms\": {\"breach\": {\"description\": \"违约金为合同总额的20%\"}}}", "\"1\"");
        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        String proposal = sales.client().get("/api/v1/contracts/" + id + "/negotiation").json().path("proposals")
                .get(0).path("id").asString();

        var browser = new Browser(port).login(sales.username(), USER_PASSWORD);
        String panel = "/contracts/" + id + "/negotiation";
        var shown = browser.get(panel);
        assertThat(shown.body()).contains("clause-stale", "已变更", "clause-reject").doesNotContain("clause-accept");
        var accepted = browser.submit("/contracts/" + id + "/proposals/" + proposal + "/decide", panel,
                "clauseKey", "/terms/breach/description", "decision", "ACCEPT", "version", "2");
        assertThat(accepted.statusCode()).isEqualTo(409);
        assertThat(accepted.body()).contains("decide-errors", "重新对比");
        assertThat(sales.client().get("/api/v1/contracts/" + id).json().path("terms").path("breach")
                .path("description").asString()).isEqualTo("违约金为合同总额的20%");
    }

    @Test
    void anAnswerWithAnUnusableCharacterIsRefusedBesideTheFieldAndKept() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        var link = sales.client().post("/api/v1/contracts/" + id + "/share-links", "{}").json().path("url").asString();
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(anonymous().request("POST", "/p/" + token + "/comments")
                .body("application/x-www-form-urlencoded", "body=" + Browser.enc("违约金过高")).send().status())
                .isEqualTo(302);
        String comment = sales.client().get("/api/v1/contracts/" + id + "/negotiation").json().path("comments")
                .get(0).path("comment").path("id").asString();

        var browser = new Browser(port).login(sales.username(), USER_PASSWORD);
        String panel = "/contracts/" + id + "/negotiation";
        var refused = browser.submit("/contracts/" + id + "/comments/" + comment + "/reply", panel,
                "body", "已调整\u0002为5%");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("negotiation-panel", "is-invalid", "U+0002", "value=\"已调整为5%\"");
        assertThat(sales.client().get("/api/v1/contracts/" + id + "/negotiation").json().path("comments").get(0)
                .path("replies").size()).isZero();
    }

    @Test
    void theAuditPageNamesWhatNegotiationRecords() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        assertThat(sales.client().post("/api/v1/contracts/" + id + "/share-links", "{}").status()).isEqualTo(201);
        var admin = new Browser(port).login("admin", ADMIN_PASSWORD);
        for (String type : new String[] {"SHARE_LINK", "NEGOTIATION_PROPOSAL", "NEGOTIATION_COMMENT"}) {
            var page = admin.get("/admin/audit?entity=" + type);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).doesNotContain("??audit.type");
        }
        assertThat(admin.get("/admin/audit?entity=SHARE_LINK").body()).contains("分享链接");
    }
}
