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

        var stale = browser.submit(decide, panel, "clauseKey", "/terms/breach/description", "decision", "ACCEPT",
                "version", "7");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).contains("decide-errors");
        var accepted = browser.submit(decide, panel, "clauseKey", "/terms/breach/description", "decision", "ACCEPT",
                "version", "1");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("已接受", "已保存为版本 2");
        var twice = browser.submit(decide, panel, "clauseKey", "/terms/breach/description", "decision", "REJECT");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("该条款已处理");
    }
}
