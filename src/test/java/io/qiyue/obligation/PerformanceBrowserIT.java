package io.qiyue.obligation;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.options.FilePayload;
import io.qiyue.testing.ChromiumTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Performance in headless Chromium, as the owner of a signed maintenance contract sees it: the card on the contract
 * page leads to the 履约 page, a visit is marked done with a report attached, and the dashboard draws its charts,
 * also at phone width. Screenshots go to {@code target/screenshots/}.
 */
@UsingDatabase(TestDatabase.H2)
class PerformanceBrowserIT extends ChromiumTestSupport {

    @Test
    void theOwnerMarksAVisitDoneWithEvidenceAndSeesItOnTheDashboard() {
        var sales = createUser("SALES", null);
        String customerId = createOrganization(sales.client()).path("id").asString();
        var body = ContractSamples.contract("MAINTENANCE", unique("浏览器履约"), customerId, ourEntityId());
        LocalDate start = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1);
        body.put("startDate", start.toString());
        body.put("endDate", start.plusYears(1).minusDays(1).toString());
        String id = signedContract(sales.client(), body);
        String base = "http://127.0.0.1:" + port;

        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(1280, 900))) {
            var page = context.newPage();
            page.onConsoleMessage(m -> System.out.println("browser console: " + m.text()));
            page.navigate(base + "/login");
            page.fill("#username", sales.username());
            page.fill("#password", USER_PASSWORD);
            page.click("#login-submit");
            page.waitForURL(u -> !u.contains("/login"));

            page.navigate(base + "/contracts/" + id);
            page.click("#open-obligations");
            var visit = page.locator("[data-kind=MAINTENANCE_VISIT]").first();
            assertThat(visit.locator(".status-badge")).hasText("待履行");
            visit.locator(".complete-form summary").click();
            visit.locator("textarea[name=note]").fill("已上门完成季度巡检，客户签字确认");
            visit.locator("input[type=file]").first().setInputFiles(new FilePayload("巡检报告.pdf", "application/pdf",
                    "%PDF-1.4 inspection".getBytes(StandardCharsets.US_ASCII)));
            visit.locator(".complete-form button[type=submit]").click();
            assertThat(page.locator("#notice")).hasText("已标记为已履行。");
            var done = page.locator("[data-kind=MAINTENANCE_VISIT]").first();
            assertThat(done.locator(".status-badge")).hasText("已履行");
            assertThat(done.locator(".evidence a")).hasText("巡检报告.pdf");
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setPath(Path.of("target/screenshots/obligations.png")).setFullPage(true));

            page.click("#nav-performance");
            // ECharts is a megabyte of script: on a loaded machine it takes a while to parse
            assertThat(page.locator("#chart-type-status")).hasAttribute("data-rendered", "true",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
            assertThat(page.locator("#chart-obligations canvas")).hasCount(1);
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setPath(Path.of("target/screenshots/performance-dashboard.png")).setFullPage(true));

            page.setViewportSize(390, 844);
            page.reload();
            assertThat(page.locator("#chart-value-month")).hasAttribute("data-rendered", "true",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setPath(Path.of("target/screenshots/performance-dashboard-phone.png")).setFullPage(true));
        }
    }
}
