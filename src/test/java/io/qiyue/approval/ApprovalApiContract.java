package io.qiyue.approval;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approval flows over HTTP: the full path to SIGNING through an all-of and an any-of step, every decision
 * (approve, reject, return, transfer, add before and after), withdrawal before and after a decision, the time
 * limit's reminder and escalation with a moved clock, two decisions at once, a flow edited while one runs,
 * resubmission to the rejecting step, 自动去重, and the flow API's validation. Each test makes its own flow the
 * one that applies (a priority below all earlier ones), so tests in one database do not see each other's flows.
 */
@RecordApplicationEvents
abstract class ApprovalApiContract extends ApiTestSupport {
    private static final AtomicInteger PRIORITY = new AtomicInteger(-1000);

    private final List<String> flows = new ArrayList<>();
    /** The answer to the last submission of {@link #submitted}. */
    private HttpResponse lastSubmit;

    @Autowired
    Approvals approvals;

    /** Other test classes on this database submit too: they get the flow they would have had. */
    @AfterEach
    void disableTheTestsFlows() {
        for (String id : flows) {
            var current = admin().get("/api/v1/approval-flows/" + id);
            var body = (ObjectNode) current.json();
            body.put("enabled", false);
            var disabled = admin().put("/api/v1/approval-flows/" + id, body.toString(), current.header("ETag"));
            assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
        }
        flows.clear();
    }
    @Autowired
    ApplicationEvents events;

    @Test
    void aContractGoesThroughAnAllOfAndAnAnyOfStepToApprovedAndThenToSigning() {
        var owner = createUser("SALES", null);
        var a1 = createUser("SALES_MANAGER", null);
        var a2 = createUser("FINANCE", null);
        var l1 = createUser("LEGAL", null);
        var l2 = createUser("LEGAL", null);
        var outsider = createUser("SALES", null);
        flow(false, false, step("会签", "APPROVAL", "ALL", users(a1, a2)), step("法务审核", "LEGAL_REVIEW", "ANY", users(l1, l2)));
        String id = submitted(owner.client());
        assertThat(status(id)).isEqualTo("IN_APPROVAL");

        assertThat(inbox(l1)).as("the second step waits for the first").isEmpty();
        var task = inbox(a1).getFirst();
        assertThat(task.path("contractId").asString()).isEqualTo(id);
        assertThat(task.path("step").asString()).isEqualTo("会签");
        assertThat(task.path("assignee").asString()).isEqualTo(a1.username());
        assertThat(task.path("contractNumber").asString()).isNotBlank();
        assertThat(a1.client().get("/api/v1/contracts/" + id).status()).as("an approver reads the contract").isEqualTo(200);
        assertThat(outsider.client().get("/api/v1/contracts/" + id).status()).isEqualTo(404);

        String number = contractNumber(id);
        awaitNotification(a1, "APPROVAL_REQUESTED", n -> n.path("title").asString().contains(number)
                && !n.path("read").asBoolean());
        assertThat(approve(a1, id).status()).isEqualTo(200);
        assertThat(status(id)).as("会签 waits for both").isEqualTo("IN_APPROVAL");
        assertThat(inbox(l1)).isEmpty();
        assertThat(approve(a2, id).status()).isEqualTo(200);
        assertThat(inbox(l1)).hasSize(1);
        assertThat(inbox(l2)).hasSize(1);
        awaitNotification(l1, "APPROVAL_REQUESTED", n -> n.path("title").asString().contains(number)
                && !n.path("read").asBoolean());
        var decided = approve(l2, id);
        assertThat(decided.status()).as("%s", decided).isEqualTo(200);
        assertThat(decided.json().path("decision").asString()).isEqualTo("APPROVE");
        assertThat(inbox(l1)).as("或签: the first approval decides the step").isEmpty();
        // the request to decide a task that closed with its step is read: nothing waits there (outside tester)
        awaitNotification(l1, "APPROVAL_REQUESTED", n -> n.path("title").asString().contains(number)
                && n.path("read").asBoolean());
        awaitNotification(a1, "APPROVAL_REQUESTED", n -> n.path("title").asString().contains(number)
                && n.path("read").asBoolean());
        assertThat(status(id)).isEqualTo("APPROVED");

        var signing = owner.client().request("POST", "/api/v1/contracts/" + id + "/signing")
                .header("If-Match", etag(owner.client(), id)).json("{}").send();
        assertThat(signing.status()).as("%s", signing).isEqualTo(200);
        assertThat(signing.json().path("status").asString()).isEqualTo("SIGNING");

        var history = owner.client().get("/api/v1/contracts/" + id + "/approval");
        assertThat(history.status()).as("%s", history).isEqualTo(200);
        var run = history.json().path("runs").get(0);
        assertThat(run.path("status").asString()).isEqualTo("APPROVED");
        var first = run.path("steps").get(0).path("entries");
        assertThat(first.size()).isEqualTo(2);
        first.forEach(e -> {
            assertThat(e.path("decision").asString()).isEqualTo("APPROVE");
            assertThat(e.path("secondsTaken").isNumber()).isTrue();
            assertThat(e.path("decidedAt").asString()).isNotBlank();
        });
        var second = run.path("steps").get(1).path("entries");
        assertThat(second.size()).isEqualTo(2);
        assertThat(statuses(second)).containsExactlyInAnyOrder("DECIDED", "CLOSED");
        assertThat(l1.client().get("/api/v1/contracts/" + id).status())
                .as("a past assignee still reads the contract").isEqualTo(200);
    }

    /** Found by an outside tester: a 会签 step of two was passed by one, who was handed the other's task and approved twice. */
    @Test
    void aTaskOfAStepIsNotHandedToSomeoneWhoAlreadyDecidesInIt() {
        var owner = createUser("SALES", null);
        var a1 = createUser("SALES_MANAGER", null);
        var a2 = createUser("SALES_MANAGER", null);
        var a3 = createUser("SALES_MANAGER", null);
        flow(false, false, step("会签", "APPROVAL", "ALL", users(a1, a2)));
        String id = submitted(owner.client());
        String first = inboxIds(a1, id).getFirst();
        String second = inboxIds(a2, id).getFirst();
        var toHolder = decide(a1, first, "{\"decision\": \"TRANSFER\", \"toUserId\": \"%s\", \"comment\": \"请代审\"}"
                .formatted(a2.id()));
        assertProblem(toHolder, 400, "toUserId");
        var added = decide(a1, first, "{\"decision\": \"ADD_APPROVER\", \"toUserId\": \"%s\", \"position\": \"AFTER\"}"
                .formatted(a2.id()));
        assertProblem(added, 400, "toUserId");
        assertThat(decide(a2, second, "{\"decision\": \"APPROVE\"}").status()).isEqualTo(200);
        var toApprover = decide(a1, first, "{\"decision\": \"TRANSFER\", \"toUserId\": \"%s\", \"comment\": \"请代审\"}"
                .formatted(a2.id()));
        assertProblem(toApprover, 400, "toUserId");
        assertThat(status(id)).as("one of the two has approved").isEqualTo("IN_APPROVAL");
        var toOther = decide(a1, first, "{\"decision\": \"TRANSFER\", \"toUserId\": \"%s\", \"comment\": \"请代审\"}"
                .formatted(a3.id()));
        assertThat(toOther.status()).as("%s", toOther).isEqualTo(200);
    }

