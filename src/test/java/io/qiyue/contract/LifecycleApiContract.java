package io.qiyue.contract;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle after submission over HTTP: the transition table's 409s, signing's gate, termination (now
 * and dated ahead), renewal with links both ways, and the calendar's ACTIVE/EXPIRED/notice moves with a
 * moved date. Approval and signing are other modules: their moves are made here as they make them, through
 * {@link Contracts#advance}.
 */
@RecordApplicationEvents
abstract class LifecycleApiContract extends ApiTestSupport {
    /**
     * The year after this one: a term in it has not begun when a test signs, whatever day the suite runs (a contract
     * signed on or after its start is in force at once, and these tests follow the calendar from before the start).
     */
    private static final int NEXT = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear() + 1;

    @Autowired
    Contracts contracts;
    @Autowired
    ContractCalendar calendar;
    @Autowired
    ApplicationEvents events;

    @Test
    void anIllegalMoveIsA409NamingTheStateAndTheAllowedActions() {
        var sales = createUser("SALES", null);
        var draft = createContract(sales.client(), "SERVICE");
        var refused = sales.client().request("POST", "/api/v1/contracts/" + draft.path("id").asString() + "/signing")
                .header("If-Match", "\"1\"").json("{}").send();
        assertProblem(refused, 409);
        assertThat(refused.json().path("contractStatus").asString()).isEqualTo("DRAFT");
        assertThat(refused.json().path("allowedActions").toString()).isEqualTo("[\"SUBMIT\"]");
        assertThat(refused.json().path("detail").asString()).contains("草稿", "发起签署", "提交审批");

        var lifecycle = sales.client().get("/api/v1/contracts/" + draft.path("id").asString() + "/lifecycle");
        assertThat(lifecycle.status()).isEqualTo(200);
        assertThat(lifecycle.json().path("allowedActions").toString()).isEqualTo("[\"SUBMIT\"]");
    }

    @Test
    void anApprovedContractGoesToSigningThroughTheReviewGateAndCannotBeEdited() {
        var sales = createUser("SALES", null);
        String id = submitted(sales.client(), LocalDate.of(NEXT, 1, 1), LocalDate.of(NEXT, 12, 31));
        var stillInApproval = move(sales.client(), id, "signing", "{}");
        assertProblem(stillInApproval, 409);
        assertThat(stillInApproval.json().path("allowedActions").toString()).isEqualTo("[\"WITHDRAW\"]");

        contracts.advance(id, ContractAction.APPROVE, "同意", "admin");
        var signing = move(sales.client(), id, "signing", "{\"reason\": \"双方已确认文本\"}");
        assertThat(signing.status()).as("%s", signing).isEqualTo(200);
        assertThat(signing.json().path("status").asString()).isEqualTo("SIGNING");
        assertThat(events.stream(ContractTransitioned.class).filter(e -> e.contractId().equals(id)).toList())
                .as("the module event of the move made in this thread").singleElement().satisfies(e -> {
                    assertThat(e.from()).isEqualTo(ContractStatus.IN_APPROVAL);
                    assertThat(e.to()).isEqualTo(ContractStatus.APPROVED);
                    assertThat(e.reason()).isEqualTo("同意");
                });

        var edit = sales.client().request("PATCH", "/api/v1/contracts/" + id)
                .header("If-Match", signing.header("ETag")).body("application/merge-patch+json", "{\"title\": \"改名\"}").send();
        assertProblem(edit, 409);
        var versions = sales.client().get("/api/v1/contracts/" + id + "/versions").json().path("items");
        assertThat(versions.size()).as("created, submitted, approved, signing: one version each").isEqualTo(4);
        var first = sales.client().get("/api/v1/contracts/" + id + "/versions/1/text");
        var signingText = sales.client().get("/api/v1/contracts/" + id + "/versions/4/text");
        assertThat(signingText.status()).isEqualTo(200);
        assertThat(signingText.body()).as("a move keeps the document of the version it moves").isEqualTo(first.body());
    }

    @Test
    void terminationNeedsAReasonAndADateNotAfterTheEndAndTakesEffectOnItsDay() {
        var sales = createUser("SALES", null);
        String now = signed(sales.client(), LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1), LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusYears(1));
        var missing = move(sales.client(), now, "terminate", "{}");
        assertProblem(missing, 400, "reason", "date");
        var afterEnd = move(sales.client(), now, "terminate",
                "{\"reason\": \"客户破产\", \"date\": \"%s\"}".formatted(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusYears(2)));
        assertProblem(afterEnd, 400, "date");
        // reaching back before the start would waive our duties and leave the customer's instalments due
        var beforeStart = move(sales.client(), now, "terminate",
                "{\"reason\": \"客户破产\", \"date\": \"%s\"}".formatted(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1).minusDays(1)));
        assertProblem(beforeStart, 400, "date");

        var terminated = move(sales.client(), now, "terminate",
                "{\"reason\": \"客户严重违约，依约解除\", \"date\": \"%s\"}".formatted(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))));
        assertThat(terminated.status()).as("%s", terminated).isEqualTo(200);
        assertThat(terminated.json().path("status").asString()).isEqualTo("TERMINATED");
        var lifecycle = sales.client().get("/api/v1/contracts/" + now + "/lifecycle").json();
        assertThat(lifecycle.path("terminationReason").asString()).isEqualTo("客户严重违约，依约解除");
        assertThat(lifecycle.path("allowedActions").size()).isZero();

        LocalDate ahead = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(20);
        String later = signed(sales.client(), LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1), LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusYears(1));
        var scheduled = move(sales.client(), later, "terminate",
                "{\"reason\": \"提前三十日书面通知解除\", \"date\": \"%s\"}".formatted(ahead));
        assertThat(scheduled.status()).as("%s", scheduled).isEqualTo(200);
        assertThat(scheduled.json().path("status").asString()).as("in force since its signature").isEqualTo("ACTIVE");
        assertThat(sales.client().get("/api/v1/contracts/" + later + "/lifecycle").json().path("terminationDate")
                .asString()).isEqualTo(ahead.toString());
        // scheduling is a change of its own: the ETag moves on, and a second one on the stale ETag is refused
        int before = Integer.parseInt(scheduled.header("ETag").replace("\"", "")) - 1;
        var stale = sales.client().request("POST", "/api/v1/contracts/" + later + "/terminate")
                .header("If-Match", "\"" + before + "\"")
                .json("{\"reason\": \"again\", \"date\": \"%s\"}".formatted(ahead.minusDays(5))).send();
        assertProblem(stale, 412);
        assertThat(sales.client().get("/api/v1/contracts/" + later + "/lifecycle").json().path("terminationReason")
                .asString()).isEqualTo("提前三十日书面通知解除");
        // a contract to be terminated is not renewed: its successor's signing would make the termination moot, so
        // neither is a renewal offered
        assertProblem(move(sales.client(), later, "renew", "{}"), 409);
        assertThat(sales.client().get("/api/v1/contracts/" + later + "/lifecycle").json().path("allowedActions")
                .toString()).doesNotContain("RENEW").contains("TERMINATE");

        calendar.runFor(ahead.minusDays(1));
        assertThat(status(later)).as("the day before").isIn(ContractStatus.SIGNED, ContractStatus.ACTIVE);
        calendar.runFor(ahead);
        assertThat(status(later)).isEqualTo(ContractStatus.TERMINATED);
    }

    /** Found by an outside tester: a contract signed after its start date stayed 已签署 until the next hourly run. */
    @Test
    void aContractSignedOnOrAfterItsStartIsInForceFromTheSignatureAsItsOwnRecordedMove() {
        var sales = createUser("SALES", null);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String started = signed(sales.client(), today, today.plusYears(1));
        assertThat(status(started)).isEqualTo(ContractStatus.ACTIVE);
        var causes = sales.client().get("/api/v1/contracts/" + started + "/versions?size=50").json().path("items")
                .findValuesAsString("cause");
        assertThat(causes).as("signed, then activated: two moves, each with its version").contains("SIGN", "ACTIVATE");

        String ahead = signed(sales.client(), today.plusDays(1), today.plusYears(1));
        assertThat(status(ahead)).as("starts tomorrow: the calendar activates it then").isEqualTo(ContractStatus.SIGNED);
        String over = signed(sales.client(), today.minusYears(1), today.minusDays(1));
        assertThat(status(over)).as("its term ended before it was signed: in force until then, expired since")
                .isEqualTo(ContractStatus.EXPIRED);
        assertThat(sales.client().get("/api/v1/contracts/" + over + "/versions?size=50").json().path("items")
                .findValuesAsString("cause")).contains("SIGN", "ACTIVATE", "EXPIRE");
    }

    @Test
    void theCalendarActivatesAndExpiresSignedContractsOnceAndGivesTheRenewalNoticeOnce() {
        var sales = createUser("SALES", null);
        LocalDate start = LocalDate.of(NEXT, 1, 1);
        LocalDate end = LocalDate.of(NEXT, 12, 31);
        String id = signed(sales.client(), start, end);

        assertThat(calendar.runFor(start.minusDays(1)).ran()).isTrue();
        assertThat(status(id)).isEqualTo(ContractStatus.SIGNED);
        calendar.runFor(start);
        assertThat(status(id)).isEqualTo(ContractStatus.ACTIVE);
        int versions = versions(sales.client(), id);
        calendar.runFor(start);
        assertThat(versions(sales.client(), id)).as("a second run moves nothing").isEqualTo(versions);

        calendar.runFor(end.minusDays(10));
        calendar.runFor(end.minusDays(9));
        assertThat(events.stream(ContractExpiring.class).filter(e -> e.contractId().equals(id)).toList())
                .as("the notice goes out once, 30 days or less before the end").hasSize(1)
                .first().satisfies(e -> assertThat(e.daysLeft()).isEqualTo(10));

        calendar.runFor(end);
        assertThat(status(id)).as("in force on its last day").isEqualTo(ContractStatus.ACTIVE);
        calendar.runFor(end.plusDays(1));
        assertThat(status(id)).isEqualTo(ContractStatus.EXPIRED);
        assertThat(events.stream(ContractTransitioned.class).filter(e -> e.contractId().equals(id))
                .map(ContractTransitioned::actor)).endsWith("system", "system");
    }

    /**
     * A contract that renews itself (its text prints 自动续期一年) goes on a year at its end instead of expiring
     * (outside tester: marked expired), with the year's duties and instalments planned and its amount counted again;
     * a notice of non-renewal ends it at the end of the term it was given for.
     */
    @Test
    void aContractThatRenewsItselfGoesOnAYearUntilNoticeOfNonRenewal() {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        LocalDate start = LocalDate.of(NEXT, 1, 1);
        LocalDate end = LocalDate.of(NEXT, 12, 31);
        String customerId = createOrganization(sales.client()).path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique("自动续期"), customerId, ourEntityId());
        body.put("startDate", start.toString());
        body.put("endDate", end.toString());
        body.put("autoRenew", true);
        String id = signed(sales.client(), body);
        String path = "/api/v1/contracts/" + id;
        int obligationsBefore = sales.client().get(path + "/obligations").json().path("total").asInt();
        int paymentsBefore = payments(sales.client(), id);
        String amount = sales.client().get(path).json().path("amount").path("value").asString();
        assertProblem(finance.client().post(path + "/non-renewal", "{}"), 403);

        calendar.runFor(start);
        calendar.runFor(end.plusDays(1));
        var renewed = sales.client().get(path).json();
        assertThat(renewed.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(renewed.path("endDate").asString()).isEqualTo((NEXT + 1) + "-12-31");
        var lifecycle = sales.client().get(path + "/lifecycle").json();
        assertThat(lifecycle.path("autoRenewals").asInt()).isEqualTo(1);
        assertThat(sales.client().get(path + "/versions").json().toString()).contains("AUTO_RENEW");
        assertThat(events.stream(ContractTermRenewed.class).filter(e -> e.contractId().equals(id)).toList())
                .singleElement().satisfies(e -> {
                    assertThat(e.previousEnd()).isEqualTo(end);
                    assertThat(e.newEnd()).isEqualTo(LocalDate.of(NEXT + 1, 12, 31));
                });
        // the year's own deliveries and instalments (a one-year term: the same schedule a year on)
        assertThat(sales.client().get(path + "/obligations").json().path("total").asInt())
                .isGreaterThan(obligationsBefore);
        assertThat(payments(sales.client(), id)).isEqualTo(2 * paymentsBefore);
        var receivables = finance.client().get(path + "/receivables").json();
        assertThat(new java.math.BigDecimal(receivables.path("contractAmount").path("value").asString()))
                .isEqualByComparingTo(new java.math.BigDecimal(amount).multiply(java.math.BigDecimal.TWO));
        assertThat(receivables.path("planShortOfAmount").asBoolean()).isFalse();
        assertThat(receivables.path("planExceedsAmount").asBoolean()).isFalse();
        assertThat(receivables.path("damages").path("basis").asString()).isNotBlank();
        // the signed text is what was signed: no new document for the year more
        assertThat(sales.client().get(path + "/document").body()).doesNotContain((NEXT + 1) + "年12月31日");

        // a second year too, with its instalments numbered on (outside tester: the second year had none)
        calendar.runFor(LocalDate.of(NEXT + 2, 1, 1));
        assertThat(sales.client().get(path).json().path("endDate").asString()).isEqualTo((NEXT + 2) + "-12-31");
        assertThat(payments(sales.client(), id)).isEqualTo(3 * paymentsBefore);
        var titles = new java.util.HashSet<String>();
        for (var o : sales.client().get(path + "/obligations?size=200").json().path("items")) {
            if (o.path("kind").asString().equals("PAYMENT")) {
                assertThat(titles.add(o.path("title").asString())).as("numbered on: %s", titles).isTrue();
            }
        }
        // renewed by hand now, the new term is as long as the current one (a year), not the whole run since the start
        var byHand = move(sales.client(), id, "renew", "{}");
        assertThat(byHand.status()).as("%s", byHand).isEqualTo(201);
        assertThat(byHand.json().path("startDate").asString()).isEqualTo((NEXT + 3) + "-01-01");
        assertThat(byHand.json().path("endDate").asString()).isEqualTo((NEXT + 3) + "-12-31");
        assertThat(sales.client().get("/api/v1/contracts/" + byHand.json().path("id").asString()).json()
                .path("terms").path("payment").path("schedule").get(0).path("dueDate").asString())
                .startsWith(String.valueOf(NEXT + 3));

        var notice = sales.client().post(path + "/non-renewal", "{\"reason\": \"客户另行招标\"}");
        assertThat(notice.status()).as("%s", notice).isEqualTo(200);
        assertThat(notice.json().path("nonRenewal").path("forEndDate").asString()).isEqualTo((NEXT + 2) + "-12-31");
        assertThat(notice.json().path("nonRenewal").path("noticeLate").asBoolean()).as("in time").isFalse();
        assertThat(sales.client().post(path + "/non-renewal", "{}").status()).as("again: no error").isEqualTo(200);
        calendar.runFor(LocalDate.of(NEXT + 3, 1, 1));
        assertThat(status(id)).isNotEqualTo(ContractStatus.ACTIVE);
        assertProblem(sales.client().post(path + "/non-renewal", "{}"), 409);
    }

    /**
     * A notice of non-renewal after the clause's deadline (本合同期满30日前) is recorded, as the parties may agree to it,
     * and said to be late in the answer, the lifecycle, the audit and on the page (outside tester: accepted silently).
     */
    @Test
    void aLateNoticeOfNonRenewalIsRecordedAndSaidToBeLate() {
        var sales = createUser("SALES", null);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        LocalDate start = today.minusMonths(6);
        LocalDate end = today.plusDays(10);
        String customerId = createOrganization(sales.client()).path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique("逾期通知"), customerId, ourEntityId());
        body.put("startDate", start.toString());
        body.put("endDate", end.toString());
        body.put("autoRenew", true);
        body.put("renewalNoticeDays", 30);
        ((tools.jackson.databind.node.ObjectNode) body.path("terms").path("payment").path("schedule").get(0))
                .put("dueDate", start.plusDays(14).toString());
        String id = signed(sales.client(), body);
        String path = "/api/v1/contracts/" + id;
        assertThat(status(id)).isEqualTo(ContractStatus.ACTIVE);
        // the form says so before the notice is given
        assertThat(new io.qiyue.testing.Browser(port).login(sales.username(), USER_PASSWORD).get("/contracts/" + id)
                .body()).contains("id=\"non-renewal-past-deadline\"", "已过合同约定的通知期限",
                "期满前 30 日（即 " + end.minusDays(30) + " 当日或之前）");

        // with a termination scheduled, no notice of non-renewal: the contract ends before its term does
        String other = signed(sales.client(), body.put("title", unique("待解除")));
        assertThat(move(sales.client(), other, "terminate", "{\"reason\": \"双方协商解除\", \"date\": \"%s\"}"
                .formatted(end.minusDays(3))).status()).isEqualTo(200);
        var refused = sales.client().post("/api/v1/contracts/" + other + "/non-renewal", "{}");
        assertProblem(refused, 409);
        assertThat(refused.json().path("detail").asString()).contains(end.minusDays(3).toString());

        var notice = sales.client().post(path + "/non-renewal", "{\"reason\": \"客户另行招标\"}");
        assertThat(notice.status()).as("%s", notice).isEqualTo(200);
        var given = notice.json().path("nonRenewal");
        assertThat(given.path("forEndDate").asString()).isEqualTo(end.toString());
        assertThat(given.path("noticeLate").asBoolean()).isTrue();
        assertThat(given.path("noticeDeadline").asString()).isEqualTo(end.minusDays(30).toString());
        var lifecycle = sales.client().get(path + "/lifecycle").json().path("nonRenewal");
        assertThat(lifecycle.path("noticeLate").asBoolean()).isTrue();
        assertThat(lifecycle.path("noticeDeadline").asString()).isEqualTo(end.minusDays(30).toString());
        var fields = new java.util.ArrayList<String>();
        admin().get("/api/v1/audit?entity=CONTRACT&id=" + id).json().path("items").forEach(e -> e.path("changes")
                .forEach(c -> fields.add(c.path("field").asString() + "=" + c.path("after").asString(""))));
        assertThat(fields).contains("noticeLate=true", "noticeDeadline=" + end.minusDays(30));

        var page = new io.qiyue.testing.Browser(port).login(sales.username(), USER_PASSWORD).get("/contracts/" + id).body();
        assertThat(page).contains("id=\"lifecycle-non-renewal-late\"", "本合同期满30日前", end.minusDays(30).toString(),
                "对方是否接受");
        var english = new io.qiyue.testing.Browser(port).login(sales.username(), USER_PASSWORD)
                .get("/contracts/" + id + "?lang=en").body();
        assertThat(english).contains("id=\"lifecycle-non-renewal-late\"", "30 days before the end",
                "the other party accepting");
        // the calendar still ends it there: the notice was recorded, its acceptance is the parties' matter
        calendar.runFor(end.plusDays(1));
        assertThat(status(id)).isEqualTo(ContractStatus.EXPIRED);
    }

    private static int payments(ApiClient as, String id) {
        int count = 0;
        for (var o : as.get("/api/v1/contracts/" + id + "/obligations?size=200").json().path("items")) {
            count += o.path("kind").asString().equals("PAYMENT") ? 1 : 0;
        }
        return count;
    }

    /** A renewal for a shorter term fits the instalments into it (outside tester: they fell after its end). */
    @Test
    void aRenewalForAShorterTermKeepsItsInstalmentsWithinIt() {
        var sales = createUser("SALES", null);
        String old = signed(sales.client(), LocalDate.of(NEXT, 1, 1), LocalDate.of(NEXT, 12, 31));
        var renewed = move(sales.client(), old, "renew", "{\"endDate\": \"" + (NEXT + 1) + "-06-30\"}");
        assertThat(renewed.status()).as("%s", renewed).isEqualTo(201);
        var schedule = renewed.json().path("terms").path("payment").path("schedule");
        assertThat(schedule.size()).isPositive();
        for (var instalment : schedule) {
            if (instalment.path("dueDate").isString()) {
                assertThat(LocalDate.parse(instalment.path("dueDate").asString()))
                        .isBetween(LocalDate.of(NEXT + 1, 1, 1), LocalDate.of(NEXT + 1, 6, 30));
            }
        }
    }

    @Test
    void renewalCopiesTheContractIntoALinkedDraftAndSupersedesItWhenSigned() {
        var sales = createUser("SALES", null);
        String old = signed(sales.client(), LocalDate.of(NEXT, 1, 1), LocalDate.of(NEXT, 12, 31));
        // a successor follows the term it renews: one reaching back would end this one while it runs
        assertProblem(move(sales.client(), old, "renew", "{\"startDate\": \"" + NEXT + "-06-01\", \"endDate\": \"" + (NEXT + 1) + "-05-31\"}"),
                400, "startDate");
        var renewed = move(sales.client(), old, "renew", "{}");
        assertThat(renewed.status()).as("%s", renewed).isEqualTo(201);
        var successor = renewed.json();
        String next = successor.path("id").asString();
        assertThat(successor.path("status").asString()).isEqualTo("DRAFT");
        assertThat(successor.path("startDate").asString()).isEqualTo((NEXT + 1) + "-01-01");
        assertThat(successor.path("endDate").asString()).isEqualTo((NEXT + 1) + "-12-31");
        var original = sales.client().get("/api/v1/contracts/" + old).json();
        // the same terms, the instalments a year on with the term (copied, each would lie before the new start)
        var moved = original.path("terms").deepCopy();
        ((tools.jackson.databind.node.ObjectNode) moved.path("payment").path("schedule").get(0)).put("dueDate", (NEXT + 1) + "-01-15");
        assertThat(original.path("terms").path("payment").path("schedule").get(0).path("dueDate").asString())
                .isEqualTo(NEXT + "-01-15");
        assertThat(successor.path("terms")).isEqualTo(moved);
        assertThat(successor.path("customerId")).isEqualTo(original.path("customerId"));
        assertThat(successor.path("number").asString()).isNotEqualTo(original.path("number").asString());

        var oldLifecycle = sales.client().get("/api/v1/contracts/" + old + "/lifecycle").json();
        assertThat(oldLifecycle.path("successorId").asString()).isEqualTo(next);
        assertThat(oldLifecycle.path("allowedActions").toString()).doesNotContain("RENEW");
        assertThat(sales.client().get("/api/v1/contracts/" + next + "/lifecycle").json().path("predecessorId")
                .asString()).isEqualTo(old);
        assertProblem(move(sales.client(), old, "renew", "{}"), 409);

        contracts.advance(next, ContractAction.SUBMIT, null, sales.username());
        contracts.advance(next, ContractAction.APPROVE, null, "admin");
        contracts.advance(next, ContractAction.START_SIGNING, null, sales.username());
        assertThat(status(old)).isEqualTo(ContractStatus.SIGNED);
        contracts.advance(next, ContractAction.SIGN, null, sales.username());
        // still in force until its end (an outside tester found it marked renewed at once, no longer terminable and
        // its remaining term unwatched): renewed instead of expired when the term is over
        assertThat(status(old)).isEqualTo(ContractStatus.SIGNED);
        assertThat(sales.client().get("/api/v1/contracts/" + old + "/lifecycle").json().path("allowedActions")
                .toString()).contains("TERMINATE");
        calendar.runFor(LocalDate.of(NEXT, 12, 31));
        assertThat(status(old)).isEqualTo(ContractStatus.ACTIVE);
        calendar.runFor(LocalDate.of(NEXT + 1, 1, 1));
        assertThat(status(old)).isEqualTo(ContractStatus.RENEWED);
        assertThat(status(next)).isEqualTo(ContractStatus.ACTIVE);
    }

    /**
     * A successor terminated before the end of the term it was to renew (here scheduled for a day within that term,
     * the calendar ending it first) does not renew it: the term expires.
     */
    @Test
    void aPredecessorWhoseSuccessorWasTerminatedExpires() {
        var sales = createUser("SALES", null);
        String old = signed(sales.client(), LocalDate.of(NEXT, 1, 1), LocalDate.of(NEXT, 12, 31));
        String next = move(sales.client(), old, "renew", "{}").json().path("id").asString();
        contracts.advance(next, ContractAction.SUBMIT, null, sales.username());
        contracts.advance(next, ContractAction.APPROVE, null, "admin");
        contracts.advance(next, ContractAction.START_SIGNING, null, sales.username());
        contracts.advance(next, ContractAction.SIGN, null, sales.username());
        var terminated = move(sales.client(), next, "terminate", "{\"reason\": \"客户取消续约\", \"date\": \"" + NEXT + "-06-01\"}");
        assertThat(terminated.status()).as("%s", terminated).isEqualTo(200);
        calendar.runFor(LocalDate.of(NEXT + 1, 1, 1));
        assertThat(status(old)).isEqualTo(ContractStatus.EXPIRED);
    }

    /** Found by an outside tester: a contract signed after its term began was terminated as of a day before. */
    @Test
    void aContractCannotBeTerminatedBeforeTheDayItWasSigned() {
        var sales = createUser("SALES", null);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String id = signed(sales.client(), today.minusMonths(6), LocalDate.of(NEXT, 12, 31));
        var refused = move(sales.client(), id, "terminate",
                "{\"reason\": \"回溯终止\", \"date\": \"" + today.minusDays(1) + "\"}");
        assertProblem(refused, 400, "date");
        assertThat(refused.json().path("errors").toString()).contains("签订日期");
        assertThat(status(id)).as("started before it was signed: in force from the signature").isEqualTo(ContractStatus.ACTIVE);
    }

    /** Found by an outside tester: the renewal of a term ending 9999-12-31 was stored in year 10000, unreadable. */
    @Test
    void aRenewalPastTheLastDayQiyueKeepsIsRefusedAndNothingIsStored() {
        var sales = createUser("SALES", null);
        String endless = signed(sales.client(), LocalDate.of(NEXT, 1, 1), LocalDate.of(9999, 12, 31));
        var refused = move(sales.client(), endless, "renew", "{}");
        assertProblem(refused, 400, "startDate");
        assertThat(refused.json().path("errors").toString()).contains("9999-12-31");
        var successor = sales.client().get("/api/v1/contracts/" + endless + "/lifecycle").json().path("successorId");
        assertThat(successor.isMissingNode() || successor.isNull()).as("%s", successor).isTrue();
        assertThat(sales.client().get("/api/v1/contracts/" + endless).status()).isEqualTo(200);
    }

    /**
     * An indefinite contract (不定期合同, no end date) has no term to renew (outside tester: RENEW was offered and made
     * an indefinite successor): not offered, and asked for all the same, a 409 naming the end date in both languages.
     */
    @Test
    void anIndefiniteContractIsNotRenewed() {
        var sales = createUser("SALES", null);
        String id = submitted(sales.client(), LocalDate.of(NEXT, 1, 1), null);
        for (ContractAction action : List.of(ContractAction.APPROVE, ContractAction.START_SIGNING, ContractAction.SIGN)) {
            contracts.advance(id, action, null, "admin");
        }
        String path = "/api/v1/contracts/" + id;
        int versionsBefore = versions(sales.client(), id);
        var lifecycle = sales.client().get(path + "/lifecycle").json();
        assertThat(lifecycle.path("allowedActions").toString()).isEqualTo("[\"TERMINATE\"]");
        var refused = move(sales.client(), id, "renew", "{}");
        assertProblem(refused, 409, "endDate");
        assertThat(refused.json().path("type").asString()).endsWith("/conflict");
        assertThat(refused.json().path("contractStatus").asString()).isEqualTo("SIGNED");
        assertThat(refused.json().path("allowedActions").toString()).isEqualTo("[\"TERMINATE\"]");
        assertThat(refused.json().path("detail").asString()).contains("不定期合同", "不能续签");
        assertThat(refused.json().path("errors").toString()).contains("不定期合同");
        String etag = sales.client().get(path).header("ETag");
        var english = sales.client().request("POST", path + "/renew").header("If-Match", etag)
                .header("Accept-Language", "en").json("{}").send();
        assertProblem(english, 409, "endDate");
        assertThat(english.json().path("detail").asString()).contains("no end date", "no term to renew");
        var none = sales.client().get(path + "/lifecycle").json().path("successorId");
        assertThat(none.isMissingNode() || none.isNull()).as("%s", none).isTrue();
        assertThat(versions(sales.client(), id)).as("nothing stored").isEqualTo(versionsBefore);
    }

    @Test
    void aReaderWithoutWriteScopeSeesNoActions() {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), LocalDate.of(NEXT, 1, 1), LocalDate.of(NEXT, 12, 31));
        var lifecycle = finance.client().get("/api/v1/contracts/" + id + "/lifecycle");
        assertThat(lifecycle.status()).isEqualTo(200);
        assertThat(lifecycle.json().path("allowedActions").size()).isZero();
        assertProblem(move(finance.client(), id, "terminate",
                "{\"reason\": \"无权\", \"date\": \"" + NEXT + "-06-01\"}"), 403);
        assertThat(status(id)).isEqualTo(ContractStatus.SIGNED);
    }

    // ---- fixtures

    private io.qiyue.testing.HttpResponse move(ApiClient as, String id, String action, String body) {
        String etag = as.get("/api/v1/contracts/" + id).header("ETag");
        return as.request("POST", "/api/v1/contracts/" + id + "/" + action).header("If-Match", etag).json(body).send();
    }

    private ContractStatus status(String id) {
        return ContractStatus.valueOf(admin().get("/api/v1/contracts/" + id).json().path("status").asString());
    }

    private static int versions(ApiClient as, String id) {
        return as.get("/api/v1/contracts/" + id + "/versions").json().path("items").size();
    }

    /** A contract of the caller for that term, reviewed with its warnings accepted and submitted over HTTP. */
    private String submitted(ApiClient as, LocalDate start, LocalDate end) {
        String customerId = createOrganization(as).path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique("续约合同"), customerId, ourEntityId());
        body.put("startDate", start.toString());
        body.put("endDate", end == null ? null : end.toString());
        String id = createContract(as, body).path("id").asString();
        acceptWarnings(as, id);
        var submitted = move(as, id, "submit", "{}");
        assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);
        return id;
    }

    /** Such a contract approved and signed, as approval and signing move it. */
    private String signed(ApiClient as, LocalDate start, LocalDate end) {
        return signedFromSubmitted(submitted(as, start, end));
    }

    /** The contract of {@code body} created, its warnings accepted, submitted through the gate and signed. */
    private String signed(ApiClient as, tools.jackson.databind.node.ObjectNode body) {
        String id = createContract(as, body).path("id").asString();
        acceptWarnings(as, id);
        assertThat(move(as, id, "submit", "{}").status()).isEqualTo(200);
        return signedFromSubmitted(id);
    }

    private String signedFromSubmitted(String id) {
        for (ContractAction action : List.of(ContractAction.APPROVE, ContractAction.START_SIGNING, ContractAction.SIGN)) {
            contracts.advance(id, action, null, "admin");
        }
        return id;
    }
}
