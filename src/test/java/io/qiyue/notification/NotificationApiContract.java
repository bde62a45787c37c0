package io.qiyue.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.qiyue.contract.ContractAction;
import io.qiyue.contract.Contracts;
import io.qiyue.shared.persistence.DbTime;
import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications over HTTP: the owner told in-app and by e-mail (GreenMail) when a contract moves, channels
 * chosen per kind, e-mails kept while the SMTP server is down; webhooks signed and retried after a 500; group
 * robots in their formats with their signatures, held to their rate limits by digests.
 */
abstract class NotificationApiContract extends ApiTestSupport {
    private static final String BASE_URL = "https://qiyue.example.cn";
    private static int smtpPort;
    private static GreenMail greenMail;

    @Autowired
    Contracts contracts;
    @Autowired
    OutboxWorker worker;
    @Autowired
    Dispatcher dispatcher;
    @Autowired
    Outbox outbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    /** What a local receiver got: the path with its query, the headers we check and the body. */
    record Received(String uri, String event, String signature, String body) {
    }

    @BeforeAll
    static void startMailServer() throws IOException {
        try (var socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @AfterAll
    static void stopMailServer() {
        greenMail.stop();
    }

    @BeforeEach
    void pointTheSettingsAtGreenMail() {
        var current = admin().get("/api/v1/notification-settings");
        assertThat(current.status()).as("%s", current).isEqualTo(200);
        var saved = admin().put("/api/v1/notification-settings", """
                { "smtpHost": "127.0.0.1", "smtpPort": %d, "smtpUsername": null, "smtpPassword": "",
                  "smtpTls": false, "fromAddress": "qiyue@example.cn", "publicBaseUrl": "%s/" }
                """.formatted(smtpPort, BASE_URL), current.header("ETag"));
        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        assertThat(saved.json().path("publicBaseUrl").asString()).isEqualTo(BASE_URL);
    }

    @Test
    void aCustomerLinkHandedOutStartsWithTheConfiguredPublicAddressNotTheOneTheRequestCameInOn() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        var shared = sales.client().post("/api/v1/contracts/" + id + "/share-links", "{\"expiresInDays\": 3}");
        assertThat(shared.status()).as("%s", shared).isEqualTo(201);
        assertThat(shared.json().path("url").asString()).startsWith(BASE_URL + "/p/");
    }

    @Test
    void theOwnerIsToldInAppAndByEmailInChineseWithALinkAndMarksItRead() throws Exception {
        var sales = createUser("SALES", null);
        String id = signingRequested(sales.client());

        var unread = await(() -> unreadFor(sales.client(), id), list -> list.stream()
                .anyMatch(n -> n.path("kind").asString().equals("SIGNING_REQUESTED")));
        var signing = unread.stream().filter(n -> n.path("kind").asString().equals("SIGNING_REQUESTED")).findFirst()
                .orElseThrow();
        assertThat(signing.path("title").asString()).startsWith("合同待签署：");
        // who did it by their name, not their username (outside tester: "已由 manager.east 审批通过")
        assertThat(signing.path("body").asString()).contains("已由 系统管理员 发起签署").doesNotContain("admin");
        assertThat(signing.path("link").asString()).isEqualTo("/contracts/" + id);
        assertThat(unread).extracting(n -> n.path("kind").asString()).contains("SUBMITTED");

        var mail = awaitMail(sales.username() + "@example.com", "合同待签署");
        String text = mail.getContent().toString();
        assertThat(text).contains("发起签署", BASE_URL + "/contracts/" + id);
        assertThat(mail.getFrom()[0].toString()).isEqualTo("qiyue@example.cn");
        assertThat(receivedBy(sales.username() + "@example.com").stream().map(this::subject))
                .as("SUBMITTED is in-app only by default").noneMatch(s -> s.contains("提交审批"));

        var other = createUser("SALES", null);
        assertProblem(other.client().post("/api/v1/notifications/" + signing.path("id").asString() + "/read", "{}"), 404);
        var read = sales.client().post("/api/v1/notifications/" + signing.path("id").asString() + "/read", "{}");
        assertThat(read.status()).as("%s", read).isEqualTo(200);
        assertThat(read.json().path("read").asBoolean()).isTrue();
        assertThat(unreadFor(sales.client(), id)).extracting(n -> n.path("id").asString())
                .doesNotContain(signing.path("id").asString());
        assertThat(sales.client().get("/api/v1/notifications?unread=maybe").status()).isEqualTo(400);
        var all = sales.client().post("/api/v1/notifications/read-all", "{}");
        assertThat(all.json().path("marked").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(sales.client().get("/api/v1/notifications/unread-count").json().path("unread").asLong()).isZero();
        assertThat(sales.client().get("/api/v1/notifications").json().path("total").asLong()).isGreaterThanOrEqualTo(2);
    }

    /** Found by an outside tester: 待您签署 stayed unread after the contract was signed. */
    /**
     * A salesperson's termination of a signed contract is told to their team's manager, finance and legal, besides
     * the owner (outside tester: nobody else heard of it), and not to another team's people.
     */
    @Test
    void aTerminationIsToldToTheManagerFinanceAndLegal() {
        var manager = createUser("SALES_MANAGER", null);
        var team = admin().post("/api/v1/teams", "{\"name\": \"%s\", \"managerId\": \"%s\"}"
                .formatted(unique("团队"), manager.id()));
        assertThat(team.status()).as("%s", team).isEqualTo(201);
        var sales = createUser("SALES", team.json().path("id").asString());
        var finance = createUser("FINANCE", null);
        var legal = createUser("LEGAL", null);
        var otherSales = createUser("SALES", null);
        String customerId = createOrganization(sales.client()).path("id").asString();
        String id = signedContract(sales.client(), io.qiyue.testing.ContractSamples.contract("SERVICE",
                unique("终止通知"), customerId, ourEntityId()));
        String path = "/api/v1/contracts/" + id;
        var terminated = sales.client().request("POST", path + "/terminate").header("If-Match",
                sales.client().get(path).header("ETag")).json("{\"reason\": \"客户业务调整\", \"date\": \""
                        + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + "\"}").send();
        assertThat(terminated.status()).as("%s", terminated).isEqualTo(200);
        for (var told : List.of(manager, finance, legal)) {
            var notes = await(() -> unreadFor(told.client(), id), list -> list.stream()
                    .anyMatch(n -> n.path("kind").asString().equals("TERMINATED")));
            assertThat(notes.stream().filter(n -> n.path("kind").asString().equals("TERMINATED")).findFirst()
                    .orElseThrow().path("body").asString()).contains("客户业务调整");
        }
        assertThat(unreadFor(sales.client(), id)).as("the one who did it is not told")
                .noneMatch(n -> n.path("kind").asString().equals("TERMINATED"));
        assertThat(unreadFor(otherSales.client(), id)).isEmpty();

        // one scheduled by someone else for a later day: the owner is told now, not only on the day (outside tester)
        String later = signedContract(sales.client(), io.qiyue.testing.ContractSamples.contract("SERVICE",
                unique("预定终止"), customerId, ourEntityId()));
        String laterPath = "/api/v1/contracts/" + later;
        String end = sales.client().get(laterPath).json().path("endDate").asString();
        var scheduled = admin().request("POST", laterPath + "/terminate").header("If-Match",
                admin().get(laterPath).header("ETag")).json("{\"reason\": \"客户预算取消\", \"date\": \""
                + java.time.LocalDate.parse(end).minusDays(1) + "\"}").send();
        assertThat(scheduled.status()).as("%s", scheduled).isEqualTo(200);
        var told = await(() -> unreadFor(sales.client(), later), list -> list.stream()
                .anyMatch(n -> n.path("kind").asString().equals("TERMINATION_SCHEDULED")));
        assertThat(told.stream().filter(n -> n.path("kind").asString().equals("TERMINATION_SCHEDULED")).findFirst()
                .orElseThrow().path("body").asString()).contains("客户预算取消", java.time.LocalDate.parse(end).minusDays(1)
                .toString());
    }

    @Test
    void theRequestsToSignAreReadOnceTheContractIsSigned() {
        var sales = createUser("SALES", null);
        String id = signingRequested(sales.client());
        await(() -> unreadFor(sales.client(), id), list -> list.stream()
                .anyMatch(n -> n.path("kind").asString().equals("SIGNING_REQUESTED")));
        contracts.advance(id, ContractAction.SIGN, null, "admin");
        await(() -> unreadFor(sales.client(), id), list -> list.stream()
                .noneMatch(n -> n.path("kind").asString().equals("SIGNING_REQUESTED")));
    }

    @Test
    void approversAreToldOfTheirTasksAndOwnersOfTheCustomersWords() {
        var approver = createUser("SALES_MANAGER", null);
        var owner = createUser("SALES", null);
        String contractId = java.util.UUID.randomUUID().toString();
        inTransaction(() -> {
            events.publishEvent(new io.qiyue.approval.ApprovalEvent(io.qiyue.approval.ApprovalEvent.Kind.ESCALATED,
                    contractId, "HT-2026-9", "升级测试合同", "task-1", "部门经理审批", List.of(approver.username()),
                    "system", null, Instant.now()));
            events.publishEvent(new io.qiyue.negotiation.NegotiationEvent(
                    io.qiyue.negotiation.NegotiationEvent.Kind.PROPOSAL_RECEIVED, contractId, "HT-2026-9", "升级测试合同",
                    owner.username(), "李四", "第3条付款期限改为60天", Instant.now()));
        });
        var escalated = await(() -> unreadFor(approver.client(), contractId), list -> !list.isEmpty()).getFirst();
        assertThat(escalated.path("kind").asString()).isEqualTo("ESCALATED");
        assertThat(escalated.path("title").asString()).isEqualTo("审批已升级给您：HT-2026-9 升级测试合同");
        assertThat(escalated.path("link").asString()).as("the approver goes to the task").isEqualTo("/approvals/task-1");
        var proposal = await(() -> unreadFor(owner.client(), contractId), list -> !list.isEmpty()).getFirst();
        assertThat(proposal.path("kind").asString()).isEqualTo("COUNTERPARTY_VERSION");
        assertThat(proposal.path("link").asString()).isEqualTo("/contracts/" + contractId);
        assertThat(proposal.path("body").asString()).contains("客户联系人 李四", "修改稿", "说明：第3条付款期限改为60天");
        var mail = awaitMail(approver.username() + "@example.com", "审批已升级给您");
        assertThat(subject(mail)).isEqualTo("【契约】审批已升级给您：HT-2026-9 升级测试合同");

        // the same notifications, read by someone reading English: their kind's English wording, the words the
        // people involved wrote as they wrote them
        var inEnglish = approver.client().withHeader("Accept-Language", "en")
                .get("/api/v1/notifications?unread=true").json().path("items");
        var escalatedInEnglish = java.util.stream.StreamSupport.stream(inEnglish.spliterator(), false)
                .filter(n -> n.path("id").asString().equals(escalated.path("id").asString())).findFirst().orElseThrow();
        assertThat(escalatedInEnglish.path("title").asString()).isEqualTo("Approval escalated: HT-2026-9 升级测试合同");
        var proposalInEnglish = owner.client().withHeader("Accept-Language", "en")
                .post("/api/v1/notifications/" + proposal.path("id").asString() + "/read", "{}").json();
        assertThat(proposalInEnglish.path("body").asString()).contains("李四", "Note: 第3条付款期限改为60天")
                .doesNotContain("客户联系人", "说明");
    }

    /**
     * Outside tester: a return said "驳回到之前的审批节点", not which step. It names the step it went back to and the
     * approver's comment, in-app and by e-mail, in the reader's language.
     */
    @Test
    void aReturnNamesTheStepItWentBackToAndTheComment() throws Exception {
        var owner = createUser("SALES", null);
        String contractId = java.util.UUID.randomUUID().toString();
        inTransaction(() -> events.publishEvent(new io.qiyue.approval.ApprovalEvent(
                io.qiyue.approval.ApprovalEvent.Kind.RETURNED, contractId, "HT-2026-13", "驳回测试合同", "task-5",
                "法务审批", List.of(owner.username()), "admin", "金额有误，请复核", Instant.now(), "部门经理审批")));
        var returned = await(() -> unreadFor(owner.client(), contractId), list -> !list.isEmpty()).getFirst();
        assertThat(returned.path("kind").asString()).isEqualTo("RETURNED");
        assertThat(returned.path("body").asString()).contains("驳回到审批节点「部门经理审批」", "说明：金额有误，请复核")
                .doesNotContain("之前的审批节点");
        var inEnglish = owner.client().withHeader("Accept-Language", "en")
                .post("/api/v1/notifications/" + returned.path("id").asString() + "/read", "{}").json();
        assertThat(inEnglish.path("body").asString())
                .contains("to the step \"部门经理审批\"", "Note: 金额有误，请复核").doesNotContain("说明");
        assertThat(awaitMail(owner.username() + "@example.com", "HT-2026-13").getContent().toString())
                .contains("驳回到审批节点「部门经理审批」", "金额有误，请复核");
        assertThat(owner.client().get("/api/v1/users/me?lang=en").status()).isEqualTo(200);
        inTransaction(() -> events.publishEvent(new io.qiyue.approval.ApprovalEvent(
                io.qiyue.approval.ApprovalEvent.Kind.RETURNED, contractId, "HT-2026-14", "驳回测试合同", "task-6",
                "法务审批", List.of(owner.username()), "admin", "金额有误，请复核", Instant.now(), "部门经理审批")));
        assertThat(awaitMail(owner.username() + "@example.com", "HT-2026-14").getContent().toString())
                .contains("to the step \"部门经理审批\"", "Note: 金额有误，请复核");
    }

    /**
     * Outside tester: a proposal through a link shared without a contact read "客户联系人 — 对合同…". It names the
     * customer then, and reads naturally when there is no customer's name either.
     */
    @Test
    void aLinkWithoutAContactNamesTheCustomer() {
        var owner = createUser("SALES", null);
        String id = reviewed(owner.client());
        String customer = contracts.internal(id).customerName();
        String unknown = java.util.UUID.randomUUID().toString();
        inTransaction(() -> {
            events.publishEvent(new io.qiyue.negotiation.NegotiationEvent(
                    io.qiyue.negotiation.NegotiationEvent.Kind.PROPOSAL_RECEIVED, id, "HT-2026-15", "无联系人合同",
                    owner.username(), null, "第3条", Instant.now()));
            events.publishEvent(new io.qiyue.negotiation.NegotiationEvent(
                    io.qiyue.negotiation.NegotiationEvent.Kind.COMMENTED, unknown, "HT-2026-16", "无客户合同",
                    owner.username(), " ", "意见", Instant.now()));
        });
        var proposal = await(() -> unreadFor(owner.client(), id), list -> list.stream()
                .anyMatch(n -> n.path("kind").asString().equals("COUNTERPARTY_VERSION"))).stream()
                .filter(n -> n.path("kind").asString().equals("COUNTERPARTY_VERSION")).findFirst().orElseThrow();
        assertThat(proposal.path("body").asString()).startsWith("客户 " + customer + " 对合同「无联系人合同」")
                .doesNotContain("—", "客户联系人");
        var comment = await(() -> unreadFor(owner.client(), unknown), list -> !list.isEmpty()).getFirst();
        assertThat(comment.path("body").asString()).startsWith("客户对合同「无客户合同」（HT-2026-16）发表了意见。")
                .doesNotContain("—");
        var inEnglish = owner.client().withHeader("Accept-Language", "en")
                .post("/api/v1/notifications/" + proposal.path("id").asString() + "/read", "{}").json();
        assertThat(inEnglish.path("body").asString()).startsWith("The customer " + customer + " proposed changes");
        assertThat(owner.client().withHeader("Accept-Language", "en")
                .post("/api/v1/notifications/" + comment.path("id").asString() + "/read", "{}").json()
                .path("body").asString()).startsWith("The customer commented on contract");
    }

    /**
     * Outside tester: 待您签署 stayed unread after the signer signed, while the round went on for the customer. It is
     * read once they signed, in the same step.
     */
    @Test
    void aSignersRequestToSignIsReadOnceTheySigned() {
        var sales = createUser("SALES", null);
        String id = signingRequested(sales.client());
        await(() -> unreadFor(sales.client(), id), list -> list.stream()
                .anyMatch(n -> n.path("kind").asString().equals("SIGNATURE_REQUESTED")));
        var signed = sales.client().post("/api/v1/contracts/" + id + "/signatures",
                "{\"password\": \"" + USER_PASSWORD + "\"}");
        assertThat(signed.status()).as("%s", signed).isEqualTo(200);
        assertThat(admin().get("/api/v1/contracts/" + id).json().path("status").asString())
                .as("the customer is still to sign").isEqualTo("SIGNING");
        assertThat(unreadFor(sales.client(), id)).noneMatch(n -> n.path("kind").asString()
                .equals("SIGNATURE_REQUESTED"));
    }

    /** Outside tester: an English user's e-mails came in Chinese. The language they chose last is kept on the account. */
    @Test
    void aUserWritesToInTheLanguageTheyChoseLast() throws Exception {
        var approver = createUser("SALES_MANAGER", null);
        assertThat(approver.client().get("/api/v1/users/me?lang=en").status()).isEqualTo(200);
        String contractId = java.util.UUID.randomUUID().toString();
        inTransaction(() -> events.publishEvent(new io.qiyue.approval.ApprovalEvent(
                io.qiyue.approval.ApprovalEvent.Kind.ESCALATED, contractId, "HT-2026-10", "英文邮件合同", "task-2",
                "部门经理审批", List.of(approver.username()), "system", null, Instant.now())));
        var english = awaitMail(approver.username() + "@example.com", "HT-2026-10");
        assertThat(subject(english)).isEqualTo("[Qiyue] Approval escalated: HT-2026-10 英文邮件合同");
        assertThat(english.getContent().toString()).startsWith("Dear ").doesNotContain("您好");
        // a choice made on the sign-in page, before signing in, is kept on the account too
        var browser = new io.qiyue.testing.Browser(port);
        browser.get("/login?lang=zh-CN");
        browser.login(approver.username(), USER_PASSWORD);
        inTransaction(() -> events.publishEvent(new io.qiyue.approval.ApprovalEvent(
                io.qiyue.approval.ApprovalEvent.Kind.ESCALATED, contractId, "HT-2026-12", "登录时选择", "task-4",
                "部门经理审批", List.of(approver.username()), "system", null, Instant.now())));
        assertThat(subject(awaitMail(approver.username() + "@example.com", "HT-2026-12")))
                .startsWith("【契约】");
        assertThat(approver.client().get("/api/v1/users/me?lang=en").status()).isEqualTo(200);

        assertThat(approver.client().get("/api/v1/users/me?lang=zh-CN").status()).isEqualTo(200);
        inTransaction(() -> events.publishEvent(new io.qiyue.approval.ApprovalEvent(
                io.qiyue.approval.ApprovalEvent.Kind.ESCALATED, contractId, "HT-2026-11", "中文邮件合同", "task-3",
                "部门经理审批", List.of(approver.username()), "system", null, Instant.now())));
        assertThat(subject(awaitMail(approver.username() + "@example.com", "HT-2026-11")))
                .isEqualTo("【契约】审批已升级给您：HT-2026-11 中文邮件合同");
    }

    @Test
    void eachUserChoosesChannelsPerKind() {
        var sales = createUser("SALES", null);
        var defaults = sales.client().get("/api/v1/users/me/notification-preferences").json().path("preferences");
        assertThat(defaults.size()).isEqualTo(EventKind.values().length);
        assertThat(defaults.get(0).path("kind").asString()).isEqualTo("SUBMITTED");
        assertThat(defaults.get(0).path("email").asBoolean()).isFalse();

        var refused = sales.client().put("/api/v1/users/me/notification-preferences", """
                { "preferences": [ { "kind": "SIGNING_REQUESTED", "inApp": false, "email": true },
                                   { "kind": "NO_SUCH_KIND", "inApp": true, "email": true },
                                   { "kind": "EXPIRED", "inApp": true } ] }""", null);
        assertProblem(refused, 400, "preferences[1].kind", "preferences[2].email");
        assertThat(sales.client().get("/api/v1/users/me/notification-preferences").json().path("preferences")
                .get(EventKind.SIGNING_REQUESTED.ordinal()).path("inApp").asBoolean())
                .as("nothing half-written").isTrue();

        var saved = sales.client().put("/api/v1/users/me/notification-preferences", """
                { "preferences": [ { "kind": "SIGNING_REQUESTED", "inApp": false, "email": true },
                                   { "kind": "contract.submitted", "inApp": true, "email": true } ] }""", null);
        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        String id = signingRequested(sales.client());
        awaitMail(sales.username() + "@example.com", "合同待签署");
        awaitMail(sales.username() + "@example.com", "合同已提交审批");
        assertThat(unreadFor(sales.client(), id)).extracting(n -> n.path("kind").asString())
                .as("the owner is also asked to sign for us (the default signer): a kind of its own")
                .containsExactlyInAnyOrder("SUBMITTED", "SIGNATURE_REQUESTED");
    }

    @Test
    void anEmailIsKeptWhileTheMailServerIsDownAndSentWhenItIsBack() {
        var sales = createUser("SALES", null);
        greenMail.stop();
        String id;
        try {
            id = signingRequested(sales.client());
            await(() -> unreadFor(sales.client(), id), list -> list.stream()
                    .anyMatch(n -> n.path("kind").asString().equals("SIGNING_REQUESTED")));
            // two e-mails wait for the owner: signing started, and the request to sign for us (the default signer);
            // the worker runs until it has tried one (the scheduled run may hold the job's lock at first)
            var queued = await(() -> {
                runWorker(Instant.now());
                return jdbc.sql("SELECT status, attempts, last_error FROM notification_outbox WHERE target = ?")
                        .param(sales.username() + "@example.com")
                        .query((rs, n) -> List.of(rs.getString(1), rs.getInt(2), String.valueOf(rs.getString(3))))
                        .list();
            }, rows -> rows.stream().anyMatch(row -> (Integer) row.get(1) >= 1));
            assertThat(queued).hasSize(2).allSatisfy(row -> assertThat(row.get(0)).isEqualTo("PENDING"));
        } finally {
            greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
        runWorker(Instant.now().plus(Duration.ofHours(2)));
        var mail = awaitMail(sales.username() + "@example.com", "合同待签署");
        assertThat(subject(mail)).contains(id.isEmpty() ? "?" : "合同待签署");
    }

    /**
     * Found by an outside tester: 待您审批 went out to an approver after the other had closed the step (或签), 待您签署
     * after the paper signing was recorded, and the requests queued while no mail server was set all went out once
     * it was, for tasks decided minutes before. A request to act is checked when it is sent: done with, it is not
     * sent, and the outbox says why; the news of what happened still goes.
     */
    @Test
    void aRequestToActIsNotSentOnceWhatItAsksForIsDone() {
        var first = createUser("SALES_MANAGER", null);
        var second = createUser("SALES_MANAGER", null);
        var owner = createUser("SALES", null);
        var current = admin().get("/api/v1/notification-settings");
        var unset = admin().put("/api/v1/notification-settings", """
                { "smtpHost": null, "smtpPort": 25, "smtpUsername": null, "smtpPassword": "", "smtpTls": false,
                  "fromAddress": "qiyue@example.cn", "publicBaseUrl": "%s/" }
                """.formatted(BASE_URL), current.header("ETag"));
        assertThat(unset.status()).as("%s", unset).isEqualTo(200);
        String id;
        try {
            String name = unique("或签流程");
            String step = ("{\"name\": \"经理或签\", \"kind\": \"APPROVAL\", \"mode\": \"ANY\", \"approvers\": ["
                    + "{\"userId\": \"%s\"}, {\"userId\": \"%s\"}], \"timeLimitHours\": null, \"condition\": null}")
                    .formatted(first.id(), second.id());
            var flow = admin().post("/api/v1/approval-flows",
                    "{\"name\": \"%s\", \"priority\": -999991, \"steps\": [%s]}".formatted(name, step));
            assertThat(flow.status()).as("%s", flow).isEqualTo(201);
            id = readyContract(owner.client(), "或签通知");
            String path = "/api/v1/contracts/" + id;
            try {
                var submitted = owner.client().request("POST", path + "/submit")
                        .header("If-Match", owner.client().get(path).header("ETag")).json("{}").send();
                assertThat(submitted.status()).as("submit: %s", submitted).isEqualTo(200);
            } finally {
                var disabled = admin().put("/api/v1/approval-flows/" + flow.json().path("id").asString(),
                        "{\"name\": \"%s\", \"enabled\": false, \"steps\": [%s]}".formatted(name, step), "\"1\"");
                assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
            }
            // both asked (no mail server yet: the e-mails wait), then the first decides for the step
            for (var approver : List.of(first, second)) {
                await(() -> emails(approver.username() + "@example.com"), rows -> rows.stream()
                        .anyMatch(row -> row.get(0).equals("APPROVAL_REQUESTED")));
            }
            String task = first.client().get("/api/v1/approvals?assignee=me").json().path("items").get(0)
                    .path("id").asString();
            var decided = first.client().post("/api/v1/approvals/" + task + "/decision",
                    "{\"decision\": \"APPROVE\", \"comment\": \"同意\"}");
            assertThat(decided.status()).as("%s", decided).isEqualTo(200);
            // signing started: the owner is asked to sign for us; then it is signed on paper
            var started = owner.client().request("POST", path + "/signing")
                    .header("If-Match", owner.client().get(path).header("ETag")).json("{}").send();
            assertThat(started.status()).as("start signing: %s", started).isEqualTo(200);
            await(() -> emails(owner.username() + "@example.com"), rows -> rows.stream()
                    .anyMatch(row -> row.get(0).equals("SIGNATURE_REQUESTED")));
            paperSigned(owner.client(), id);
        } finally {
            pointTheSettingsAtGreenMail();
        }
        // the mail server is set now: what waited is sent, or dropped with the reason
        var done = java.util.Set.of("SENT", "CANCELLED");
        for (var user : List.of(first, second, owner)) {
            await(() -> {
                runWorker(Instant.now().plus(Duration.ofHours(2)));
                return emails(user.username() + "@example.com");
            }, rows -> rows.stream().allMatch(row -> done.contains(row.get(1))));
        }
        for (var approver : List.of(first, second)) {
            assertThat(emails(approver.username() + "@example.com")).as("the step was decided")
                    .containsExactly(List.of("APPROVAL_REQUESTED", "CANCELLED", PendingActions.TASK_ENDED));
            assertThat(receivedBy(approver.username() + "@example.com")).isEmpty();
        }
        var owners = emails(owner.username() + "@example.com");
        assertThat(owners).as("signed on paper: nobody signs any more")
                .contains(List.of("SIGNATURE_REQUESTED", "CANCELLED", PendingActions.SIGNATURE_DONE));
        assertThat(owners).as("the news goes: approved, signed").contains(List.of("APPROVED", "SENT", "null"));
        assertThat(receivedBy(owner.username() + "@example.com").stream().map(this::subject))
                .noneMatch(s -> s.contains("待您签署")).anyMatch(s -> s.contains("审批通过"));
    }

    /** The e-mails queued for an address, oldest first: their kind, status and why they were not sent. */
    private List<List<String>> emails(String address) {
        return jdbc.sql("SELECT event_kind, status, last_error FROM notification_outbox WHERE channel = 'EMAIL'"
                        + " AND target = ? ORDER BY created_at, id").param(address)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), String.valueOf(rs.getString(3)))).list();
    }

