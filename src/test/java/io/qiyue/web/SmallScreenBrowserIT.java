package io.qiyue.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import io.qiyue.testing.ChromiumTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists, customer pages, approval inbox and task, obligations, receivables and the audit on a phone (390 × 844, as
 * people check and approve contracts on the way): no page wider than the screen (tables scroll inside their
 * own box), the navbar collapsed behind its toggler, and the main buttons within reach. Screenshots are kept in
 * {@code target/screenshots/} for a person to look at.
 */
@UsingDatabase(TestDatabase.H2)
class SmallScreenBrowserIT extends ChromiumTestSupport {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void listCustomerApprovalObligationAndReceivablePagesFitAPhone() throws Exception {
        String team = createTeam();
        var sales = createUser("SALES", team);
        var manager = createUser("SALES_MANAGER", team);
        String customer = createOrganization(sales.client()).path("id").asString();
        createContract(sales.client(), ContractSamples.contract("SERVICE", unique("手机草稿合同，标题比较长的一份服务合同"),
                customer, ourEntityId()));
        inApprovalDecidedBy(sales, manager, "手机审批合同");
        String signed = signedContract(sales.client(),
                ContractSamples.contract("SERVICE", unique("手机已签合同"), customer, ourEntityId()));
        var inbox = manager.client().get("/api/v1/approvals?assignee=me");
        assertThat(inbox.status()).as("%s", inbox).isEqualTo(200);
        String task = inbox.json().path("items").get(0).path("id").asString();
        Files.createDirectories(SCREENSHOTS);

        // the approval pages as the approver; the rest as the admin, who is offered every form (receipts, invoices)
        var asApprover = new LinkedHashMap<String, String>();
        asApprover.put("approvals", "/approvals");
        asApprover.put("approval-task", "/approvals/" + task);
        try (var context = phone()) {
            Page page = signIn(context, manager.username(), USER_PASSWORD);
            checkAll(page, asApprover);
            // the approver reads the document itself on the task page (it is not refused in a frame)
            assertThat(page.frameLocator("#task-document").locator("body").innerText()).contains("手机审批合同");
            // the navbar opens from its toggler
            page.click(".navbar-toggler");
            page.waitForSelector("#main-nav.show");
            assertThat(page.isVisible("#nav-contracts")).isTrue();
        }
        var asAdmin = new LinkedHashMap<String, String>();
        asAdmin.put("customers", "/customers");
        asAdmin.put("customer", "/customers/" + customer);
        asAdmin.put("customer-form", "/customers/new");
        asAdmin.put("customer-edit", "/customers/" + customer + "/edit");
        asAdmin.put("contracts", "/contracts");
        asAdmin.put("contract", "/contracts/" + signed);
        asAdmin.put("obligations", "/obligations");
        asAdmin.put("contract-obligations", "/contracts/" + signed + "/obligations");
        asAdmin.put("receivables", "/receivables");
        asAdmin.put("performance", "/performance");
        asAdmin.put("contract-receivables", "/contracts/" + signed + "/receivables-panel");
        asAdmin.put("audit", "/admin/audit");
        asAdmin.put("review-queue", "/review-queue");
        asAdmin.put("approval-flows", "/admin/approval-flows?lang=en");
        asAdmin.put("search", "/search?q=" + java.net.URLEncoder.encode("手机 服务", java.nio.charset.StandardCharsets.UTF_8));
        try (var context = phone()) {
            checkAll(signIn(context, "admin", ADMIN_PASSWORD), asAdmin);
        }
    }

