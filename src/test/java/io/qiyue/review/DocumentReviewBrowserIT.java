package io.qiyue.review;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.qiyue.testing.ChromiumTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.TestIdentifiers;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counterparty paper's review in headless Chromium: from the compare page after an upload to the
 * paper's page, run the review, and "定位" marks exactly the words of a finding in the paper's text (the
 * static script under the strict CSP). Skipped without /usr/bin/chromium (or {@code QIYUE_CHROMIUM}),
 * failing when {@code CI=true}. Leaves a screenshot in target/document-review.png.
 */
@UsingDatabase(TestDatabase.H2)
class DocumentReviewBrowserIT extends ChromiumTestSupport {
    @Test
    void reviewThePaperFromTheComparePageAndLocateTheExactWords() throws Exception {
        String name = CounterpartyPaper.uniqueName();
        var customer = admin().post("/api/v1/customers", organizationBody(name, TestIdentifiers.creditCode()).toString());
        String id = createContract(admin(), ContractSamples.contract("SERVICE", unique("浏览器对方文本"),
                customer.json().path("id").asString(), ourEntityId())).path("id").asString();
        assertThat(CounterpartyPaper.upload(admin(), "/api/v1/contracts/" + id, "对方合同.docx",
                CounterpartyPaper.docx(CounterpartyPaper.paragraphs(name))).status()).isEqualTo(201);
        String base = "http://127.0.0.1:" + port;
        String paragraphs = "/versions/" + CounterpartyPaper.E1 + "/paragraphs/";

        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(1400, 1000))) {
            Page page = context.newPage();
            var errors = new java.util.ArrayList<String>();
            page.onConsoleMessage(m -> {
                if ("error".equals(m.type())) {
                    errors.add(m.text());
                }
            });
            page.navigate(base + "/login");
            page.fill("#username", "admin");
            page.fill("#password", ADMIN_PASSWORD);
            page.click("#login-submit");
            page.waitForURL(url -> !url.contains("/login"));

            page.navigate(base + "/contracts/" + id + "/compare?to=" + CounterpartyPaper.E1);
            page.click("#review-paper");
            assertThat(page).hasURL(Pattern.compile(".*/contracts/" + id + "/versions/" + CounterpartyPaper.E1 + "/review$"));
            // reviewed with the upload already; run again, as one may after the contract changed
            assertThat(page.locator("#document-review-meta")).isVisible();
            assertThat(page.locator(".document-paragraph")).hasCount(9);

            page.click("#run-document-review");
            assertThat(page.locator("#document-review-BLOCKER")).hasText("阻断 (4)");
            assertThat(page.locator("#document-review-WARNING")).hasText("警告 (4)");
            var exemption = page.locator(".review-finding[data-rule='QY-V004']");
            assertThat(exemption).containsText("民法典 第506条");
            exemption.locator("[data-review-goto]").click();
            var mark = page.locator("mark.review-mark");
            assertThat(mark).hasCount(1);
            assertThat(mark).hasText("免除乙方在服务中造成的人身伤害");
            assertThat(page.locator(".document-paragraph[data-path='" + paragraphs + "7'] mark.review-mark")).hasCount(1);

            page.locator(".review-finding[data-rule='QY-L005'] [data-review-goto]").click();
            assertThat(mark).hasCount(1);
            assertThat(page.locator(".document-paragraph[data-path='" + paragraphs + "1'] mark.review-mark"))
                    .hasText(CounterpartyPaper.misspelt(name));
            assertThat(page.locator(".document-paragraph[data-path='" + paragraphs + "7']"))
                    .hasText("五、甲方同意免除乙方在服务中造成的人身伤害赔偿责任。");
            page.locator(".review-finding[data-rule='QY-V007'] [data-review-goto]").click();
            assertThat(mark).hasText("仲裁委员会申请仲裁或者向甲方所在地人民法院起诉");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "document-review.png")).setFullPage(true));

            page.click("#lang-en");
            page.navigate(base + "/contracts/" + id + "/versions/" + CounterpartyPaper.E1 + "/review");
            assertThat(page.locator("#document-heading")).hasText("Counterparty paper E1");
            assertThat(page.locator("#run-document-review")).hasText("Review again");
            assertThat(page.locator("#document-review-BLOCKER")).hasText("Blocker (4)");
            assertThat(errors).as("console errors (CSP, scripts)").isEmpty();
        }
    }
}