    @Test
    void webhooksAreSignedRetriedAfterA500AndLogged() throws Exception {
        var received = new CopyOnWriteArrayList<Received>();
        var calls = new AtomicInteger();
        HttpServer server = receiver(received, exchange -> calls.incrementAndGet() == 1 ? 500 : 200);
        String secret = "whsec-" + unique("s") + "-0123456789";
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            assertProblem(admin().post("/api/v1/webhooks", """
                    { "url": "ftp://127.0.0.1/x", "events": ["contract.nothing"], "secret": "short" }"""),
                    400, "url", "events[0]", "secret");
            var sales = createUser("SALES", null);
            assertProblem(sales.client().post("/api/v1/webhooks", """
                    { "url": "%s", "events": ["contract.signing_requested"], "secret": "%s" }""".formatted(url, secret)), 403);
            var created = admin().post("/api/v1/webhooks", """
                    { "url": "%s", "events": ["contract.signing_requested"], "secret": "%s" }""".formatted(url, secret));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            assertThat(created.body()).doesNotContain(secret);
            String hookId = created.json().path("id").asString();
            var audit = admin().get("/api/v1/audit?entity=WEBHOOK&id=" + hookId);
            assertThat(audit.status()).isEqualTo(200);
            assertThat(audit.body()).as("the new endpoint is in the audit trail, its secret is not").contains(url)
                    .doesNotContain(secret);
            try {
                String id = signingRequested(sales.client());
                awaitDelivery(hookId, d -> d.path("attempts").asInt() >= 1, Instant.now());
                var log = admin().get("/api/v1/webhooks/" + hookId + "/deliveries").json().path("items").get(0);
                assertThat(log.path("status").asString()).isEqualTo("PENDING");
                assertThat(log.path("lastStatusCode").asInt()).isEqualTo(500);
                assertThat(log.path("nextAttemptAt").asString()).isNotBlank();

                awaitDelivery(hookId, d -> d.path("status").asString().equals("SENT"), Instant.now().plusSeconds(3600));
                var done = admin().get("/api/v1/webhooks/" + hookId + "/deliveries").json().path("items").get(0);
                assertThat(done.path("attempts").asInt()).isEqualTo(2);
                assertThat(done.path("lastStatusCode").asInt()).isEqualTo(200);
                assertThat(received).hasSize(2);
                for (Received r : received) {
                    assertThat(r.event()).isEqualTo("contract.signing_requested");
                    assertThat(r.signature()).isEqualTo("sha256=" + HexFormat.of().formatHex(
                            hmac(secret.getBytes(StandardCharsets.UTF_8), r.body().getBytes(StandardCharsets.UTF_8))));
                    var body = JSON.readTree(r.body());
                    assertThat(body.path("event").asString()).isEqualTo("contract.signing_requested");
                    assertThat(body.path("occurredAt").asString()).isNotBlank();
                    assertThat(body.path("data").path("contractId").asString()).isEqualTo(id);
                    assertThat(body.path("data").path("url").asString()).isEqualTo(BASE_URL + "/contracts/" + id);
                }
            } finally {
                assertThat(admin().delete("/api/v1/webhooks/" + hookId, null).status()).isEqualTo(204);
                assertThat(admin().get("/api/v1/webhooks/" + hookId + "/deliveries").status()).isEqualTo(404);
            }
        } finally {
            server.stop(0);
        }
    }

    /**
     * Server-side request forgery: the cloud's metadata service, link-local and unspecified addresses are refused
     * when saved, even where private networks are allowed (as in these tests, whose receivers are on 127.0.0.1), and
     * a URL stored before that check is not posted to either.
     */
    @Test
    void webhooksAndRobotsAreNeverSentToLinkLocalOrUnspecifiedAddresses() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[fe80::1]:8080/x",
                "http://0.0.0.0:8080/x", "http://[::ffff:169.254.169.254]/x", "http://[::]/x")) {
            var hook = admin().post("/api/v1/webhooks", """
                    { "url": "%s", "events": ["contract.expiring"], "secret": "0123456789abcdef-ssrf" }""".formatted(url));
            assertProblem(hook, 400, "url");
            var body = JSON.createObjectNode();
            body.put("name", unique("群机器人"));
            body.put("kind", "WECOM");
            body.put("url", url);
            body.putArray("events").add("contract.expiring");
            assertProblem(admin().post("/api/v1/group-robots", body.toString()), 400, "url");
        }
        assertThat(admin().post("/api/v1/webhooks", """
                { "url": "http://169.254.169.254/", "events": ["contract.expiring"], "secret": "0123456789abcdef-ssrf" }""")
                .body()).contains("169.254.169.254");

        var created = admin().post("/api/v1/webhooks", """
                { "url": "https://hooks.example.cn/%s", "events": ["contract.expiring"], "secret": "0123456789abcdef-ssrf" }"""
                .formatted(unique("h")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String hookId = created.json().path("id").asString();
        try {
            jdbc.sql("UPDATE webhook SET url = ? WHERE id = ?").params("http://169.254.169.254/latest/meta-data/", hookId)
                    .update();
            inTransaction(() -> dispatcher.dispatch(new Occurrence(EventKind.EXPIRING, "c-ssrf", "HT-SSRF", unique("合同"),
                    List.of(), "system", "30", null, Instant.now())));
            awaitDelivery(hookId, d -> d.path("status").asString().equals("FAILED"), Instant.now());
            var log = admin().get("/api/v1/webhooks/" + hookId + "/deliveries").json().path("items").get(0);
            assertThat(log.path("lastError").asString()).contains("address not allowed", "169.254.169.254");
            assertThat(log.path("lastStatusCode").isNull() || log.path("lastStatusCode").isMissingNode()).isTrue();
        } finally {
            admin().delete("/api/v1/webhooks/" + hookId, null);
        }
    }

    @Test
    void aHangingReceiverDoesNotSlowTheRequestThatCausedTheEvent() throws Exception {
        var received = new CopyOnWriteArrayList<Received>();
        HttpServer server = receiver(received, exchange -> {
            sleep(8000);
            return 200;
        });
        var created = admin().post("/api/v1/webhooks", """
                { "url": "http://127.0.0.1:%d/slow", "events": ["contract.submitted"], "secret": "0123456789abcdef-slow" }"""
                .formatted(server.getAddress().getPort()));
        String hookId = created.json().path("id").asString();
        try {
            var sales = createUser("SALES", null);
            String id = reviewed(sales.client());
            String etag = sales.client().get("/api/v1/contracts/" + id).header("ETag");
            long started = System.nanoTime();
            var submitted = sales.client().request("POST", "/api/v1/contracts/" + id + "/submit")
                    .header("If-Match", etag).json("{}").send();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);
            assertThat(millis).as("the request does not wait for the receiver").isLessThan(3000);
            awaitDelivery(hookId, d -> d.path("attempts").asInt() >= 1, Instant.now());
            var log = admin().get("/api/v1/webhooks/" + hookId + "/deliveries").json().path("items").get(0);
            assertThat(log.path("lastError").asString()).as("timed out").contains("Timeout");
        } finally {
            admin().delete("/api/v1/webhooks/" + hookId, null);
            server.stop(0);
        }
    }

    @Test
    void groupRobotsGetTheirFormatsSignedAndDigestsBeyondTheRateLimit() throws Exception {
        var received = new CopyOnWriteArrayList<Received>();
        HttpServer server = receiver(received, exchange -> 200);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String dingSecret = "SEC" + unique("d");
        String feishuSecret = "fs" + unique("f");
        String wecom = robot("WECOM", base + "/wecom?key=k1", null);
        String ding = robot("DINGTALK", base + "/ding?access_token=t1", dingSecret);
        String feishu = robot("FEISHU", base + "/feishu", feishuSecret);
        assertProblem(admin().post("/api/v1/group-robots", """
                { "name": "", "kind": "QQ", "url": "javascript:alert(1)", "events": [] }"""), 400, "name", "kind", "url", "events");
        try {
            String marker = unique("机器人");
            // 25 notifications at once: beyond the 20 a minute of WeCom and DingTalk, so they go as digests
            inTransaction(() -> {
                for (int i = 0; i < 25; i++) {
                    dispatcher.dispatch(new Occurrence(EventKind.EXPIRING, "c-" + i, "HT-" + i, marker + "-" + i,
                            List.of(), "system", "30", null, Instant.now()));
                }
            });
            Instant now = Instant.now();
            for (int i = 0; i < 10 && pendingFor(List.of(wecom, ding, feishu)) > 0; i++) {
                runWorker(now);
            }
            assertThat(pendingFor(List.of(wecom, ding, feishu))).isZero();
            for (String path : List.of("/wecom", "/ding", "/feishu")) {
                var posts = received.stream().filter(r -> r.uri().startsWith(path)).toList();
                String all = String.join("\n", posts.stream().map(Received::body).toList());
                for (int i = 0; i < 25; i++) {
                    assertThat(all).as("%s got item %d", path, i).contains(marker + "-" + i + "」");
                }
                if (!path.equals("/feishu")) {
                    assertThat(posts.size()).as("%s within 20 a minute", path).isBetween(1, 20);
                    assertThat(all).contains("契约通知汇总");
                }
            }
            var wecomBody = JSON.readTree(received.stream().filter(r -> r.uri().startsWith("/wecom")).findFirst()
                    .orElseThrow().body());
            assertThat(wecomBody.path("msgtype").asString()).isEqualTo("markdown");
            assertThat(wecomBody.path("markdown").path("content").asString()).contains("合同即将到期");
            assertThat(Digests.bytes(wecomBody.path("markdown").path("content").asString())).isLessThanOrEqualTo(4096);

            for (Received r : received.stream().filter(r -> r.uri().startsWith("/ding")).toList()) {
                var query = query(r.uri());
                assertThat(query.get("access_token")).isEqualTo("t1");
                long ts = Long.parseLong(query.get("timestamp"));
                String expected = Base64.getEncoder().encodeToString(hmac(dingSecret.getBytes(StandardCharsets.UTF_8),
                        (ts + "\n" + dingSecret).getBytes(StandardCharsets.UTF_8)));
                assertThat(query.get("sign")).isEqualTo(expected);
                var body = JSON.readTree(r.body());
                assertThat(body.path("msgtype").asString()).isEqualTo("markdown");
                assertThat(body.path("markdown").path("title").asString()).isNotBlank();
            }
            for (Received r : received.stream().filter(r -> r.uri().startsWith("/feishu")).toList()) {
                var body = JSON.readTree(r.body());
                long ts = Long.parseLong(body.path("timestamp").asString());
                String expected = Base64.getEncoder().encodeToString(
                        hmac((ts + "\n" + feishuSecret).getBytes(StandardCharsets.UTF_8), new byte[0]));
                assertThat(body.path("sign").asString()).isEqualTo(expected);
                assertThat(body.path("msg_type").asString()).isEqualTo("text");
                assertThat(body.path("content").path("text").asString()).isNotBlank();
            }
            assertThat(received.stream().filter(r -> r.uri().startsWith("/feishu")).count())
                    .as("Feishu: 5 a second").isLessThanOrEqualTo(5);

            // the minute's budget used up: a new message waits for the next minute instead of being dropped
            Instant later = Instant.now();
            for (int i = 0; i < 20; i++) {
                jdbc.sql("INSERT INTO robot_dispatch (id, robot_id, sent_at, items, status_code) VALUES (?,?,?,1,200)")
                        .params(unique("d"), wecom, DbTime.toDb(later)).update();
            }
            int before = received.size();
            inTransaction(() -> dispatcher.dispatch(new Occurrence(EventKind.EXPIRING, "c-late", "HT-late",
                    marker + "-late", List.of(), "system", "7", null, later)));
            runWorker(later.plusSeconds(5));
            assertThat(received.stream().skip(before).filter(r -> r.uri().startsWith("/wecom")).toList()).isEmpty();
            assertThat(pendingFor(List.of(wecom))).isEqualTo(1);
            runWorker(later.plusSeconds(61));
            assertThat(pendingFor(List.of(wecom))).isZero();
            assertThat(received.stream().skip(before).filter(r -> r.uri().startsWith("/wecom")).toList())
                    .singleElement().satisfies(r -> assertThat(r.body()).contains(marker + "-late"));
            var dispatches = admin().get("/api/v1/group-robots/" + wecom + "/dispatches");
            assertThat(dispatches.status()).isEqualTo(200);
            assertThat(dispatches.json().path("items").size()).isGreaterThanOrEqualTo(22);
            assertThat(dispatches.json().path("total").asInt()).isEqualTo(dispatches.json().path("items").size());
        } finally {
            for (String robot : List.of(wecom, ding, feishu)) {
                assertThat(admin().delete("/api/v1/group-robots/" + robot, null).status()).isEqualTo(204);
            }
            server.stop(0);
        }
    }

    @Test
    void settingsAreForAdminsAndCheckedAndThePasswordIsNeverShown() {
        var sales = createUser("SALES", null);
        assertProblem(sales.client().get("/api/v1/notification-settings"), 403);
        var current = admin().get("/api/v1/notification-settings");
        assertProblem(admin().put("/api/v1/notification-settings", """
                { "smtpHost": "smtp.example.cn", "smtpPort": 70000, "fromAddress": "not-an-address",
                  "publicBaseUrl": "ftp://x" }""", current.header("ETag")), 400, "smtpPort", "fromAddress", "publicBaseUrl");
        assertProblem(admin().put("/api/v1/notification-settings", "{}", "\"999\""), 412);
        var saved = admin().put("/api/v1/notification-settings", """
                { "smtpHost": "127.0.0.1", "smtpPort": %d, "smtpUsername": "mailer", "smtpPassword": "p@ss-秘密",
                  "smtpTls": false, "fromAddress": "qiyue@example.cn", "publicBaseUrl": "%s" }"""
                .formatted(smtpPort, BASE_URL), current.header("ETag"));
        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        assertThat(saved.json().path("passwordSet").asBoolean()).isTrue();
        assertThat(saved.body()).doesNotContain("p@ss-秘密");
        String stored = jdbc.sql("SELECT smtp_password_cipher FROM notification_settings").query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain("p@ss");
        // what GET answered goes back as it is (outside tester: passwordSet and version were unknown fields)
        var read = admin().get("/api/v1/notification-settings");
        var again = admin().put("/api/v1/notification-settings", read.body(), read.header("ETag"));
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json().path("passwordSet").asBoolean()).as("the password kept").isTrue();
        assertProblem(admin().put("/api/v1/notification-settings", ((tools.jackson.databind.node.ObjectNode) read.json()
                .deepCopy()).put("passwordSet", false).toString(), again.header("ETag")), 400, "passwordSet");
        // a cleared address reads back as cleared, beside what e-mails fall back to (outside tester: it showed the
        // fallback as the address, so clearing it looked like it did nothing)
        var cleared = admin().put("/api/v1/notification-settings", ((tools.jackson.databind.node.ObjectNode) again.json()
                .deepCopy()).putNull("publicBaseUrl").toString(), again.header("ETag"));
        assertThat(cleared.status()).as("%s", cleared).isEqualTo(200);
        var afterClearing = admin().get("/api/v1/notification-settings").json();
        assertThat(afterClearing.path("publicBaseUrl").isNull()).as("%s", afterClearing).isTrue();
        assertThat(afterClearing.path("publicBaseUrlDefault").asString()).startsWith("http");
    }

    @Test
    void aMessageIsClaimedByOneInstanceOnlyAndAClaimThatOutlivedItsInstanceIsTakenAgain() {
        String target = unique("claim") + "@example.cn";
        Instant now = Instant.now();
        inTransaction(() -> outbox.add(Outbox.Channel.EMAIL, target, EventKind.EXPIRED, "s", "p", now));
        var seen = jdbc.sql("SELECT id, version FROM notification_outbox WHERE target = ?").param(target)
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).single();
        var snapshot = new Outbox.Message(seen[0], Outbox.Channel.EMAIL, target, EventKind.EXPIRED, "s", "p", null, null, 0,
                Integer.parseInt(seen[1]), now);
        // two instances read the same due row: the versioned UPDATE lets one of them have it
        assertThat(outbox.claim(snapshot, now, now.plusSeconds(120))).isTrue();
        assertThat(outbox.claim(snapshot, now, now.plusSeconds(120))).isFalse();
        var again = outbox.dueFor(Outbox.Channel.EMAIL, target, now.plusSeconds(121), 10);
        assertThat(again).as("the claim ran out: due again").singleElement();
        assertThat(outbox.claim(again.getFirst(), now.plusSeconds(121), now.plusSeconds(240))).isTrue();
        outbox.cancelPending(Outbox.Channel.EMAIL, target);
    }

    // ---- helpers

    private String ownEntity;

    /**
     * An entity of the test's own, without seals: a seal another test gives the shared entity would make its holder,
     * not the owner, our default signatory, and the owner would not be asked to sign.
     */
    @Override
    protected String ourEntityId() {
        if (ownEntity == null) {
            var created = admin().post("/api/v1/our-entities", """
                    { "name": "%s", "creditCode": "%s", "address": "上海市浦东新区世纪大道100号",
                      "legalRepresentative": "王五", "bankName": "中国工商银行上海分行", "bankAccount": "1001234567890123" }
                    """.formatted(unique("契约通知测试有限公司"), io.qiyue.testing.TestIdentifiers.creditCode()));
            assertThat(created.status()).as("create our entity: %s", created).isEqualTo(201);
            ownEntity = created.json().path("id").asString();
        }
        return ownEntity;
    }

    /** A contract of the caller, reviewed, submitted, approved and sent to signing by the admin. */
    private String signingRequested(ApiClient as) {
        String id = reviewed(as);
        contracts.advance(id, ContractAction.SUBMIT, null, "admin");
        contracts.advance(id, ContractAction.APPROVE, "同意", "admin");
        contracts.advance(id, ContractAction.START_SIGNING, "请安排签署", "admin");
        return id;
    }

    /** A draft of the caller, reviewed with its warnings accepted: ready to submit. */
    private String reviewed(ApiClient as) {
        return readyContract(as, "通知合同");
    }

    private static List<JsonNode> unreadFor(ApiClient as, String contractId) {
        var list = new ArrayList<JsonNode>();
        as.get("/api/v1/notifications?unread=true&size=200").json().path("items").forEach(n -> {
            if (n.path("contractId").asString().equals(contractId)) {
                list.add(n);
            }
        });
        return list;
    }

    private <T> T await(java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value) || System.nanoTime() > deadline) {
                assertThat(done.test(value)).as("in time: %s", value).isTrue();
                return value;
            }
            sleep(100);
        }
    }

    private void runWorker(Instant now) {
        // another run (the scheduled one) may hold the lock for a moment: ours runs once it is free
        await(() -> worker.runFor(now).ran(), ran -> ran);
    }

    private MimeMessage awaitMail(String to, String subjectPart) {
        return await(() -> {
            runWorker(Instant.now());
            return receivedBy(to).stream().filter(m -> subject(m).contains(subjectPart)).findFirst().orElse(null);
        }, m -> m != null);
    }

    private List<MimeMessage> receivedBy(String to) {
        var list = new ArrayList<MimeMessage>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                if (m.getAllRecipients() != null && m.getAllRecipients()[0].toString().equals(to)) {
                    list.add(m);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return list;
    }

    private String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitDelivery(String hookId, java.util.function.Predicate<JsonNode> done, Instant now) {
        await(() -> {
            runWorker(now);
            var items = admin().get("/api/v1/webhooks/" + hookId + "/deliveries").json().path("items");
            return items.isEmpty() ? null : items.get(0);
        }, d -> d != null && done.test(d));
    }

    private int pendingFor(List<String> robots) {
        int n = 0;
        for (String robot : robots) {
            n += jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE channel = 'ROBOT' AND target = ? AND status"
                    + " IN ('PENDING', 'SENDING')").param(robot).query(Integer.class).single();
        }
        return n;
    }

    private String robot(String kind, String url, String secret) {
        var body = JSON.createObjectNode();
        body.put("name", unique("群机器人"));
        body.put("kind", kind);
        body.put("url", url);
        body.put("secret", secret);
        body.putArray("events").add("contract.expiring");
        var created = admin().post("/api/v1/group-robots", body.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.body()).doesNotContain("access_token", "key=k1");
        return created.json().path("id").asString();
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> work.run());
    }

    interface Answer {
        int status(com.sun.net.httpserver.HttpExchange exchange);
    }

    private static HttpServer receiver(List<Received> received, Answer answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("X-Qiyue-Event"),
                    exchange.getRequestHeaders().getFirst("X-Qiyue-Signature"), body));
            int status = answer.status(exchange);
            byte[] reply = "{\"errcode\":0,\"errmsg\":\"ok\",\"code\":0}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static Map<String, String> query(String uri) {
        var map = new java.util.HashMap<String, String>();
        String q = uri.substring(uri.indexOf('?') + 1);
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            map.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
