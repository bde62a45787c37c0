package io.qiyue.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.qiyue.testing.ChromiumTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.TestIdentifiers;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15, forms that help, in headless Chromium: the customer picker (part of a name, the keyboard, only
 * customers one may contract with), every error of a save shown at once with the input kept and no extra contact
 * row, and a form opened at the field of a JSON pointer ({@code /contracts/{id}/edit#/terms/...}).
 */
@UsingDatabase(TestDatabase.H2)
class FormsBrowserIT extends ChromiumTestSupport {

    @Test
    void theCustomerPickerFindsByPartOfTheNameOffersOnlyActiveCustomersInReachAndSaves() {
        String team = createTeam();
        var sales = createUser("SALES", team);
        var colleague = createUser("SALES", team);
        String word = unique("拾光").replace("-", "");
        var active = sales.client().post("/api/v1/customers",
                organizationBody(word + "数据科技有限公司", TestIdentifiers.creditCode()).toString()).json();
        var archived = sales.client().post("/api/v1/customers",
                organizationBody(word + "旧账有限公司", TestIdentifiers.creditCode()).toString()).json();
        String archivedPath = "/api/v1/customers/" + archived.path("id").asString();
        sales.client().patch(archivedPath, "{\"status\": \"ARCHIVED\"}", sales.client().get(archivedPath).header("ETag"));
        colleague.client().post("/api/v1/customers",
                organizationBody(word + "同事客户有限公司", TestIdentifiers.creditCode()).toString());
        String title = unique("选择器合同");
        String ourEntity = ourEntityId();

        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            Page page = logIn(context.newPage(), sales.username(), USER_PASSWORD);
            page.navigate(base() + "/contracts/new?type=SERVICE");
            assertThat(page.locator("label[for=customer-search]")).containsText("甲方（客户）");
            assertThat(page.locator("label[for=ourEntityId]")).containsText("乙方");
            assertThat(page.locator("#customer-search")).hasAttribute("aria-required", "true");
            assertThat(page.locator("label[for=title] .required-mark")).hasCount(1);

            page.locator("#customer-search").pressSequentially(word.substring(2), new com.microsoft.playwright.Locator
                    .PressSequentiallyOptions().setDelay(30));
            var options = page.locator("#customer-results [role=option]");
            assertThat(options).hasCount(1);
            assertThat(options.first()).containsText(word + "数据科技有限公司");
            assertThat(options.first()).containsText(active.path("creditCode").asString());
            screenshot(page, "contract-form-customer-picker.png");
            page.keyboard().press("ArrowDown");
            page.keyboard().press("Enter");
            assertThat(page.locator("#customerId")).hasValue(active.path("id").asString());
            assertThat(page.locator("#customer-chosen")).containsText(active.path("creditCode").asString());

            // the owner is chosen, not typed: a salesperson may only name themselves
            assertThat(page.locator("#owner option")).hasCount(2);
            page.fill("[name=title]", title);
            page.selectOption("[name=ourEntityId]", ourEntity);
            page.fill("[name=amount]", "50000");
            page.click("#save-contract");
            assertThat(page.locator("#contract-title")).hasText(title);
        }
        var saved = sales.client().get("/api/v1/contracts?q=" + java.net.URLEncoder.encode(title,
                java.nio.charset.StandardCharsets.UTF_8)).json().path("items").get(0);
        assertThat(saved.path("customerId").asString()).isEqualTo(active.path("id").asString());
    }

    @Test
    void aRefusedContractShowsEveryProblemAtOnceKeepsTheInputAndLinksToTheFields() {
        ourEntityId(); // the only one: chosen for a new contract already
        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            Page page = logIn(context.newPage(), "admin", ADMIN_PASSWORD);
            page.navigate(base() + "/contracts/new?type=SERVICE");
            page.fill("[name=amount]", "12,000元");
            page.fill("[name=startDate]", "2027-06-01");
            page.fill("[name=endDate]", "2027-01-01");
            page.fill("[name=renewalNoticeDays]", "-3");
            page.fill("[name='terms.payment.deposit']", "-1");
            page.fill("[name='terms.payment.schedule[0].amount']", "一万");
            page.fill("[name='terms.rightsAndObligations.provider']", "乙方按约定提供服务");
            page.click("#save-contract");

            var summary = page.locator("#form-error-summary");
            assertThat(summary).isVisible();
            for (String field : new String[] {"title", "customerId", "amount", "endDate",
                    "renewalNoticeDays", "terms.payment.deposit", "terms.payment.schedule[0].amount"}) {
                assertThat(page.locator("[id='" + (field.equals("customerId") ? "customer-search" : field)
                        + "'], [name='" + field + "'].form-control").first()).hasClass(java.util.regex.Pattern.compile("is-invalid"));
            }
            assertThat(summary.locator("li").count()).isGreaterThanOrEqualTo(7);
            assertThat(summary).containsText("费用及支付方式 › 定金（元）：");
            assertThat(summary).containsText("费用及支付方式 › 金额（元）（第1行）：");
            assertThat(summary).containsText("合同期限 › 结束日期：");
            // what was typed is still there
            assertThat(page.locator("[name=amount]")).hasValue("12,000元");
            assertThat(page.locator("[name=startDate]")).hasValue("2027-06-01");
            assertThat(page.locator("[name='terms.payment.schedule[0].amount']")).hasValue("一万");
            assertThat(page.locator("[name='terms.rightsAndObligations.provider']")).hasValue("乙方按约定提供服务");
            assertThat(page.locator("#schedule-rows > [data-row]")).hasCount(1);

            screenshot(page, "contract-form-all-errors.png");
            summary.locator("a[data-error-path='/terms/payment/deposit']").click();
            assertThat(page.locator("[name='terms.payment.deposit']")).isFocused();
        }
    }

    @Test
    void aRefusedCustomerShowsEveryProblemAtOnceWithExactlyTheContactRowsSent() {
        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            Page page = logIn(context.newPage(), "admin", ADMIN_PASSWORD);
            page.navigate(base() + "/customers/new");
            page.check("input[name=kind][value=ORGANIZATION]");
            page.fill("[name=creditCode]", "91330100716105852X");
            page.fill("[name='contacts[0].name']", "王五");
            page.fill("[name='contacts[0].mobile']", "12345");
            page.click("#add-contact");
            page.fill("[name='contacts[1].name']", "赵六");
            page.fill("[name='contacts[1].landline']", "010-1234");
            page.click("#save-customer");

            assertThat(page.locator("#form-error-summary li")).hasCount(4);
            assertThat(page.locator("[name=name]")).hasClass(java.util.regex.Pattern.compile("is-invalid"));
            assertThat(page.locator("[name=creditCode]")).hasClass(java.util.regex.Pattern.compile("is-invalid"));
            assertThat(page.locator("[name='contacts[0].mobile']")).hasClass(java.util.regex.Pattern.compile("is-invalid"));
            assertThat(page.locator("[name='contacts[1].landline']")).hasClass(java.util.regex.Pattern.compile("is-invalid"));
            assertThat(page.locator("#contact-rows > [data-row]")).hasCount(2);
            assertThat(page.locator("[name='contacts[1].landline']")).hasValue("010-1234");

            page.fill("[name=name]", unique("座机测试客户"));
            page.fill("[name=creditCode]", TestIdentifiers.creditCode());
            page.fill("[name='contacts[0].mobile']", "13900139000");
            page.fill("[name='contacts[1].landline']", "0755-12345678 转 123");
            page.click("#save-customer");
            // a save and a redirect: under a loaded CI machine more than the default 5 s
            assertThat(page.locator("#notice")).isVisible(
                    new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
            assertThat(page.locator("body")).containsText("0755-12345678-123");
        }
    }

    @Test
    void anEditFormOpenedAtAPointerFocusesThatField() {
        String customerId = createOrganization(admin()).path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique("定位合同"), customerId, ourEntityId());
        ((ArrayNode) body.path("terms").path("rightsAndObligations").path("provider")).add("乙方应及时响应甲方的服务请求。");
        String id = createContract(admin(), body).path("id").asString();

        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            Page page = logIn(context.newPage(), "admin", ADMIN_PASSWORD);
            page.navigate(base() + "/contracts/" + id + "/edit#/terms/payment/deposit");
            assertThat(page.locator("[name='terms.payment.deposit']")).isFocused();

            page.navigate(base() + "/contracts/" + id + "/edit#/terms/rightsAndObligations/provider/1");
            var provider = page.locator("[name='terms.rightsAndObligations.provider']");
            assertThat(provider).isFocused();
            assertThat(page.evaluate("() => { const t = document.activeElement;"
                    + " return t.value.substring(t.selectionStart, t.selectionEnd); }"))
                    .isEqualTo("乙方应及时响应甲方的服务请求。");

            // a pointer below a row that has no control of its own falls back to the rows, then the part
            page.evaluate("() => { location.hash = '#/terms/service/items/0/standard'; }");
            assertThat(page.locator("[name='terms.service.items[0].standard']")).isFocused();
        }
    }

    /** Kept as a test artefact under target/screenshots, to look at the form as a user sees it. */
    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "screenshots", name)));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private Page logIn(Page page, String username, String password) {
        page.navigate(base() + "/login");
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("#login-submit");
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }
}