    @Test
    void aRejectionNeedsAReasonAndSendsTheContractBackToDraftAndEndsTheFlow() {
        var owner = createUser("SALES", null);
        var a1 = createUser("SALES_MANAGER", null);
        var a2 = createUser("SALES_MANAGER", null);
        flow(false, false, step("会签", "APPROVAL", "ALL", users(a1, a2)));
        String id = submitted(owner.client());
        String task = inbox(a1).getFirst().path("id").asString();
        var noReason = decide(a1, task, "{\"decision\": \"REJECT\"}");
        assertProblem(noReason, 400, "comment");
        var notYours = decide(a2, task, "{\"decision\": \"APPROVE\"}");
        assertProblem(notYours, 403);
        var rejected = decide(a1, task, "{\"decision\": \"REJECT\", \"comment\": \"付款条件不可接受\"}");
        assertThat(rejected.status()).as("%s", rejected).isEqualTo(200);
        assertThat(status(id)).isEqualTo("DRAFT");
        var other = decide(a2, inboxIds(a2, id).isEmpty() ? task : inboxIds(a2, id).getFirst(), "{\"decision\": \"APPROVE\"}");
        // the run has ended: approvers outside the contract's scope (these managers have no team) no longer read it
        assertThat(other.status()).as("%s", other).isEqualTo(404);
        assertThat(inbox(a2)).as("the other approver's task closed").isEmpty();
        // its own decided task is still a 409 to the one who decided it, but the contract is out of reach
        var again = decide(a1, task, "{\"decision\": \"APPROVE\"}");
        assertProblem(again, 409);
        assertThat(a1.client().get("/api/v1/contracts/" + id).status()).isEqualTo(404);
        var run = owner.client().get("/api/v1/contracts/" + id + "/approval").json().path("runs").get(0);
        assertThat(run.path("status").asString()).isEqualTo("REJECTED");
        var lifecycle = admin().get("/api/v1/audit?entity=CONTRACT&id=" + id);
        assertThat(lifecycle.body()).contains("付款条件不可接受");
    }

    /**
     * Outside tester: a customer renamed while its contract was in approval was approved under its old name, and the
     * refusal came only at signing. Approving is refused, naming the particular, and the task page and the contract's
     * approval panel say so and how to go on; rejecting still works, and the contract submitted again is approved.
     */
    @Test
    void aDocumentWhosePartyChangedDuringApprovalIsNotApprovedButCanBeRejected() {
        var owner = createUser("SALES", null);
        var a = createUser("SALES_MANAGER", null);
        var b = createUser("FINANCE", null);
        flow(false, false, step("经理", "APPROVAL", "ANY", users(a)), step("财务", "APPROVAL", "ANY", users(b)));
        String id = submitted(owner.client());
        approve(a, id);
        String customerPath = "/api/v1/customers/" + owner.client().get("/api/v1/contracts/" + id).json()
                .path("customerId").asString();
        String oldName = owner.client().get(customerPath).json().path("name").asString();
        String newName = unique("杭州云帆数字科技有限公司");
        var renamed = owner.client().patch(customerPath, "{\"name\": \"" + newName + "\"}",
                owner.client().get(customerPath).header("ETag"));
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);

        String task = inboxIds(b, id).getFirst();
        var refused = decide(b, task, "{\"decision\": \"APPROVE\", \"comment\": \"同意\"}");
        assertProblem(refused, 409, "customer.name");
        assertThat(refused.json().path("errors").get(0).path("message").asString())
                .isEqualTo("甲方名称：文本为“" + oldName + "”，现在的记录为“" + newName + "”");
        assertThat(refused.json().path("detail").asString()).contains("驳回", "重新提交审批");
        var inEnglish = b.client().withHeader("Accept-Language", "en").post("/api/v1/approvals/" + task + "/decision",
                "{\"decision\": \"APPROVE\"}");
        assertProblem(inEnglish, 409, "customer.name");
        assertThat(inEnglish.json().path("detail").asString()).contains("Party A's name", oldName, newName, "reject");
        assertThat(status(id)).isEqualTo("IN_APPROVAL");
        assertThat(inboxIds(b, id)).as("the task stays open").containsExactly(task);

