package io.qiyue.shared.web;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An address nothing answers: a page for a signed-in browser, problem+json under /api/ whatever the client accepts. */
@UsingDatabase(TestDatabase.H2)
class NoSuchPathH2IT extends ApiTestSupport {
    @Test
    void aBrowserGetsAPageAndAClientAProblem() {
        var browser = new Browser(port).login("admin", ADMIN_PASSWORD);
        var page = browser.get("/no-such-page-%3Cb%3Ebold");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<html", "href=\"/\"").contains("no-such-page-%3Cb%3Ebold").doesNotContain("<b>bold");
        assertThat(page.body()).as("the navigation stays, to go on from a mistyped address")
                .contains("id=\"main-nav\"", "id=\"nav-contracts\"", "id=\"nav-users\"", "id=\"header-search\"");

        // ?lang= applies to the page of an address no handler answers too (outside tester: ?lang=zh-CN read English)
        assertThat(browser.get("/no-such-page?lang=en").body()).contains("Page not found");
        assertThat(browser.get("/no-such-page?lang=zh-CN").body()).contains("页面不存在").doesNotContain("Page not found");

        var api = admin().request("GET", "/api/v1/no-such-resource").header("Accept", "text/html").send();
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.contentType()).as("under /api/ always a problem").isEqualTo("application/problem+json");
    }
}