    /**
     * An admin's menu holds every entry there is. On a laptop screen (1366 px, the most common) it stays one row in
     * both languages, the rarer entries behind 管理, with the search box and the user menu in view; narrower, it may
     * wrap but never pushes them off the page.
     */
    @Test
    void theAdminsMenuFitsALaptopScreen() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        for (String language : new String[] {"en", "zh-CN"}) {
            for (int width : new int[] {1000, 1280, 1366}) {
                try (var context = browser.newContext(new Browser.NewContextOptions().setLocale(language)
                        .setViewportSize(width, 800))) {
                    Page page = signIn(context, "admin", ADMIN_PASSWORD);
                    page.navigate("http://127.0.0.1:" + port + "/contracts?lang=" + language);
                    page.screenshot(new Page.ScreenshotOptions()
                            .setPath(SCREENSHOTS.resolve("menu-" + language + "-" + width + ".png")));
                    int scrollWidth = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
                    assertThat(scrollWidth).as("width at %d px: %s", width, widest(page)).isLessThanOrEqualTo(width);
                    assertThat(page.isVisible("#header-search-q")).as("search box at %d px", width).isTrue();
                    var userMenu = page.locator("#user-menu").boundingBox();
                    assertThat(userMenu.x + userMenu.width).as("user menu at %d px", width).isLessThanOrEqualTo(width);
                    if (width >= 1366) {
                        // one row, also with the counts beside 待我审批 and 待我签署 that a busy admin has
                        page.evaluate("""
                                () => ['#nav-approvals', '#nav-signing'].map(id => document.querySelector(id))
                                  .filter(link => !link.querySelector('.badge'))
                                  .forEach(link => link.insertAdjacentHTML('beforeend',
                                    ' <span class="badge rounded-pill text-bg-danger">99</span>'))""");
                        double height = ((Number) page.evaluate(
                                "() => document.querySelector('nav.navbar').getBoundingClientRect().height")).doubleValue();
                        assertThat(height).as("height of the %s menu at %d px", language, width).isLessThan(70);
                        // the contract list's short headers (回款) are not broken letter by letter
                        var header = page.locator("#contract-table thead th").nth(5).boundingBox();
                        assertThat(header.height).as("header height at %d px", width).isLessThan(40);
                    }
                    page.click("#nav-manage");
                    assertThat(page.isVisible("#nav-users")).as("users behind 管理 at %d px", width).isTrue();
                }
            }
        }
    }

    private BrowserContext phone() {
        return browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(390, 844)
                .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true));
    }

    private Page signIn(BrowserContext context, String username, String password) {
        Page page = context.newPage();
        page.navigate("http://127.0.0.1:" + port + "/login");
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("#login-submit");
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    /** Each page: no wider than the screen, the navbar collapsed, its buttons within the screen; a screenshot kept. */
    private void checkAll(Page page, Map<String, String> pages) {
        for (Map.Entry<String, String> p : pages.entrySet()) {
            var response = page.navigate("http://127.0.0.1:" + port + p.getValue());
            assertThat(response.status()).as("%s", p.getValue()).isEqualTo(200);
            page.waitForLoadState(LoadState.NETWORKIDLE);
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SCREENSHOTS.resolve("small-screen-" + p.getKey() + ".png")));
            int innerWidth = ((Number) page.evaluate("() => window.innerWidth")).intValue();
            int scrollWidth = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
            assertThat(scrollWidth).as("width of %s at %d px: %s", p.getValue(), innerWidth, widest(page))
                    .isLessThanOrEqualTo(innerWidth);
            assertThat(page.isVisible(".navbar-toggler")).as("navbar toggler on %s", p.getValue()).isTrue();
            assertThat(page.isVisible("#main-nav")).as("collapsed navbar on %s", p.getValue()).isFalse();
            // every visible button outside a table lies within the screen's width (down, not sideways)
            var outside = page.evaluate("""
                    () => Array.from(document.querySelectorAll('main .btn, main button'))
                      .filter(b => b.offsetParent !== null && !b.closest('.table-responsive, table:not(.card-table)'))
                      .filter(b => { const r = b.getBoundingClientRect(); return r.right > window.innerWidth + 1 || r.left < -1; })
                      .map(b => (b.id || b.textContent.trim()))""");
            assertThat((java.util.List<?>) outside).as("buttons outside the screen on %s", p.getValue()).isEmpty();
            // no cell's words run past it (an outside tester found the audit's changes squeezed at 390 px): a
            // table too wide scrolls in its box, each cell as wide as its content
            var clipped = page.evaluate("""
                    () => Array.from(document.querySelectorAll('main table:not(.card-table) td, main table:not(.card-table) th'))
                      .filter(c => c.offsetParent !== null && c.scrollWidth > c.clientWidth + 1)
                      .slice(0, 5).map(c => c.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40)
                        + ' ' + c.scrollWidth + '>' + c.clientWidth)""");
            assertThat((java.util.List<?>) clipped).as("cells whose text runs past them on %s", p.getValue()).isEmpty();
        }
    }


    /** The elements that stick out on the right, to say in the failure what makes the page too wide. */
    private static Object widest(Page page) {
        return page.evaluate("""
                () => Array.from(document.querySelectorAll('body *'))
                  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                  .filter(e => !e.closest('.table-responsive') || e.classList.contains('table-responsive'))
                  .slice(0, 8).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""");
    }
}
