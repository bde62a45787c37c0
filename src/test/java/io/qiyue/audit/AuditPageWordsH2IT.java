package io.qiyue.audit;

import io.qiyue.shared.EntityChanged;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit page in words for the entries modules record in codes and English (an outside tester found
 * {@code use VIEW 203.0.113.9} and {@code REJECTED: no}): each field by its label and each value in the reader's
 * language, in Chinese and in English, with what someone typed kept as typed.
 */
@UsingDatabase(TestDatabase.H2)
class AuditPageWordsH2IT extends ApiTestSupport {
    @Autowired
    ApplicationEventPublisher events;

    @Test
    void codesAndEnglishWordsReadAsLabels() {
        String link = unique("link");
        String proposal = unique("proposal");
        String seal = unique("seal");
        String receipt = unique("receipt");
        String task = unique("task");
        String contract = unique("contract");
        String importRun = unique("import");
        var at = Instant.now();
        record("IMPORT", importRun, at, new EntityChanged.Change("mode", null, "IMPORT"),
                new EntityChanged.Change("kind", null, "CONTRACTS"));
        record("SHARE_LINK", link, at, new EntityChanged.Change("use", null, "VIEW 203.0.113.9"));
        record("NEGOTIATION_PROPOSAL", proposal, at,
                new EntityChanged.Change("/terms/breach/description", "PENDING", "REJECTED: no"));
        record("SEAL", seal, at, new EntityChanged.Change("/use", null, "contract c-404, document sha256 "
                + "a".repeat(64) + ", 盖章确认"), new EntityChanged.Change("/active", "true", "false"));
        var signed = createContract(admin(), "SERVICE");
        record("RECEIPT", receipt, at, new EntityChanged.Change("contractId", null, signed.path("id").asString()),
                new EntityChanged.Change("amount", null, "180000.00"),
                new EntityChanged.Change("reversed", "false", "true"),
                new EntityChanged.Change("reversalReason", null, "重复登记"));
        record("APPROVAL_TASK", task, at, new EntityChanged.Change("decision", null, "ADD_APPROVER"),
                new EntityChanged.Change("position", null, "BEFORE"), new EntityChanged.Change("target", null, "wang"));
        record("CONTRACT", contract, at, new EntityChanged.Change("accepted QY-C008 /terms/payment/schedule", null,
                "客户坚持"), new EntityChanged.Change("owner", "no-such-user", "admin"));
        var admin = new Browser(port).login("admin", ADMIN_PASSWORD);

        String zh = changes(admin.get("/admin/audit?entity=SHARE_LINK&id=" + link).body());
        assertThat(zh).contains("链接使用", "查看，来自 203.0.113.9").doesNotContain(">use<", "VIEW");
        zh = changes(admin.get("/admin/audit?entity=NEGOTIATION_PROPOSAL&id=" + proposal).body());
        assertThat(zh).contains("待处理", "已拒绝：no").doesNotContain("REJECTED", "PENDING");
        zh = changes(admin.get("/admin/audit?entity=SEAL&id=" + seal).body());
        assertThat(zh).contains("用印", "合同 c-404，文件 SHA-256 " + "a".repeat(64) + "，用途：盖章确认", "启用", "是", "否")
                .doesNotContain("document sha256", ">active<", ">true<", ">false<");
        zh = changes(admin.get("/admin/audit?entity=RECEIPT&id=" + receipt).body());
        assertThat(zh).contains("¥180,000.00", "已冲销", "冲销原因", "重复登记")
                .doesNotContain("180000.00", "reversed", "reversalReason", signed.path("id").asString())
                // the receipt's contract by its number and title, not its id (outside tester)
                .contains(signed.path("number").asString() + " " + signed.path("title").asString());
        zh = changes(admin.get("/admin/audit?entity=APPROVAL_TASK&id=" + task).body());
        assertThat(zh).contains("加签", "在我之前", "转办或加签给").doesNotContain("ADD_APPROVER", "BEFORE", ">target<");
        zh = changes(admin.get("/admin/audit?entity=CONTRACT&id=" + contract).body());
        assertThat(zh).contains("接受审查问题 QY-C008", "客户坚持").doesNotContain("accepted QY");
        // an owner by their name; one that is no user (any more) as recorded
        assertThat(zh).contains("系统管理员", "no-such-user").doesNotContain(">admin<");

        String en = changes(admin.get("/admin/audit?entity=SHARE_LINK&id=" + link + "&lang=en").body());
        assertThat(en).contains("Link used", "viewed from 203.0.113.9").doesNotContain("VIEW");
        en = changes(admin.get("/admin/audit?entity=NEGOTIATION_PROPOSAL&id=" + proposal + "&lang=en").body());
        assertThat(en).doesNotContain("REJECTED", "PENDING").contains(": no");
        en = changes(admin.get("/admin/audit?entity=SEAL&id=" + seal + "&lang=en").body());
        assertThat(en).contains("Seal used", "Active", "Yes", "No").doesNotContain(">true<", ">false<", "启用");
        en = changes(admin.get("/admin/audit?entity=RECEIPT&id=" + receipt + "&lang=en").body());
        assertThat(en).contains("Reversed", "Reason for reversal");
        en = changes(admin.get("/admin/audit?entity=APPROVAL_TASK&id=" + task + "&lang=en").body());
        assertThat(en).contains("Handed to").doesNotContain("ADD_APPROVER", "BEFORE");
        en = changes(admin.get("/admin/audit?entity=IMPORT&id=" + importRun + "&lang=en").body());
        assertThat(en).contains("Import", "Contracts").doesNotContain(">import<", "IMPORT");
        en = changes(admin.get("/admin/audit?entity=CONTRACT&id=" + contract + "&lang=en").body());
        assertThat(en).contains("Accepted finding QY-C008").doesNotContain("accepted QY");
    }

    private void record(String type, String id, Instant at, EntityChanged.Change... changes) {
        events.publishEvent(new EntityChanged(type, id, EntityChanged.Action.UPDATE, "admin", at, List.of(changes)));
    }

    /** The changes column of the page's one row. */
    private static String changes(String page) {
        int start = page.indexOf("<dl class=\"audit-changes");
        assertThat(start).as("a row with changes: %s", page).isPositive();
        return page.substring(start, page.indexOf("</dl>", start));
    }
}
