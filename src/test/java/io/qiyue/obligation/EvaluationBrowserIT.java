package io.qiyue.obligation;

import com.microsoft.playwright.Browser;
import io.qiyue.testing.ChromiumTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's evaluation page and performance page in headless Chromium at phone width, and the owner's panel
 * and legal's cases page around them: the owner makes a performance link on the contract page; a completed
 * service is confirmed and rated on the e-mailed link; a concern is reported on the performance page; the owner
 * sees the rating, legal resolves the case. Screenshots go to {@code target/screenshots/}.
 */
@UsingDatabase(TestDatabase.H2)
class EvaluationBrowserIT extends ChromiumTestSupport {
    private static final Pattern LINK = Pattern.compile("/c/([A-Za-z0-9_-]{43})");

    @Autowired
    JdbcClient jdbc;

    @Test
    void theCustomerConfirmsRatesAndReportsAConcernOnPhonePagesAndLegalResolvesIt() throws IOException {
        var sales = createUser("SALES", null);
        var customer = createOrganization(sales.client());
        String id = signedContract(sales.client(), ContractSamples.contract("SERVICE", unique("浏览器评价"),
                customer.path("id").asString(), ourEntityId()));
        String number = sales.client().get("/api/v1/contracts/" + id).json().path("number").asString();
        String base = "http://127.0.0.1:" + port;
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);

        // the owner makes a performance link on the contract page (shown once)
        String performanceUrl;
        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(1280, 900))) {
            var page = context.newPage();
            login(page, base, sales.username());
            page.navigate(base + "/contracts/" + id);
            assertThat(page.locator("#evaluation-link-form")).isVisible();
            page.selectOption("#link-purpose", "PERFORMANCE_PAGE");
            page.uncheck("#link-send");
            page.click("#evaluation-link-submit");
            assertThat(page.locator("#evaluation-link-created")).isVisible();
            performanceUrl = page.locator("#evaluation-url").inputValue();
            assertThat(performanceUrl).matches(".*/c/[A-Za-z0-9_-]{43}$");
            assertThat(page.locator(".evaluation-link-row")).hasCount(1);
        }

        // a completed service item: the contact confirms and rates it on the e-mailed link
        JsonNode service = null;
        for (JsonNode o : sales.client().get("/api/v1/contracts/" + id + "/obligations").json().path("items")) {
            if (o.path("kind").asString().equals("SERVICE_DELIVERY")) {
                service = o;
            }
        }
        assertThat(service).isNotNull();
        var done = sales.client().request("POST", "/api/v1/obligations/" + service.path("id").asString() + "/complete")
                .header("If-Match", "\"" + service.path("version").asInt() + "\"").json("{\"note\": \"已巡检\"}").send();
        assertThat(done.status()).as("%s", done).isEqualTo(200);
        String token = mailedToken(number);

        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(375, 740).setIsMobile(true).setHasTouch(true))) {
            var page = context.newPage();
            page.navigate(base + "/c/" + token);
            assertThat(page.locator("#obligation-title")).hasText(service.path("title").asString());
            assertThat(page.locator("#contract-number")).hasText(number);
            page.click("#evaluation-submit");
            assertThat(page.locator("#error-detail")).isVisible();
            assertThat(page.locator("#rating-error")).hasText("请选择 1 到 5 分。");
            page.check("#confirmed-yes");
            page.click("label[for=rating-4]");
            page.fill("#comment", "巡检及时，报告清楚");
            assertThat(fitsTheWidth(page)).as("no sideways scrolling at phone width").isTrue();
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setPath(shots.resolve("customer-evaluation-page.png")).setFullPage(true));
            page.click("#evaluation-submit");
            assertThat(page.locator("#evaluation-thanks")).isVisible();
            assertThat(context.cookies()).as("no session for the customer").isEmpty();
            page.navigate(base + "/c/" + token);
            assertThat(page.locator("#link-not-found")).isVisible();
        }

        // the performance page at phone width: what was promised and kept, past evaluations, a concern
        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(375, 740).setIsMobile(true).setHasTouch(true))) {
            var page = context.newPage();
            // the link's path on this server (the address in front is the configured public one, when a test set it)
            page.navigate(base + java.net.URI.create(performanceUrl).getRawPath());
            assertThat(page.locator("#performance-page h1")).hasText("合同履约情况");
            assertThat(page.locator("#kept-summary")).containsText("已履行 1 项");
            assertThat(page.locator(".owed-item[data-status=DONE]")).hasCount(1);
            assertThat(page.locator(".past-evaluation")).hasCount(1);
            assertThat(page.locator(".past-evaluation")).containsText("4 / 5");
            page.click("#concern summary");
            page.selectOption("#concern-category", "SUSPECTED_DISCLOSURE");
            page.fill("#concern-description", "收到冒充贵司的推销电话，疑似我方联系人信息外泄");
            page.click("#concern-submit");
            assertThat(page.locator("#notice")).isVisible();
            assertThat(page.locator(".customer-case")).hasCount(1);
            assertThat(page.locator(".customer-case")).containsText("疑似泄露");
            assertThat(fitsTheWidth(page)).as("no sideways scrolling at phone width").isTrue();
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setPath(shots.resolve("customer-performance-page.png")).setFullPage(true));
        }

        // the owner sees the rating and the case; legal resolves it on the cases page
        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(1280, 900))) {
            var page = context.newPage();
            login(page, base, sales.username());
            page.navigate(base + "/contracts/" + id);
            assertThat(page.locator("#evaluation-average")).containsText("4.00");
            assertThat(page.locator(".case-row")).hasCount(1);
        }
        var legal = createUser("LEGAL", null);
        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(1280, 900))) {
            var page = context.newPage();
            login(page, base, legal.username());
            page.click("#nav-cases");
            page.navigate(base + "/cases?contractId=" + id);
            var card = page.locator(".case-card");
            assertThat(card).hasCount(1);
            card.locator(".case-status").selectOption("RESOLVED");
            card.locator(".case-save").click();
            assertThat(page.locator("#error-detail")).isVisible();
            page.locator(".case-card .case-status").selectOption("RESOLVED");
            page.locator(".case-card .case-resolution").fill("已核查：推销电话与我方无关，已提醒客户防范");
            page.locator(".case-card .case-save").click();
            assertThat(page.locator("#notice")).isVisible();
            assertThat(page.locator(".case-card .badge")).hasText("已解决");
        }
    }

    private static void login(com.microsoft.playwright.Page page, String base, String username) {
        page.navigate(base + "/login");
        page.fill("#username", username);
        page.fill("#password", USER_PASSWORD);
        page.click("#login-submit");
        page.waitForURL(u -> !u.contains("/login"));
    }

    private static boolean fitsTheWidth(com.microsoft.playwright.Page page) {
        return (Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1");
    }

    private String mailedToken(String number) {
        for (String mail : jdbc.sql("SELECT payload FROM notification_outbox WHERE event_kind = 'EVALUATION_REQUESTED'"
                + " ORDER BY created_at DESC, id").query(String.class).list()) {
            var m = LINK.matcher(mail);
            if (mail.contains(number) && m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no evaluation link e-mailed for " + number);
    }
}
