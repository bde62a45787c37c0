package io.qiyue.approval;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.qiyue.testing.ChromiumTestSupport;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An approver in headless Chromium: the header's count, the inbox, the legal review task with the document and the
 * accepted warnings beside it, the approval; then the history on the contract page.
 */
@UsingDatabase(TestDatabase.H2)
class ApprovalBrowserIT extends ChromiumTestSupport {
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
            // named by its label, not its field path (outside tester: "comment：…")
            assertThat(page.locator("#decision-errors")).containsText("意见：");
            assertThat(page.locator("#decision-errors")).not().containsText("comment");
            assertThat(page.locator("#decision-form")).isVisible();
        }
    }

    @Test
    void anAdminBuildsAFlowStepByStepInTheEditor() {
        var legal = createUser("LEGAL", null);
        String name = unique("编辑器流程");
        String base = "http://127.0.0.1:" + port;
        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            var page = context.newPage();
            page.navigate(base + "/login");
            page.fill("#username", "admin");
            page.fill("#password", ADMIN_PASSWORD);
            page.click("#login-submit");
            page.waitForURL(url -> !url.contains("/login"));
            page.navigate(base + "/admin/approval-flows");
            assertThat(page.locator("#flow-table")).containsText("默认审批流程");
            page.click("#new-flow");
            page.fill("#name", name);
            page.fill("#priority", "5000");
            page.uncheck("#enabled1");
            page.fill(".step-name >> nth=0", "法务把关");
            page.selectOption("[name='steps[0].kind']", "LEGAL_REVIEW");
            page.fill(".step-approvers >> nth=0", "user:" + legal.username());
            editorRoundTrip(page, "#add-step");
            assertThat(page.locator(".flow-step")).hasCount(2);
            page.fill(".step-name >> nth=1", "经理审批");
            page.fill(".step-approvers >> nth=1", "manager");
            page.fill("[name='steps[1].amountAtLeast']", "100000");
            page.check("[name='steps[1].types'][value=SERVICE]");
            editorRoundTrip(page, ".step-up >> nth=1");
            assertThat(page.locator(".step-name >> nth=0")).hasValue("经理审批");
            editorRoundTrip(page, "#add-step");
            editorRoundTrip(page, ".step-remove >> nth=2");
            assertThat(page.locator(".flow-step")).hasCount(2);
            page.fill(".step-approvers >> nth=1", "user:nobody_here");
            editorRoundTrip(page, "#save-flow");
            assertThat(page.locator("#flow-errors")).containsText("审批步骤 › 第 2 项 › 审批人 › 第 1 项 › 用户");
            page.fill(".step-approvers >> nth=1", "user:" + legal.username());
            editorRoundTrip(page, "#save-flow");
            page.waitForURL(url -> url.endsWith("/admin/approval-flows"));
            assertThat(page.locator("#notice")).containsText(name);
        }
        JsonNode saved = null;
        for (JsonNode f : admin().get("/api/v1/approval-flows").json().path("items")) {
            if (f.path("name").asString().equals(name)) {
                saved = f;
            }
        }
        assertThat(saved).isNotNull();
        assertThat(saved.path("enabled").asBoolean()).isFalse();
        assertThat(saved.path("priority").asInt()).isEqualTo(5000);
        assertThat(saved.path("steps").size()).isEqualTo(2);
        assertThat(saved.path("steps").get(0).path("name").asString()).isEqualTo("经理审批");
        assertThat(saved.path("steps").get(0).path("approvers").get(0).path("ownerManager").asBoolean()).isTrue();
        assertThat(saved.path("steps").get(0).path("condition").path("amountAtLeast").path("value").asString())
                .isEqualTo("100000.00");
        assertThat(saved.path("steps").get(0).path("condition").path("types").toString()).isEqualTo("[\"SERVICE\"]");
        assertThat(saved.path("steps").get(1).path("kind").asString()).isEqualTo("LEGAL_REVIEW");
        assertThat(saved.path("steps").get(1).path("approvers").get(0).path("userId").asString()).isEqualTo(legal.id());
        assertThat(saved.path("definitionVersion").asInt()).isPositive();
    }

    /**
     * Each button of the flow editor posts the whole form and the server answers with the edited page. Waiting for
     * that answer keeps the next step off the page being replaced, which a loaded CI machine can take seconds to send.
     */
    private static void editorRoundTrip(Page page, String button) {
        page.waitForResponse(response -> response.request().method().equals("POST"), () -> page.click(button));
        page.waitForLoadState();
    }

    private String submitted(TestUser owner) {
        var as = owner.client();
        String id = readyContract(as, "浏览器审批合同");
        var submitted = as.request("POST", "/api/v1/contracts/" + id + "/submit")
                .header("If-Match", as.get("/api/v1/contracts/" + id).header("ETag")).json("{}").send();
        assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);
        return id;
    }
}
