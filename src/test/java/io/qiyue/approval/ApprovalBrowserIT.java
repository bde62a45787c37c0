package io.qiyue.approval;

import com.microsoft.playwright.Browser;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HeadlessChromium;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An approver in headless Chromium: the header's count, the inbox, the legal review task with the document and the
 * accepted warnings beside it, the approval; then the history on the contract page.
 */
@UsingDatabase(TestDatabase.H2)
class ApprovalBrowserIT extends ApiTestSupport {
    private static HeadlessChromium chromium;
    private static Browser browser;

    @BeforeAll
    static void launchBrowser() {
        chromium = HeadlessChromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anApproverOpensTheInboxAndApproves() {
        var owner = createUser("SALES", null);
        var legal = createUser("LEGAL", null);
        var flow = admin().post("/api/v1/approval-flows", "{\"name\": \"%s\", \"priority\": -999999, \"steps\": [%s]}"
                .formatted(unique("浏览器流程"), ApprovalApiContract.step("法务审核", "LEGAL_REVIEW", "ANY",
                        ApprovalApiContract.users(legal), 24)));
        assertThat(flow.status()).as("%s", flow).isEqualTo(201);
        String id;
        try {
            id = submitted(owner);
        } finally {
            var disabled = admin().put("/api/v1/approval-flows/" + flow.json().path("id").asString(),
                    "{\"name\": \"%s\", \"enabled\": false, \"steps\": [%s]}".formatted(unique("浏览器流程"),
                            ApprovalApiContract.step("法务审核", "LEGAL_REVIEW", "ANY", ApprovalApiContract.users(legal))),
                    "\"1\"");
            assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
        }
        String base = "http://127.0.0.1:" + port;
        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            var page = context.newPage();
            page.navigate(base + "/login");
            page.fill("#username", legal.username());
            page.fill("#password", USER_PASSWORD);
            page.click("#login-submit");
            page.waitForURL(url -> !url.contains("/login"));
            assertThat(page.locator("#approval-count")).hasText("1");

            page.click("#nav-approvals");
            assertThat(page.locator(".inbox-row")).hasCount(1);
            page.click(".open-task");
            assertThat(page.locator("#legal-review")).isVisible();
            assertThat(page.locator("#legal-review")).containsText("已接受的警告");
            assertThat(page.locator("#task-document")).isVisible();
            assertThat(page.locator("#approval-history")).containsText("法务审核");

            page.selectOption("#decision-kind", "APPROVE");
            page.fill("#decision-comment", "法务意见：同意");
            page.click("#decision-submit");
            page.waitForURL(url -> url.endsWith("/approvals"));
            assertThat(page.locator("#decided")).containsText("已同意");
            assertThat(page.locator("#inbox-empty")).isVisible();
            assertThat(page.locator("#approval-count")).hasCount(0);

            page.navigate(base + "/contracts/" + id);
            assertThat(page.locator("#approval-panel")).containsText("已通过");
            assertThat(page.locator("#approval-panel")).containsText("法务意见：同意");
        }
        assertThat(admin().get("/api/v1/contracts/" + id).json().path("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aRefusedDecisionStaysOnTheTaskWithTheReason() {
        var owner = createUser("SALES", null);
        var approver = createUser("SALES_MANAGER", null);
        var flow = admin().post("/api/v1/approval-flows", "{\"name\": \"%s\", \"priority\": -999998, \"steps\": [%s]}"
                .formatted(unique("浏览器流程"), ApprovalApiContract.step("经理审批", "APPROVAL", "ANY",
                        ApprovalApiContract.users(approver))));
        assertThat(flow.status()).as("%s", flow).isEqualTo(201);
        try {
            submitted(owner);
        } finally {
            admin().put("/api/v1/approval-flows/" + flow.json().path("id").asString(),
                    "{\"name\": \"%s\", \"enabled\": false, \"steps\": [%s]}".formatted(unique("浏览器流程"),
                            ApprovalApiContract.step("经理审批", "APPROVAL", "ANY", ApprovalApiContract.users(approver))),
                    "\"1\"");
        }
        String base = "http://127.0.0.1:" + port;
        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            var page = context.newPage();
            page.navigate(base + "/login");
            page.fill("#username", approver.username());
            page.fill("#password", USER_PASSWORD);
            page.click("#login-submit");
            page.waitForURL(url -> !url.contains("/login"));
            page.navigate(base + "/approvals");
            page.click(".open-task");
            assertThat(page.locator("#legal-review")).hasCount(0);
            page.selectOption("#decision-kind", "REJECT");
            page.click("#decision-submit");
            assertThat(page.locator("#decision-errors")).containsText("须填写意见");
            assertThat(page.locator("#decision-form")).isVisible();
        }
    }

    private String submitted(TestUser owner) {
        var as = owner.client();
        String customerId = createOrganization(as).path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique("浏览器审批合同"), customerId, ourEntityId());
        String id = createContract(as, body).path("id").asString();
        var review = as.post("/api/v1/contracts/" + id + "/review", "{}");
        assertThat(review.status()).as("%s", review).isEqualTo(200);
        review.json().path("findings").forEach(finding -> {
            if (finding.path("severity").asString().equals("WARNING")) {
                var accepted = admin().post("/api/v1/contracts/" + id + "/review/findings/"
                        + finding.path("ruleId").asString() + "/accept", JSON.createObjectNode()
                        .put("path", finding.path("path").asString()).put("reason", "已与客户确认").toString());
                assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
            }
        });
        var submitted = as.request("POST", "/api/v1/contracts/" + id + "/submit")
                .header("If-Match", as.get("/api/v1/contracts/" + id).header("ETag")).json("{}").send();
        assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);
        return id;
    }
}
