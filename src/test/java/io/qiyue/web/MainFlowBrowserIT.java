package io.qiyue.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.qiyue.testing.ChromiumTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.TestIdentifiers;
import io.qiyue.testing.UsingDatabase;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main UI flow in headless Chromium, as a new user does it: log in, create a customer, create a
 * service contract for it, find the contract in the list; and a contract's documents: download its
 * PDF from the detail page, edit it, and read the redline of the two versions. Uses Debian's /usr/bin/chromium (or
 * {@code QIYUE_CHROMIUM}); without it the test is skipped, or fails when {@code CI=true}.
 */
@UsingDatabase(TestDatabase.H2)
class MainFlowBrowserIT extends ChromiumTestSupport {
    @Test
    void logInCreateCustomerCreateServiceContractAndFindIt() {
        String ourEntityId = ourEntityId();
        String base = "http://127.0.0.1:" + port;
        String customerName = unique("浏览器测试客户") + "有限公司";
        String creditCode = TestIdentifiers.creditCode();
        String title = unique("浏览器测试服务合同");

        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            Page page = context.newPage();
            page.navigate(base + "/");
            assertThat(page).hasURL(base + "/login");
            page.fill("#username", "admin");
            page.fill("#password", ADMIN_PASSWORD);
            page.click("#login-submit");
            page.waitForURL(url -> !url.contains("/login"));
            assertThat(page.locator("#login-form")).hasCount(0);

            page.navigate(base + "/customers/new");
            page.check("input[name=kind][value=ORGANIZATION]");
            page.fill("[name=name]", customerName);
            page.fill("[name=creditCode]", creditCode);
            page.fill("[name=address]", "浙江省杭州市西湖区文三路1号");
            page.fill("[name='contacts[0].name']", "王五");
            page.fill("[name='contacts[0].mobile']", "13900139000");
            page.click("#save-customer");
            assertThat(page.locator("#notice")).isVisible();
            assertThat(page.locator("body")).containsText(customerName);
            String customerId = page.url().substring(page.url().lastIndexOf('/') + 1);

            page.navigate(base + "/contracts/new?type=SERVICE&customerId=" + customerId);
            page.fill("[name=title]", title);
            page.selectOption("[name=ourEntityId]", ourEntityId);
            page.fill("[name=amount]", "120000.00");
            page.fill("[name=startDate]", "2027-01-01");
            page.fill("[name=endDate]", "2027-12-31");
            page.fill("[name='terms.service.items[0].name']", "服务器巡检");
            page.fill("[name='terms.service.items[0].standard']", "每月一次，出具巡检报告");
            page.fill("[name='terms.service.scope']", "甲方总部机房");
            page.click("#save-contract");
            assertThat(page.locator("#contract-title")).hasText(title);
            String number = page.locator("#contract-number").innerText().trim();
            assertThat(number).matches("QY-SVC-\\d{4}-\\d{6}");

            page.navigate(base + "/contracts");
            page.fill("#q", title);
            page.click("#filter-submit");
            var row = page.locator("#contract-table tr[data-contract-id]");
            assertThat(row).hasCount(1);
            assertThat(row.locator("a.contract-link")).hasText(number);
        }
    }

    @Test
    void downloadAContractsPdfAndReadTheRedlineOfAnEdit() throws Exception {
        String customerId = createOrganization(admin()).path("id").asString();
        var contract = createContract(admin(), ContractSamples.contract("SERVICE", unique("浏览器文档测试"), customerId,
                ourEntityId()));
        String id = contract.path("id").asString();
        String number = contract.path("number").asString();
        String base = "http://127.0.0.1:" + port;

        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setAcceptDownloads(true))) {
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.fill("#username", "admin");
            page.fill("#password", ADMIN_PASSWORD);
            page.click("#login-submit");
            page.waitForURL(url -> !url.contains("/login"));

            // the PDF, through the button of the detail page (the session, not the API)
            page.navigate(base + "/contracts/" + id);
            var pdfResponse = new AtomicReference<Response>();
            page.onResponse(r -> {
                if (r.url().endsWith("/contracts/" + id + "/document.pdf")) {
                    pdfResponse.set(r);
                }
            });
            var download = page.waitForDownload(() -> page.click("#document-pdf"));
            assertThat(pdfResponse.get()).isNotNull();
            assertThat(pdfResponse.get().status()).isEqualTo(200);
            assertThat(pdfResponse.get().headerValue("content-type")).startsWith("application/pdf");
            assertThat(download.suggestedFilename()).isEqualTo(number + ".pdf");
            try (var pdf = Loader.loadPDF(Files.readAllBytes(download.path()))) {
                assertThat(new PDFTextStripper().getText(pdf)).contains(number).contains("争议解决").contains("服务内容");
            }

            // edit: one insertion (the scope) and one deletion (the standard of the service item)
            page.click("#edit-contract");
            page.fill("[name='terms.service.scope']", "甲方总部及分部机房");
            page.fill("[name='terms.service.items[0].standard']", "每月一次");
            page.click("#save-contract");
            assertThat(page.locator("#notice")).isVisible();

            page.click("#version-table tr[data-version='2'] a.compare-link");
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/contracts/" + id + "/compare\\?from=1&to=2$"));
            assertThat(page.locator("#redline ins").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText("及分部"))).hasCount(1);
            assertThat(page.locator("#redline del").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText("出具巡检报告"))).not().hasCount(0);
            assertThat(page.locator("#redline ins").first()).hasCSS("color", "rgb(20, 108, 46)");
            assertThat(page.locator("#redline del").first()).hasCSS("color", "rgb(166, 27, 27)");
            assertThat(page.locator("#changed-fields")).containsText("服务内容 › 范围");
            assertThat(page.locator("#changed-fields")).containsText("甲方总部及分部机房");
        }
    }

    @Test
    void reviewPanelLocatesAcceptsAppliesAndGatesTheSubmission() {
        String customerId = createOrganization(admin()).path("id").asString();
        var body = io.qiyue.testing.ContractSamples.contract("SERVICE", unique("浏览器审查合同"), customerId,
                ourEntityId());
        ((tools.jackson.databind.node.ArrayNode) body.path("terms").path("rightsAndObligations").path("provider"))
                .add("乙方应及时响应甲方的服务请求。").add("本合同项下乙方对任何损失概不负责。");
        String id = createContract(admin(), body).path("id").asString();
        String base = "http://127.0.0.1:" + port;

        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.fill("#username", "admin");
            page.fill("#password", ADMIN_PASSWORD);
            page.click("#login-submit");
            page.waitForURL(url -> !url.contains("/login"));

            page.navigate(base + "/contracts/" + id);
            // the save was reviewed: the findings are there without asking
            assertThat(page.locator("#review-BLOCKER")).containsText("阻断");
            page.click("#run-review");
            assertThat(page.locator("#review-BLOCKER")).containsText("阻断");
            var vague = page.locator(".review-finding[data-rule='QY-L001']");
            assertThat(vague).hasCount(1);
            assertThat(vague).containsText("民法典");
            // on a draft its owner may change, 定位 opens the edit form at the clause
            String findingPath = vague.getAttribute("data-finding-path");
            vague.locator("[data-review-goto]").click();
            page.waitForURL(u -> u.contains("/edit#" + findingPath));
            String focused = "() => { const e = document.activeElement; return e.getAttribute('data-path') + ' '"
                    + " + (e.value ? e.value.substring(e.selectionStart, e.selectionEnd) : ''); }";
            page.waitForFunction("() => document.activeElement && document.activeElement.tagName === 'TEXTAREA'");
            org.assertj.core.api.Assertions.assertThat((String) page.evaluate(focused))
                    .startsWith("/terms/rightsAndObligations/provider ").contains("及时");
            // beside the form, the review only reads, and 定位 selects the very words in the field
            var besideForm = page.locator("#review-panel .review-finding[data-rule='QY-L001']");
            assertThat(besideForm).hasCount(1);
            assertThat(page.locator("#review-panel .review-apply")).hasCount(0);
            page.locator("#contract-title, [name=title]").first().focus();
            besideForm.locator("[data-review-goto]").click();
            page.waitForFunction("() => document.activeElement && document.activeElement.tagName === 'TEXTAREA'");
            org.assertj.core.api.Assertions.assertThat((String) page.evaluate(focused))
                    .isEqualTo("/terms/rightsAndObligations/provider 及时");
            page.navigate(base + "/contracts/" + id);
            assertThat(vague).hasCount(1); // the panel is loaded, htmx is there

            page.click("#lifecycle-submit");
            assertThat(page.locator("#review-gated")).containsText("QY-V004");
            assertThat(page.locator("#contract-status")).hasText("草稿");

            page.waitForLoadState();
            page.evaluate("() => window.sameDocument = true");
            String versionBefore = page.locator("#contract-head").innerText();
            page.locator(".review-finding[data-rule='QY-V004'] .review-apply").click();
            var preview = page.locator(".review-finding[data-rule='QY-V004'] .fix-preview");
            assertThat(preview.locator("del")).hasText("概不负责");
            assertThat(preview.locator("ins")).hasText("依法承担责任");
            preview.locator(".review-apply-confirm").click();
            assertThat(page.locator("#review-summary")).containsText("阻断 0");
            org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.sameDocument === true"))
                    .as("applied without reloading the page").isEqualTo(true);
            org.assertj.core.api.Assertions.assertThat(page.locator("#contract-head").innerText())
                    .as("the version number moved on").isNotEqualTo(versionBefore);
            assertThat(page.locator("[data-path='/terms/rightsAndObligations/provider/2']")).hasText("本合同项下乙方对任何损失依法承担责任。");

            for (int guard = 0; guard < 20 && page.locator(".review-finding details").count() > 0; guard++) {
                var details = page.locator(".review-finding details").first();
                details.locator("summary").click();
                details.locator("textarea[name=reason]").fill("已与客户确认");
                details.locator(".review-accept").click();
                page.waitForTimeout(200);
            }
            assertThat(page.locator("#review-summary")).containsText("没有阻止提交审批的问题");
            assertThat(page.locator(".review-accepted").first()).containsText("已与客户确认");

            page.click("#lifecycle-submit");
            assertThat(page.locator("#contract-status")).hasText("审批中");
            assertThat(page.locator("#edit-contract")).hasCount(0);
            page.click("#lifecycle-withdraw");
            assertThat(page.locator("#contract-status")).hasText("草稿");
        }
    }
}