        var browser = new io.qiyue.testing.Browser(port).login(b.username(), USER_PASSWORD);
        var page = browser.get("/approvals/" + task);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"parties-changed\"", oldName, newName, "请驳回");
        var tried = browser.submit("/approvals/" + task + "/decision", "/approvals/" + task, "decision", "APPROVE",
                "comment", "同意");
        assertThat(tried.body()).contains("id=\"decision-errors\"", "不能同意此文本");
        var ownerBrowser = new io.qiyue.testing.Browser(port).login(owner.username(), USER_PASSWORD);
        assertThat(ownerBrowser.get("/contracts/" + id + "/approval-panel").body())
                .contains("id=\"approval-parties-changed\"", newName);

        var rejected = decide(b, task, "{\"decision\": \"REJECT\", \"comment\": \"客户已更名，请重新提交\"}");
        assertThat(rejected.status()).as("%s", rejected).isEqualTo(200);
        assertThat(status(id)).isEqualTo("DRAFT");
        assertThat(move(owner.client(), id, "submit", "{}").status()).isEqualTo(200);
        approve(a, id);
        assertThat(browser.get("/approvals/" + inboxIds(b, id).getFirst()).body()).doesNotContain("id=\"parties-changed\"");
        approve(b, id);
        assertThat(status(id)).isEqualTo("APPROVED");
    }

    @Test
    void theTaskPageOffersToHandOverOnlyToPeopleWhoMayDecide() {
        var owner = createUser("SALES", null);
        var approver = createUser("SALES_MANAGER", null);
        createUser("LEGAL", null); // someone the task may go to, whatever else the database holds
        var viewer = createUser("VIEWER", null);
        flow(false, false, step("经理", "APPROVAL", "ANY", users(approver)));
        submitted(owner.client());
        String task = inbox(approver).getFirst().path("id").asString();

        var browser = new io.qiyue.testing.Browser(port).login(approver.username(), USER_PASSWORD);
        var page = browser.get("/approvals/" + task);
        assertThat(page.statusCode()).isEqualTo(200);
        String picker = page.body().substring(page.body().indexOf("id=\"decision-user\""));
        picker = picker.substring(0, picker.indexOf("</select>"));
        // the owner (who submitted), the read-only viewer and the approver themself would only be refused
        assertThat(picker).containsPattern("<option value=\"[^\"]+\"").doesNotContain("(" + owner.username() + ")",
                "(" + viewer.username() + ")", "(" + approver.username() + ")");
    }

    @Test
    void aTaskReturnsToAnEarlierStepWhichDecidesAgain() {
        var owner = createUser("SALES", null);
        var a = createUser("SALES_MANAGER", null);
        var b = createUser("FINANCE", null);
        var c = createUser("LEGAL", null);
        flow(false, false, step("经理", "APPROVAL", "ANY", users(a)), step("财务", "APPROVAL", "ANY", users(b)),
                step("法务", "LEGAL_REVIEW", "ANY", users(c)));
        String id = submitted(owner.client());
        approve(a, id);
        approve(b, id);
        String task = inbox(c).getFirst().path("id").asString();
        // a legal review goes only to legal or an administrator, not to the sales manager of the first step
        var notLegal = decide(c, task, "{\"decision\": \"TRANSFER\", \"comment\": \"请代审\", \"toUserId\": \"" + a.id() + "\"}");
        assertProblem(notLegal, 400, "toUserId");
        assertThat(notLegal.json().path("errors").get(0).path("message").asString()).contains("法务");
        assertProblem(decide(c, task, "{\"decision\": \"RETURN\", \"comment\": \"金额有误\"}"), 400, "toStep");
        // every problem of the body at once (outside tester: the step came only after the comment was given)
        assertProblem(decide(c, task, "{\"decision\": \"RETURN\", \"toStep\": \"不存在\"}"), 400, "comment", "toStep");
        assertProblem(decide(c, task, "{\"decision\": \"RETURN\", \"comment\": \"金额有误\", \"toStep\": \"法务\"}"), 400,
                "toStep");
        var returned = decide(c, task, "{\"decision\": \"RETURN\", \"comment\": \"金额有误，请经理复核\", \"toStep\": \"经理\"}");
        assertThat(returned.status()).as("%s", returned).isEqualTo(200);
        assertThat(status(id)).isEqualTo("IN_APPROVAL");
        assertThat(inbox(c)).isEmpty();
        assertThat(inbox(a)).hasSize(1);
        // the approver it went back to reads why (outside tester: the new request did not say)
        assertThat(notification(a, id, "APPROVAL_REQUESTED", "金额有误，请经理复核").path("title").asString())
                .contains("待您审批");
        // and the owner, who submitted it, which step it went back to (outside tester: the return did not say)
        assertThat(notification(owner, id, "RETURNED", "驳回到审批节点「经理」").path("body").asString())
                .contains("金额有误，请经理复核");
        approve(a, id);
        approve(b, id);
        approve(c, id);
        assertThat(status(id)).isEqualTo("APPROVED");
        var steps = owner.client().get("/api/v1/contracts/" + id + "/approval").json().path("runs").get(0).path("steps");
        assertThat(steps.get(0).path("entries").size()).as("the first step decided twice").isEqualTo(2);
        assertThat(steps.get(0).path("entries").get(1).path("round").asInt()).isEqualTo(2);
    }

    @Test
    void aTaskIsTransferredAndApproversAreAddedBeforeAndAfterOneself() {
        var owner = createUser("SALES", null);
        var a = createUser("SALES_MANAGER", null);
        var t = createUser("SALES_MANAGER", null);
        var before = createUser("FINANCE", null);
        var after = createUser("LEGAL", null);
        flow(false, false, step("审批", "APPROVAL", "ANY", users(a)));
        String id = submitted(owner.client());
        String task = inbox(a).getFirst().path("id").asString();
        assertProblem(decide(a, task, "{\"decision\": \"TRANSFER\", \"toUserId\": \"" + t.id() + "\"}"), 400, "comment");
        assertProblem(decide(a, task, "{\"decision\": \"TRANSFER\", \"comment\": \"出差\", \"toUserId\": \"nobody\"}"), 400,
                "toUserId");
        assertProblem(decide(a, task, "{\"decision\": \"TRANSFER\", \"comment\": \"出差\", \"toUserId\": \"" + a.id() + "\"}"),
                400, "toUserId");
        var transferred = decide(a, task, "{\"decision\": \"TRANSFER\", \"comment\": \"本周出差，请代为审批\", \"toUserId\": \""
                + t.id() + "\"}");
        assertThat(transferred.status()).as("%s", transferred).isEqualTo(200);
        assertThat(inbox(a)).isEmpty();
        assertProblem(decide(a, task, "{\"decision\": \"APPROVE\"}"), 409);
        String tTask = inbox(t).getFirst().path("id").asString();

        assertProblem(decide(t, tTask, "{\"decision\": \"ADD_APPROVER\", \"toUserId\": \"" + before.id() + "\"}"), 400,
                "position");
        var added = decide(t, tTask, "{\"decision\": \"ADD_APPROVER\", \"comment\": \"请财务先看\", \"toUserId\": \""
                + before.id() + "\", \"position\": \"BEFORE\"}");
        assertThat(added.status()).as("%s", added).isEqualTo(200);
        assertThat(inbox(t)).isEmpty();
        approve(before, id);
        assertThat(status(id)).as("the added approver decided first; the task came back").isEqualTo("IN_APPROVAL");
        String back = inbox(t).getFirst().path("id").asString();
        var afterAdded = decide(t, back, "{\"decision\": \"ADD_APPROVER\", \"toUserId\": \"" + after.id()
                + "\", \"position\": \"AFTER\"}");
        assertThat(afterAdded.status()).as("%s", afterAdded).isEqualTo(200);
        assertThat(status(id)).isEqualTo("IN_APPROVAL");
        approve(after, id);
        assertThat(status(id)).isEqualTo("APPROVED");
        var entries = owner.client().get("/api/v1/contracts/" + id + "/approval").json().path("runs").get(0)
                .path("steps").get(0).path("entries");
        var decisions = new ArrayList<String>();
        entries.forEach(e -> decisions.add(e.path("assignee").asString() + ":" + e.path("decision").asString()));
        assertThat(decisions).containsExactly(a.username() + ":TRANSFER", t.username() + ":ADD_APPROVER",
                before.username() + ":APPROVE", t.username() + ":ADD_APPROVER", after.username() + ":APPROVE");
        // 转办 tells its new assignee that the task was handed over, 加签 that they were added
        assertThat(notificationTitle(t, id, "DELEGATED")).startsWith("审批已转交给您：");
        assertThat(notificationTitle(before, id, "APPROVER_ADDED")).startsWith("请您加签审批：");
        assertThat(notificationTitle(after, id, "APPROVER_ADDED")).startsWith("请您加签审批：");
    }

    @Test
    void theSubmitterWithdrawsWhileNoStepHasDecidedButNotAfter() {
        var owner = createUser("SALES", null);
        var a1 = createUser("SALES_MANAGER", null);
        var a2 = createUser("SALES_MANAGER", null);
        flow(false, false, step("会签", "APPROVAL", "ALL", users(a1, a2)));
        String id = submitted(owner.client());
        String task = inbox(a1).getFirst().path("id").asString();
        var withdrawn = move(owner.client(), id, "withdraw", "{\"reason\": \"补充附件\"}");
        assertThat(withdrawn.status()).as("%s", withdrawn).isEqualTo(200);
        assertThat(inbox(a1)).isEmpty();
        assertProblem(decide(a1, task, "{\"decision\": \"APPROVE\"}"), 409);
        assertThat(owner.client().get("/api/v1/contracts/" + id + "/approval").json().path("runs").get(0)
                .path("status").asString()).isEqualTo("WITHDRAWN");

        var resubmitted = move(owner.client(), id, "submit", "{}");
        assertThat(resubmitted.status()).as("%s", resubmitted).isEqualTo(200);
        approve(a1, id);
        var refused = move(owner.client(), id, "withdraw", "{\"reason\": \"再改一下\"}");
        assertProblem(refused, 409);
        assertThat(refused.json().path("detail").asString()).contains("不能再撤回");
        assertThat(status(id)).isEqualTo("IN_APPROVAL");
    }

    @Test
    void anOverdueTaskIsRemindedFirstAndThenEscalatedToTheApproversManagerOnce() {
        var owner = createUser("SALES", null);
        String team = createTeam();
        var manager = managerOf(team);
        var slow = createUser("FINANCE", team);
        flow(false, false, step("财务", "APPROVAL", "ANY", users(slow), 10));
        Instant start = Instant.now();
        String id = submitted(owner.client());
        var task = inbox(slow).getFirst();
        assertThat(task.path("dueAt").asString()).isNotBlank();
        assertThat(Duration.between(Instant.parse(task.path("createdAt").asString()),
                Instant.parse(task.path("dueAt").asString()))).isEqualTo(Duration.ofHours(10));

        events.clear();
        approvals.scan(start.plus(Duration.ofHours(7)));
        assertThat(kinds(id)).as("before 80%% of the limit").isEmpty();
        approvals.scan(start.plus(Duration.ofHours(9)));
        assertThat(kinds(id)).containsExactly(ApprovalEvent.Kind.REMINDER);
        approvals.scan(start.plus(Duration.ofHours(9).plusMinutes(30)));
        assertThat(kinds(id)).as("reminded once").containsExactly(ApprovalEvent.Kind.REMINDER);
        assertThat(inbox(manager)).isEmpty();

        approvals.scan(start.plus(Duration.ofHours(11)));
        assertThat(kinds(id)).containsExactly(ApprovalEvent.Kind.REMINDER, ApprovalEvent.Kind.OVERDUE,
                ApprovalEvent.Kind.ESCALATED);
        assertThat(events.stream(ApprovalEvent.class).filter(e -> e.kind() == ApprovalEvent.Kind.ESCALATED)
                .findFirst().orElseThrow().recipients()).containsExactly(manager.username());
        approvals.scan(start.plus(Duration.ofHours(30)));
        assertThat(kinds(id)).as("escalated once").hasSize(3);
        assertThat(inbox(manager)).hasSize(1);
        approve(manager, id);
        assertThat(status(id)).isEqualTo("APPROVED");
        assertThat(inbox(slow)).as("the manager decided in the approver's place").isEmpty();
    }

    @Test
    void twoApproversDecidingAtOnceOneWinsAndTheOtherGetsA409() throws Exception {
        var owner = createUser("SALES", null);
        var a1 = createUser("SALES_MANAGER", null);
        var a2 = createUser("SALES_MANAGER", null);
        flow(false, false, step("或签", "APPROVAL", "ANY", users(a1, a2)));
        String id = submitted(owner.client());
        String t1 = inbox(a1).getFirst().path("id").asString();
        String t2 = inbox(a2).getFirst().path("id").asString();
        int versions = versions(owner.client(), id);
        var pool = Executors.newFixedThreadPool(3);
        try {
            var go = new CountDownLatch(1);
            var futures = new ArrayList<Future<HttpResponse>>();
            for (var call : List.of(new Object[]{a1, t1}, new Object[]{a2, t2}, new Object[]{a1, t1})) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return decide((TestUser) call[0], (String) call[1], "{\"decision\": \"APPROVE\", \"comment\": \"同意\"}");
                }));
            }
            go.countDown();
            var statuses = new ArrayList<Integer>();
            for (var f : futures) {
                statuses.add(f.get().status());
            }
            assertThat(statuses).as("%s", statuses).containsOnly(200, 409);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(status(id)).isEqualTo("APPROVED");
        assertThat(versions(owner.client(), id)).as("approved once").isEqualTo(versions + 1);
        var entries = owner.client().get("/api/v1/contracts/" + id + "/approval").json().path("runs").get(0)
                .path("steps").get(0).path("entries");
        assertThat(statuses(entries)).containsExactlyInAnyOrder("DECIDED", "CLOSED");
    }

    @Test
    void aFlowEditedWhileOneRunsLeavesTheRunningOneAsItStarted() {
        var owner = createUser("SALES", null);
        var a = createUser("SALES_MANAGER", null);
        var b = createUser("LEGAL", null);
        String flowId = flow(false, false, step("经理", "APPROVAL", "ANY", users(a)));
        String running = submitted(owner.client());
        var current = admin().get("/api/v1/approval-flows/" + flowId);
        var body = (ObjectNode) current.json();
        var steps = body.withArray("steps");
        steps.add(JSON.readTree(step("法务", "LEGAL_REVIEW", "ANY", users(b))));
        var edited = admin().put("/api/v1/approval-flows/" + flowId, body.toString(), current.header("ETag"));
        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        assertThat(edited.json().path("definitionVersion").asInt()).isEqualTo(current.json().path("definitionVersion").asInt() + 1);
        assertProblem(admin().put("/api/v1/approval-flows/" + flowId, body.toString(), current.header("ETag")), 412);

        String later = submitted(owner.client());
        approve(a, running);
        assertThat(status(running)).as("the run keeps its one step").isEqualTo("APPROVED");
        approve(a, later);
        assertThat(status(later)).isEqualTo("IN_APPROVAL");
        approve(b, later);
        assertThat(status(later)).isEqualTo("APPROVED");
    }

    @Test
    void aResubmittedContractGoesStraightBackToTheStepThatRejectedIt() {
        var owner = createUser("SALES", null);
        var a = createUser("SALES_MANAGER", null);
        var b = createUser("LEGAL", null);
        flow(true, false, step("经理", "APPROVAL", "ANY", users(a)), step("法务", "LEGAL_REVIEW", "ANY", users(b)));
        String id = submitted(owner.client());
        approve(a, id);
        String task = inbox(b).getFirst().path("id").asString();
        decide(b, task, "{\"decision\": \"REJECT\", \"comment\": \"保密条款须修改\"}");
        assertThat(status(id)).isEqualTo("DRAFT");
        var again = move(owner.client(), id, "submit", "{}");
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(inbox(a)).isEmpty();
        assertThat(inbox(b)).hasSize(1);
        approve(b, id);
        assertThat(status(id)).isEqualTo("APPROVED");
        // the step passed this way says why on the contract page (outside tester: "not reached or skipped")
        var panel = new io.qiyue.testing.Browser(port).login(owner.username(), USER_PASSWORD)
                .htmxGet("/contracts/" + id + "/approval-panel").body();
        assertThat(panel).contains("直接回到驳回的步骤").doesNotContain("尚未到达");
        var steps = owner.client().get("/api/v1/contracts/" + id + "/approval").json().path("runs").get(0).path("steps");
        assertThat(steps.get(0).path("note").asString()).as("the API says why too").contains("直接回到驳回的步骤");
    }

    @Test
    void anApproverWhoApprovedAnEarlierStepIsSkipped() {
        var owner = createUser("SALES", null);
        var a = createUser("SALES_MANAGER", null);
        var b = createUser("LEGAL", null);
        flow(false, true, step("经理", "APPROVAL", "ANY", users(a)), step("复核", "APPROVAL", "ANY", users(a, b)),
                step("会签", "APPROVAL", "ALL", users(a, b)));
        String id = submitted(owner.client());
        approve(a, id);
        assertThat(inbox(a)).as("或签 with an approver who approved already: passed").isEmpty();
        assertThat(inbox(b)).as("会签: only those who did not approve yet").hasSize(1);
        approve(b, id);
        assertThat(status(id)).isEqualTo("APPROVED");
        var steps = owner.client().get("/api/v1/contracts/" + id + "/approval").json().path("runs").get(0).path("steps");
        assertThat(steps.get(1).path("note").asString()).as("the history says why 复核 had no decision")
                .contains("已在前面的步骤同意");
        assertThat(steps.get(0).path("note").isNull() || steps.get(0).path("note").isMissingNode()).isTrue();
    }

    @Test
    void stepsApplyByTheirConditionsAndAStepWithoutApproversFallsBackToAdmins() {
        var owner = createUser("SALES", null);
        var a = createUser("SALES_MANAGER", null);
        var fallback = createUser("LEGAL", null);
        flow(false, false, step("兜底", "APPROVAL", "ANY", users(fallback)));
        flow(false, false, step("大额", "APPROVAL", "ANY", users(a), null,
                "{\"amountAtLeast\": 500000}"));
        String small = submitted(owner.client());
        assertThat(status(small)).as("no step of the first flow applies: the next flow is used").isEqualTo("IN_APPROVAL");
        assertThat(inboxIds(fallback, small)).hasSize(1);
        assertThat(inboxIds(a, small)).isEmpty();

        flow(false, false, step("经理", "APPROVAL", "ANY", "[{\"ownerManager\": true}]", null,
                "{\"match\": \"ANY\", \"types\": [\"SERVICE\"], \"amountAtLeast\": 500000}"));
        String id = submitted(owner.client());
        var steps = owner.client().get("/api/v1/contracts/" + id + "/approval").json().path("runs").get(0).path("steps");
        assertThat(steps.get(0).path("note").asString()).contains("没有可审批的团队经理", "管理员");
        var adminInbox = admin().get("/api/v1/approvals?assignee=me&size=200").json().path("items");
        var mine = new ArrayList<String>();
        adminInbox.forEach(t -> {
            if (t.path("contractId").asString().equals(id)) {
                mine.add(t.path("id").asString());
            }
        });
        assertThat(mine).hasSize(1);
        var approved = admin().post("/api/v1/approvals/" + mine.getFirst() + "/decision", "{\"decision\": \"APPROVE\"}");
        assertThat(approved.status()).as("%s", approved).isEqualTo(200);
        assertThat(status(id)).isEqualTo("APPROVED");
    }

    /** Found by an outside tester: a read-only team manager received the team's approvals and could decide none. */
    @Test
    void aReadOnlyTeamManagerIsRefusedAndOneWhoLostTheRightIsRoutedAround() {
        var viewer = createUser("VIEWER", null);
        assertProblem(admin().post("/api/v1/teams", "{\"name\": \"%s\", \"managerId\": \"%s\"}"
                .formatted(unique("只读经理团队"), viewer.id())), 400, "managerId");

        var manager = createUser("SALES_MANAGER", null);
        var team = admin().post("/api/v1/teams", "{\"name\": \"%s\", \"managerId\": \"%s\"}"
                .formatted(unique("经理团队"), manager.id()));
        assertThat(team.status()).as("%s", team).isEqualTo(201);
        var owner = createUser("SALES", team.json().path("id").asString());
        var before = admin().get("/api/v1/users/" + manager.id());
        var demoted = (tools.jackson.databind.node.ObjectNode) before.json().deepCopy();
        demoted.putArray("roles").add("VIEWER");
        assertThat(admin().put("/api/v1/users/" + manager.id(), demoted.toString(), before.header("ETag")).status())
                .isEqualTo(200);

        flow(false, false, step("经理", "APPROVAL", "ANY", "[{\"ownerManager\": true}]", null,
                "{\"match\": \"ANY\", \"types\": [\"SERVICE\"]}"));
        String id = submitted(owner.client());
        var steps = owner.client().get("/api/v1/contracts/" + id + "/approval").json().path("runs").get(0).path("steps");
        assertThat(steps.get(0).path("note").asString()).contains("没有可审批的团队经理", "管理员");
        assertThat(inboxIds(manager, id)).isEmpty();
    }

    @Test
    void flowsAreForAdminsAndValidatedFieldByField() {
        var sales = createUser("SALES", null);
        assertProblem(sales.client().get("/api/v1/approval-flows"), 403);
        assertProblem(sales.client().post("/api/v1/approval-flows", "{}"), 403);
        var invalid = admin().post("/api/v1/approval-flows", """
                {"name": "", "steps": [
                  {"name": "一", "kind": "APPROVAL", "mode": "ALL", "approvers": [], "timeLimitHours": 0},
                  {"name": "一", "kind": "APPROVAL", "approvers": [{"role": "NOBODY"}, {"role": "LEGAL", "ownerManager": true}],
                   "condition": {"amountAtLeast": 1000, "amountBelow": 10, "customerLevels": ["Z"]}}]}
                """);
        assertProblem(invalid, 400, "name", "steps[0].approvers", "steps[0].timeLimitHours", "steps[1].name",
                "steps[1].mode", "steps[1].approvers[0].role", "steps[1].approvers[1]", "steps[1].condition.amountBelow",
                "steps[1].condition.customerLevels");
        assertProblem(admin().post("/api/v1/approval-flows", "{\"name\": \"空\", \"steps\": []}"), 400, "steps");
        // amounts are in yuan and fen, as the contracts they are compared with
        assertProblem(admin().post("/api/v1/approval-flows", """
                {"name": "厘", "steps": [{"name": "一", "kind": "APPROVAL", "mode": "ANY", "approvers": [{"role": "ADMIN"}],
                 "condition": {"amountAtLeast": "1.001"}}]}
                """), 400, "steps[0].condition.amountAtLeast");
        var badKind = admin().post("/api/v1/approval-flows",
                "{\"name\": \"x\", \"steps\": [{\"name\": \"a\", \"kind\": \"VOTE\", \"mode\": \"ALL\"}]}");
        assertThat(badKind.status()).isEqualTo(400);
        // an amount is money as everywhere in the API (outside tester: a bare number), and only in CNY, which the
        // error says (outside tester: it said "a number")
        var dollars = admin().post("/api/v1/approval-flows", """
                {"name": "美元", "steps": [{"name": "一", "kind": "APPROVAL", "mode": "ANY", "approvers": [{"role": "ADMIN"}],
                 "condition": {"amountAtLeast": {"value": "100.00", "currency": "USD"}}}]}
                """);
        assertProblem(dollars, 400, "steps[0].condition.amountAtLeast");
        assertThat(dollars.errorMessages()).anySatisfy(m -> assertThat(m).contains("人民币（CNY）"));
        var money = admin().post("/api/v1/approval-flows", """
                {"name": "%s", "enabled": false, "steps": [{"name": "一", "kind": "APPROVAL", "mode": "ANY",
                 "approvers": [{"role": "ADMIN"}], "condition": {"amountAtLeast": {"value": "200000", "currency": "CNY"},
                 "amountBelow": 1000000}}]}
                """.formatted(unique("金额流程")));
        assertThat(money.status()).as("%s", money).isEqualTo(201);
        var condition = money.json().path("steps").get(0).path("condition");
        assertThat(condition.path("amountAtLeast").toString()).isEqualTo("{\"value\":\"200000.00\",\"currency\":\"CNY\"}");
        assertThat(condition.path("amountBelow").path("value").asString()).isEqualTo("1000000.00");
        var flows = admin().get("/api/v1/approval-flows");
        assertThat(flows.status()).isEqualTo(200);
        assertThat(flows.body()).contains("默认审批流程");
        // the default flow's condition was stored as a bare number (V22_1): it is read, and answered as money
        assertThat(flows.body()).contains("\"amountAtLeast\":{\"value\":\"100000.00\",\"currency\":\"CNY\"}");
        assertThat(flows.json().path("total").asLong()).isEqualTo(flows.json().path("items").size());
        assertThat(flows.json().path("page").asInt()).isZero();
        String id = flows.json().path("items").get(0).path("id").asString();
        var viewer = admin().post("/api/v1/approval-flows", "{\"name\": \"只读\", \"steps\": [" + step("看", "APPROVAL",
                "ANY", "[{\"role\": \"VIEWER\"}]") + "]}");
        assertProblem(viewer, 400, "steps[0].approvers[0].role");
        assertThat(admin().put("/api/v1/approval-flows/" + id, "{}", null).status()).isEqualTo(428);
        assertProblem(admin().get("/api/v1/approval-flows/nope"), 404);
        // what GET answered, sent back unchanged, stores nothing: the same ETag (outside tester: a new version each)
        var read = admin().get("/api/v1/approval-flows/" + id);
        var same = admin().put("/api/v1/approval-flows/" + id, read.body(), read.header("ETag"));
        assertThat(same.status()).as("%s", same).isEqualTo(200);
        assertThat(same.header("ETag")).isEqualTo(read.header("ETag"));
    }

    @Test
    void aFlowWhoseStepsDoNotApplyGivesWayAndWithNoStepAnywhereTheSystemApproves() {
        var owner = createUser("SALES", null);
        var a = createUser("SALES_MANAGER", null);
        var c = createUser("LEGAL", null);
        flow(false, false, step("审批", "APPROVAL", "ANY", users(a)));
        flow(false, false, step("咨询", "APPROVAL", "ANY", users(c), null, "{\"types\": [\"CONSULTING\"]}"));
        String id = submitted(owner.client());
        assertThat(status(id)).as("the CONSULTING-only flow does not apply to a SERVICE contract").isEqualTo("IN_APPROVAL");
        assertThat(inboxIds(a, id)).hasSize(1);
        assertThat(inboxIds(c, id)).isEmpty();

        // no enabled flow with a step for it: approved at once, by "system", and the history says why
        var enabled = new ArrayList<JsonNode>();
        admin().get("/api/v1/approval-flows").json().path("items").forEach(f -> {
            if (f.path("enabled").asBoolean()) {
                enabled.add(f);
            }
        });
        enabled.forEach(f -> setEnabled(f.path("id").asString(), false));
        try {
            String direct = submitted(owner.client());
            assertThat(lastSubmit.json().path("status").asString()).as("the submit answer").isEqualTo("APPROVED");
            assertThat(status(direct)).isEqualTo("APPROVED");
            var run = owner.client().get("/api/v1/contracts/" + direct + "/approval").json().path("runs").get(0);
            assertThat(run.path("status").asString()).isEqualTo("APPROVED");
            assertThat(run.path("flowName").asString()).contains("没有适用");
            var audit = admin().get("/api/v1/audit?entity=CONTRACT&id=" + direct);
            assertThat(audit.body()).contains("\"system\"");
        } finally {
            enabled.forEach(f -> setEnabled(f.path("id").asString(), true));
        }
    }

    @Test
    void theSubmitterAndOwnerNeverApproveAndTasksGoOnlyToThoseWhoMayDecide() {
        var owner = createUser("SALES", null);
        var a = createUser("SALES_MANAGER", null);
        var viewer = createUser("VIEWER", null);
        flow(false, false, step("会签", "APPROVAL", "ALL", users(owner, a)));
        String id = submitted(owner.client());
        assertThat(inboxIds(owner, id)).as("the owner is left out of their own step").isEmpty();
        String task = inboxIds(a, id).getFirst();
        var toOwner = decide(a, task, "{\"decision\": \"TRANSFER\", \"comment\": \"请处理\", \"toUserId\": \""
                + owner.id() + "\"}");
        assertProblem(toOwner, 400, "toUserId");
        assertProblem(decide(a, task, "{\"decision\": \"ADD_APPROVER\", \"position\": \"AFTER\", \"toUserId\": \""
                + owner.id() + "\"}"), 400, "toUserId");
        var toViewer = decide(a, task, "{\"decision\": \"TRANSFER\", \"comment\": \"请处理\", \"toUserId\": \""
                + viewer.id() + "\"}");
        assertProblem(toViewer, 400, "toUserId");
        assertThat(toViewer.body()).contains("VIEWER");
        // nor is a read-only user named as a step's approver: every run would hand the step to an administrator
        var viewerFlow = admin().post("/api/v1/approval-flows", ("{\"name\": \"%s\", \"enabled\": false, \"priority\": 1,"
                + " \"steps\": [%s]}").formatted(unique("只读审批人"), step("审批", "APPROVAL", "ANY", users(viewer))));
        assertProblem(viewerFlow, 400, "steps[0].approvers[0].userId");
        approve(a, id);
        assertThat(status(id)).isEqualTo("APPROVED");

        flow(false, false, step("本人", "APPROVAL", "ANY", users(owner)));
        String own = submitted(owner.client());
        assertThat(inboxIds(owner, own)).isEmpty();
        var steps = owner.client().get("/api/v1/contracts/" + own + "/approval").json().path("runs").get(0).path("steps");
        assertThat(steps.get(0).path("note").asString()).contains("不能审批自己的合同", "管理员");
    }

    @Test
    void anApproverDemotedToViewerNoLongerDecidesAndTheirTaskGoesToTheirManager() {
        var owner = createUser("SALES", null);
        String team = createTeam();
        var manager = managerOf(team);
        var approver = createUser("SALES", team);
        flow(false, false, step("互审", "APPROVAL", "ANY", users(approver)));
        String id = submitted(owner.client());
        String task = inboxIds(approver, id).getFirst();
        assertThat(inboxIds(manager, id)).isEmpty();

        setRoles(approver, "VIEWER");

        var refused = decide(approver, task, "{\"decision\": \"APPROVE\", \"comment\": \"同意\"}");
        assertProblem(refused, 403);
        assertThat(refused.body()).contains("VIEWER");
        assertThat(status(id)).as("nothing decided").isEqualTo("IN_APPROVAL");
        assertThat(inboxIds(manager, id)).as("handed over to the team's manager at once").hasSize(1);
        approve(manager, id);
        assertThat(status(id)).isEqualTo("APPROVED");
    }

    /**
     * Found by an outside tester: a manager demoted after an overdue task was escalated to them kept it open in their
     * inbox, and once the approver was demoted as well nobody who could decide held it.
     */
    @Test
    void anEscalatedTaskLeavesTheInboxOfWhoeverCanNoLongerDecideItAndGoesOnWhenNobodyElseCan() {
        var owner = createUser("SALES", null);
        String team = createTeam();
        var manager = managerOf(team);
        var slow = createUser("FINANCE", team);
        flow(false, false, step("财务", "APPROVAL", "ANY", users(slow), 10));
        Instant start = Instant.now();
        String id = submitted(owner.client());
        approvals.scan(start.plus(Duration.ofHours(11)));
        assertThat(inboxIds(manager, id)).as("escalated").hasSize(1);

        setRoles(manager, "VIEWER");
        assertThat(inboxIds(manager, id)).as("the demoted manager's row closed").isEmpty();
        assertThat(inboxIds(slow, id)).as("the approver still decides it").hasSize(1);

        assertThat(admin().get("/api/v1/approvals?size=200&sort=createdAt,desc").json().toString())
                .as("nobody else decides it yet").doesNotContain(id);
        setRoles(slow, "VIEWER");
        assertThat(inboxIds(slow, id)).isEmpty();
        assertThat(admin().get("/api/v1/approvals?size=200&sort=createdAt,desc").json().toString())
                .as("handed to the admins, the manager being read-only now").contains(id);
    }

    /** Found by an outside tester: someone moved out of legal still passed the legal gate. */
    @Test
    void aReviewerMovedOutOfLegalNoLongerDecidesTheLegalReviewAndItGoesToTheAdmins() {
        var owner = createUser("SALES", null);
        var lawyer = createUser("LEGAL", null);
        flow(false, false, step("法务审核", "LEGAL_REVIEW", "ANY", users(lawyer)));
        String id = submitted(owner.client());
        String task = inboxIds(lawyer, id).getFirst();

        setRoles(lawyer, "SALES");

        var refused = decide(lawyer, task, "{\"decision\": \"APPROVE\", \"comment\": \"同意\"}");
        assertProblem(refused, 403);
        assertThat(refused.body()).contains("法务");
        assertThat(status(id)).as("nothing decided").isEqualTo("IN_APPROVAL");
        assertThat(admin().get("/api/v1/approvals?size=200&sort=createdAt,desc").json().toString()).as("handed to the admins")
                .contains(id);
    }

    /**
     * Found by an outside tester: a decision and a withdrawal at the same moment both went through (the contract back
     * in draft with a decided step), or the decision answered 500 (a deadlock). One of them wins, the other gets a 409.
     */
    @Test
    void aDecisionAndAWithdrawalAtTheSameMomentNeverBothGoThrough() throws Exception {
        var owner = createUser("SALES", null);
        var a1 = createUser("SALES_MANAGER", null);
        var a2 = createUser("SALES_MANAGER", null);
        flow(false, false, step("会签", "APPROVAL", "ALL", users(a1, a2)));
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String id = submitted(owner.client());
                String task = inboxIds(a1, id).getFirst();
                String etag = owner.client().get("/api/v1/contracts/" + id).header("ETag");
                var go = new CountDownLatch(1);
                Future<HttpResponse> decided = pool.submit(() -> {
                    go.await();
                    return decide(a1, task, "{\"decision\": \"APPROVE\", \"comment\": \"同意\"}");
                });
                Future<HttpResponse> withdrawn = pool.submit(() -> {
                    go.await();
                    return owner.client().request("POST", "/api/v1/contracts/" + id + "/withdraw")
                            .header("If-Match", etag).json("{\"reason\": \"补充附件\"}").send();
                });
                go.countDown();
                int decision = decided.get().status();
                int withdrawal = withdrawn.get().status();
                assertThat(List.of(decision, withdrawal)).as("decision %s, withdrawal %s", decision, withdrawal)
                        .containsExactlyInAnyOrder(200, 409);
                assertThat(status(id)).isEqualTo(decision == 200 ? "IN_APPROVAL" : "DRAFT");
                if (decision == 200) {
                    approve(a2, id);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyTheSubmitterWithdrawsAndOutsidersOfTheContractGet404OnItsTasks() {
        var owner = createUser("SALES", null);
        var a = createUser("SALES_MANAGER", null);
        var outsider = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        flow(false, false, step("经理", "APPROVAL", "ANY", users(a)));
        String id = submitted(owner.client());
        var byAdmin = move(admin(), id, "withdraw", "{\"reason\": \"管理员撤回\"}");
        // a right the caller lacks, not a state the contract is in (outside tester: it answered 409)
        assertProblem(byAdmin, 403);
        assertThat(byAdmin.json().path("detail").asString()).contains("只有提交人");
        var lifecycle = admin().get("/api/v1/contracts/" + id + "/lifecycle");
        assertThat(lifecycle.body()).doesNotContain("WITHDRAW");
        assertThat(owner.client().get("/api/v1/contracts/" + id + "/lifecycle").body()).contains("WITHDRAW");

        String task = inboxIds(a, id).getFirst();
        var hidden = decide(outsider, task, "{\"decision\": \"APPROVE\"}");
        assertProblem(hidden, 404);
        assertThat(hidden.body()).as("names the task asked for, not the contract behind it").contains(task)
                .doesNotContain(id);
        assertProblem(decide(finance, task, "{\"decision\": \"APPROVE\"}"), 403);
        // a withdrawal tells the approver whose request it ended (outside tester: nothing was said)
        var withdrawn = move(owner.client(), id, "withdraw", "{\"reason\": \"客户要求暂缓\"}");
        assertThat(withdrawn.status()).as("%s", withdrawn).isEqualTo(200);
        assertThat(notification(a, id, "APPROVAL_WITHDRAWN", "客户要求暂缓").path("body").asString()).contains("撤回");
    }

    @Test
    void returnMessagesNameTheStepByTextAndTheFirstStepHasNoEarlierOne() {
        var owner = createUser("SALES", null);
        var a = createUser("SALES_MANAGER", null);
        flow(false, false, step("经理", "APPROVAL", "ANY", users(a)));
        String id = submitted(owner.client());
        String task = inboxIds(a, id).getFirst();
        var numbered = decide(a, task, "{\"decision\": \"RETURN\", \"comment\": \"退回\", \"toStep\": 5}");
        assertProblem(numbered, 400, "toStep");
        assertThat(numbered.body()).contains("步骤名称").doesNotContain("string");
        var first = decide(a, task, "{\"decision\": \"RETURN\", \"comment\": \"退回\", \"toStep\": \"经理\"}");
        assertProblem(first, 400, "toStep");
        assertThat(first.body()).contains("第一个步骤").doesNotContain("（）");
    }

    private void setEnabled(String flowId, boolean enabled) {
        var current = admin().get("/api/v1/approval-flows/" + flowId);
        var body = (ObjectNode) current.json();
        body.put("enabled", enabled);
        var changed = admin().put("/api/v1/approval-flows/" + flowId, body.toString(), current.header("ETag"));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    private List<ApprovalEvent.Kind> kinds(String contractId) {
        return events.stream(ApprovalEvent.class).filter(e -> e.contractId().equals(contractId))
                .map(ApprovalEvent::kind).toList();
    }

    private static List<String> statuses(JsonNode entries) {
        var statuses = new ArrayList<String>();
        entries.forEach(e -> statuses.add(e.path("status").asString()));
        return statuses;
    }

    /** Creates a flow that applies to the next submissions (its priority is below every earlier test's). */
    protected String flow(boolean resubmitToRejectingStep, boolean skipRepeatedApprover, String... steps) {
        String body = "{\"name\": \"%s\", \"enabled\": true, \"priority\": %d, \"resubmitToRejectingStep\": %s,"
                .formatted(unique("测试流程"), PRIORITY.decrementAndGet(), resubmitToRejectingStep)
                + " \"skipRepeatedApprover\": %s, \"steps\": [%s]}".formatted(skipRepeatedApprover, String.join(",", steps));
        var created = admin().post("/api/v1/approval-flows", body);
        assertThat(created.status()).as("create flow: %s", created).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        flows.add(created.json().path("id").asString());
        return created.json().path("id").asString();
    }

    protected static String step(String name, String kind, String mode, String approvers) {
        return step(name, kind, mode, approvers, null, null);
    }

    protected static String step(String name, String kind, String mode, String approvers, Integer hours) {
        return step(name, kind, mode, approvers, hours, null);
    }

    protected static String step(String name, String kind, String mode, String approvers, Integer hours,
                                 String condition) {
        return "{\"name\": \"%s\", \"kind\": \"%s\", \"mode\": \"%s\", \"approvers\": %s, \"timeLimitHours\": %s,"
                .formatted(name, kind, mode, approvers, hours) + " \"condition\": %s}".formatted(condition);
    }

    protected static String users(TestUser... users) {
        var list = new ArrayList<String>();
        for (var u : users) {
            list.add("{\"userId\": \"" + u.id() + "\"}");
        }
        return "[" + String.join(",", list) + "]";
    }

    /** A SERVICE contract of {@code as}, reviewed (warnings accepted by an admin) and submitted. */
    protected String submitted(ApiClient as) {
        String id = readyContract(as, "审批合同");
        var submitted = move(as, id, "submit", "{}");
        assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);
        lastSubmit = submitted;
        return id;
    }

    protected HttpResponse move(ApiClient as, String id, String action, String body) {
        return as.request("POST", "/api/v1/contracts/" + id + "/" + action).header("If-Match", etag(as, id))
                .json(body).send();
    }

    protected static String etag(ApiClient as, String id) {
        return as.get("/api/v1/contracts/" + id).header("ETag");
    }

    protected String status(String id) {
        return admin().get("/api/v1/contracts/" + id).json().path("status").asString();
    }

    protected static int versions(ApiClient as, String id) {
        return as.get("/api/v1/contracts/" + id + "/versions").json().path("items").size();
    }

    protected static List<JsonNode> inbox(TestUser user) {
        var response = user.client().get("/api/v1/approvals?assignee=me");
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        var items = new ArrayList<JsonNode>();
        response.json().path("items").forEach(items::add);
        assertThat(response.json().path("total").asLong()).isEqualTo(items.size());
        return items;
    }

    /** A sales manager made the team's manager. */
    private TestUser managerOf(String team) {
        var manager = createUser("SALES_MANAGER", team);
        var set = admin().put("/api/v1/teams/" + team, "{\"name\": \"%s\", \"managerId\": \"%s\"}"
                .formatted(unique("审批团队"), manager.id()), "\"1\"");
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        return manager;
    }

    /** The notification of this kind about the contract whose text says {@code saying}, once delivered (after commit). */
    private JsonNode notification(TestUser user, String contractId, String kind, String saying) {
        return awaitNotification(user, kind, n -> contractId.equals(n.path("contractId").asString())
                && n.path("body").asString().contains(saying));
    }

    /** The title of the notification of this kind about the contract, once it is delivered (after commit). */
    private String notificationTitle(TestUser user, String contractId, String kind) {
        String number = contractNumber(contractId);
        return awaitNotification(user, kind, n -> n.path("link").asString().startsWith("/approvals/")
                && n.path("title").asString().contains(number)).path("title").asString();
    }

    private static JsonNode awaitNotification(TestUser user, String kind, java.util.function.Predicate<JsonNode> wanted) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (var n : user.client().get("/api/v1/notifications?size=200").json().path("items")) {
                if (n.path("kind").asString().equals(kind) && wanted.test(n)) {
                    return n;
                }
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no " + kind + " notification for " + user.username());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private String contractNumber(String contractId) {
        return admin().get("/api/v1/contracts/" + contractId).json().path("number").asString();
    }

    protected static List<String> inboxIds(TestUser user, String contractId) {
        return inbox(user).stream().filter(t -> t.path("contractId").asString().equals(contractId))
                .map(t -> t.path("id").asString()).toList();
    }

    protected static HttpResponse decide(TestUser user, String taskId, String body) {
        return user.client().post("/api/v1/approvals/" + taskId + "/decision", body);
    }

    /** The user approves their (one) open task on the contract. */
    protected static HttpResponse approve(TestUser user, String contractId) {
        var tasks = inboxIds(user, contractId);
        assertThat(tasks).as("%s's tasks on %s", user.username(), contractId).hasSize(1);
        var decided = decide(user, tasks.getFirst(), "{\"decision\": \"APPROVE\", \"comment\": \"同意\"}");
        assertThat(decided.status()).as("%s", decided).isEqualTo(200);
        return decided;
    }
}
