package io.qiyue.approval;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped flow's names (stored in Chinese) read in the page's language, while names an admin typed stay as
 * typed (an outside tester found 默认审批流程 and 法务审核 on English pages).
 */
@UsingDatabase(TestDatabase.H2)
class ApprovalNamesH2IT extends ApiTestSupport {

    @Test
    void shippedNamesAreTranslatedAndTypedOnesAreNot() {
        var owner = createUser("SALES", null);
        var approver = createUser("SALES_MANAGER", null);
        String contract = inApprovalDecidedBy(owner, approver, "审批名称");
        var admin = new Browser(port).login("admin", ADMIN_PASSWORD);

        String zh = admin.get("/admin/approval-flows").body();
        assertThat(zh).contains("默认审批流程", "团队经理审批", "法务审核");
        String en = admin.get("/admin/approval-flows?lang=en").body();
        assertThat(en).contains("Default approval flow", "Team manager approval", "Legal review")
                .doesNotContain("默认审批流程", "团队经理审批", "法务审核")
                .as("a flow an admin named keeps its name").contains("单步流程");

        var manager = new Browser(port).login(approver.username(), USER_PASSWORD);
        assertThat(manager.get("/approvals?lang=en").body()).as("a typed step name").contains("经理审批");
        assertThat(manager.htmxGet("/contracts/" + contract + "/approval-panel?lang=en").body())
                .contains("单步流程", "经理审批");
    }
}
