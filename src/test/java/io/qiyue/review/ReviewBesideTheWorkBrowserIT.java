package io.qiyue.review;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.qiyue.testing.ChromiumTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;

import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review where the work happens, in headless Chromium: beside the contract on a desktop (no scrolling to the
 * bottom of the page), above it on a phone (390 × 844) with nothing wider than the screen; the counterparty's paper
 * uploaded and reviewed in one step; legal's queue. Screenshots go to {@code target/screenshots/}.
 */
@UsingDatabase(TestDatabase.H2)
class ReviewBesideTheWorkBrowserIT extends ChromiumTestSupport {

    @Test
    void theReviewSitsBesideTheContractAndFitsAPhone() throws Exception {
        var sales = createUser("SALES", null);
        String customerName = CounterpartyPaper.uniqueName();
        var created = sales.client().post("/api/v1/customers",
                organizationBody(customerName, io.qiyue.testing.TestIdentifiers.creditCode()).toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        var body = ContractSamples.contract("SERVICE", unique("手机审查"), created.json().path("id").asString(),
                ourEntityId());
        ((ArrayNode) body.path("terms").path("rightsAndObligations").path("provider")).add("乙方应及时响应甲方的服务请求。");
        String id = createContract(sales.client(), body).path("id").asString();
        String path = "/api/v1/contracts/" + id;
        assertThat(CounterpartyPaper.upload(sales.client(), path, "对方合同.docx",
                CounterpartyPaper.docx(CounterpartyPaper.paragraphs(customerName))).status()).isEqualTo(201);
        String base = "http://127.0.0.1:" + port;

        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(1280, 900))) {
            Page page = context.newPage();
            login(page, base, sales.username());
            page.navigate(base + "/contracts/" + id);
            var finding = page.locator(".review-finding[data-rule='QY-L001']");
            assertThat(finding).isVisible();
            var aside = page.locator(".review-aside").boundingBox();
            var main = page.locator(".contract-main").boundingBox();
            assertThat(aside.x).as("the review is beside the contract").isGreaterThan(main.x + main.width - 1);
            assertThat(aside.y).as("and starts where the contract does, in the first screen").isLessThan(900);
            screenshot(page, "contract-review-desktop.png");

            page.setViewportSize(390, 844);
            for (String at : new String[]{"/contracts/" + id, "/contracts/" + id + "/versions/" + CounterpartyPaper.E1
                    + "/review", "/contracts", "/contracts/" + id + "/compare"}) {
                page.navigate(base + at);
                page.waitForLoadState();
                assertThat(finding.or(page.locator("main")).first()).isVisible();
                int overflow = (int) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
                assertThat(overflow).as("nothing wider than the phone on %s", at).isLessThanOrEqualTo(0);
            }
            page.navigate(base + "/contracts/" + id);
            assertThat(finding).isVisible();
            screenshot(page, "contract-review-phone.png");
            page.navigate(base + "/contracts/" + id + "/versions/" + CounterpartyPaper.E1 + "/review");
            assertThat(page.locator("#document-review-meta")).isVisible();
            screenshot(page, "paper-review-phone.png");
        }
    }

    @Test
    void legalFindsTheDraftsWithOpenFindingsInTheirQueue() {
        var sales = createUser("SALES", null);
        var legal = createUser("LEGAL", null);
        String customerId = createOrganization(sales.client()).path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique("法务队列"), customerId, ourEntityId());
        ((ArrayNode) body.path("terms").path("rightsAndObligations").path("provider")).add("乙方应及时响应甲方的服务请求。");
        String id = createContract(sales.client(), body).path("id").asString();
        String base = "http://127.0.0.1:" + port;

        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(1280, 900))) {
            Page page = context.newPage();
            login(page, base, legal.username());
            page.click("#nav-review-queue");
            var row = page.locator("#queue-drafts .queue-contract[data-contract-id='" + id + "']");
            assertThat(row).containsText("有未接受的警告");
            row.locator("a").first().click();
            assertThat(page.locator(".review-finding[data-rule='QY-L001']")).isVisible();

            page.navigate(base + "/contracts?review=WARNINGS");
            assertThat(page.locator("#contract-table tr[data-contract-id='" + id + "'] .review-state"))
                    .hasText("有未接受的警告");
            assertThat(page.locator("#review option[selected]")).hasText("有未接受的警告");
        }
    }

    private static void login(Page page, String base, String username) {
        page.navigate(base + "/login");
        page.fill("#username", username);
        page.fill("#password", USER_PASSWORD);
        page.click("#login-submit");
        page.waitForURL(u -> !u.contains("/login"));
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/" + name)).setFullPage(true));
    }
}
