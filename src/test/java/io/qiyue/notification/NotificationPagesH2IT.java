package io.qiyue.notification;

import io.qiyue.approval.ApprovalEvent;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification pages: the bell's count in the header, the list and opening a notification (marks it read and
 * goes to the contract), the channel choices on the account page, and the admin's webhook form with its errors.
 */
@UsingDatabase(TestDatabase.H2)
class NotificationPagesH2IT extends ApiTestSupport {
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theBellCountsUnreadAndOpeningANotificationMarksItReadAndGoesToTheContract() throws Exception {
        var sales = createUser("SALES", null);
        String contractId = UUID.randomUUID().toString();
        new TransactionTemplate(transactions).executeWithoutResult(s -> events.publishEvent(new ApprovalEvent(
                ApprovalEvent.Kind.APPROVED, contractId, "HT-2026-77", "页面测试合同", null, null,
                List.of(sales.username()), "admin", "同意", Instant.now())));
        var browser = new Browser(port).login(sales.username(), USER_PASSWORD);
        for (int i = 0; i < 100 && !browser.get("/").body().contains("id=\"bell-count\""); i++) {
            Thread.sleep(100);
        }
        assertThat(browser.get("/").body()).containsPattern("id=\"bell-count\"[^>]*>1<");
        String list = browser.get("/notifications?unread=true").body();
        assertThat(list).contains("审批通过：HT-2026-77 页面测试合同", "说明：同意");
        String id = sales.client().get("/api/v1/notifications?unread=true").json().path("items").get(0).path("id").asString();
        var opened = browser.submit("/notifications/" + id + "/read", "/notifications", "open", "true");
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location").orElseThrow()).endsWith("/contracts/" + contractId);
        assertThat(browser.get("/").body()).doesNotContain("id=\"bell-count\"");
        assertThat(browser.get("/notifications?unread=true").body()).doesNotContain("页面测试合同");
    }

    @Test
    void channelsAreChosenOnTheAccountPage() {
        var sales = createUser("SALES", null);
        var browser = new Browser(port).login(sales.username(), USER_PASSWORD);
        assertThat(browser.get("/account/notifications").body()).contains("合同即将到期", "id=\"email-EXPIRING\"");
        var saved = browser.submit("/account/notifications", "/account/notifications",
                "inApp", "EXPIRING", "email", "EXPIRING", "email", "APPROVED");
        assertThat(saved.statusCode()).isEqualTo(302);
        var prefs = sales.client().get("/api/v1/users/me/notification-preferences").json().path("preferences");
        assertThat(prefs.get(EventKind.EXPIRING.ordinal()).path("inApp").asBoolean()).isTrue();
        assertThat(prefs.get(EventKind.APPROVED.ordinal()).path("inApp").asBoolean()).isFalse();
        assertThat(prefs.get(EventKind.APPROVED.ordinal()).path("email").asBoolean()).isTrue();
        assertThat(prefs.get(EventKind.SUBMITTED.ordinal()).path("inApp").asBoolean()).isFalse();
    }

    @Test
    void theAdminAddsAWebhookOnThePageAndSeesWhatIsWrong() {
        var browser = new Browser(port).login("admin", ADMIN_PASSWORD);
        assertThat(browser.get("/admin/notifications").body()).contains("id=\"smtp-form\"", "id=\"webhook-form\"",
                "id=\"robot-form\"", "企业微信");
        var refused = browser.submit("/admin/notifications/webhooks", "/admin/notifications",
                "url", "ftp://example.cn/hook", "secret", "short");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"form-error-summary\"", "须为 http 或 https 地址", "密钥长度须在 16 到 200");
        String url = "https://hooks.example.cn/" + unique("h");
        var added = browser.submit("/admin/notifications/webhooks", "/admin/notifications",
                "url", url, "secret", "0123456789abcdef-page", "events", "contract.expired");
        assertThat(added.statusCode()).isEqualTo(302);
        // events by their labels, with the name a receiver switches on (outside tester: codes alone)
        assertThat(browser.get("/admin/notifications").body()).contains(url, "合同到期（contract.expired）");
        var hook = admin().get("/api/v1/webhooks").json().path("items").valueStream()
                .filter(w -> w.path("url").asString().equals(url)).findFirst().orElseThrow();
        var deleted = browser.submit("/admin/notifications/webhooks/" + hook.path("id").asString() + "/delete",
                "/admin/notifications");
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(browser.get("/admin/notifications").body()).doesNotContain(url);
    }
}
