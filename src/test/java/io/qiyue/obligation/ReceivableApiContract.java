package io.qiyue.obligation;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receivables over HTTP: allocation oldest first and by hand, damages and ageing with exact amounts, invoices,
 * plan changes within the contract amount, reversal, refused input that writes nothing, and 50 concurrent
 * receipts on one contract that never over-allocate.
 */
abstract class ReceivableApiContract extends ApiTestSupport {
    /**
     * Days since the fixtures below were written (2026-12-07): every date they name moves by it, so that what lies
     * before and after today stays as it was (a fixture signed today, its second instalment still to come), whenever
     * the suite runs. Day differences, and so days late and damages, are kept exactly.
     */
    private static final long DAYS_SINCE_WRITTEN = java.time.temporal.ChronoUnit.DAYS.between(
            LocalDate.of(2026, 12, 7), LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
    private static final java.util.regex.Pattern DAY = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The text with every day in it moved by {@link #DAYS_SINCE_WRITTEN}. */
    private static String days(String text) {
        return DAY.matcher(text).replaceAll(m -> LocalDate.parse(m.group()).plusDays(DAYS_SINCE_WRITTEN).toString());
    }


    /**
     * A signed SERVICE contract of 120000.00: 60000.00 due 2026-10-01 (already late), 60000.00 due 2027-03-01; its
     * terms date the signing 2026-08-25, before the term starts on 2026-09-01 (the fixture records it signed today).
     * The dates here and in the tests are as of 2026-12-07, moved to today by {@link #days}.
     */
    private String signed(ApiClient owner, String basis, String value) {
        String customerId = createOrganization(owner).path("id").asString();
        ObjectNode body = ContractSamples.contract("SERVICE", unique("回款合同"), customerId, ourEntityId());
        body.put("startDate", days("2026-09-01"));
        body.put("endDate", days("2027-08-31"));
        var terms = (ObjectNode) body.path("terms");
        terms.set("signing", JSON.readTree(days("{ \"date\": \"2026-08-25\" }")));
        terms.set("payment", JSON.readTree(days("""
                { "method": "BANK_TRANSFER", "schedule": [
                  { "dueDate": "2026-10-01", "amount": { "value": "60000.00", "currency": "CNY" }, "description": "首期款" },
                  { "dueDate": "2027-03-01", "amount": { "value": "60000.00", "currency": "CNY" }, "description": "二期款" } ] }
                """)));
        terms.set("breach", JSON.readTree("""
                { "liquidatedDamages": { "basis": "%s", "value": "%s" }, "description": "逾期付款按约定支付违约金" }
                """.formatted(basis, value)));
        return signedContract(owner, body);
    }

    private static String receipt(String on, String amount) {
        return "{\"receivedOn\": \"%s\", \"amount\": {\"value\": \"%s\", \"currency\": \"CNY\"}, \"method\": \"BANK_TRANSFER\", \"reference\": \"BANK-%s\"}"
                .formatted(on, amount, amount);
    }

    private static JsonNode summary(ApiClient as, String id, String asOf) {
        var r = as.get("/api/v1/contracts/" + id + "/receivables?asOf=" + asOf);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private static String value(JsonNode money) {
        return money.path("value").asString();
    }

    /**
     * Found by an outside tester: an instalment dated two months before the contract was signed was late at once,
     * with damages for days on which no contract bound the customer (and no receipt could be dated).
     */
    @Test
    void anInstalmentDatedBeforeTheSignatureIsDueFromTheSigningDay() {
        var sales = createUser("SALES", null);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String customerId = createOrganization(sales.client()).path("id").asString();
        ObjectNode body = ContractSamples.contract("SERVICE", unique("补签合同"), customerId, ourEntityId());
        body.put("startDate", today.minusDays(90).toString());
        body.put("endDate", today.plusDays(270).toString());
        var terms = (ObjectNode) body.path("terms");
        terms.remove("signing");
        terms.set("payment", JSON.readTree("""
                { "method": "BANK_TRANSFER", "schedule": [
                  { "dueDate": "%s", "amount": { "value": "60000.00", "currency": "CNY" }, "description": "首期款" },
                  { "dueDate": "%s", "amount": { "value": "60000.00", "currency": "CNY" }, "description": "二期款" } ] }
                """.formatted(today.minusDays(60), today.plusDays(60))));
        terms.set("breach", JSON.readTree("""
                { "liquidatedDamages": { "basis": "DAILY_RATE", "value": "0.05" }, "description": "逾期付款按约定支付违约金" }
                """));
        String id = signedContract(sales.client(), body);

        var onTheDay = summary(sales.client(), id, today.toString());
        assertThat(onTheDay.path("instalments").get(0).path("dueDate").asString()).as("due with the signature")
                .isEqualTo(today.toString());
        assertThat(value(onTheDay.path("overdue"))).as("%s", onTheDay).isEqualTo("0.00");
        assertThat(value(onTheDay.path("damages").path("amount"))).isEqualTo("0.00");
        assertThat(onTheDay.path("instalments").get(0).path("status").asString()).isEqualTo("PENDING");
        // ten days on: late ten days, not seventy; 60000.00 × 10 × 0.05 % = 300.00
        var later = summary(sales.client(), id, today.plusDays(10).toString());
        assertThat(later.path("instalments").get(0).path("daysOverdue").asLong()).isEqualTo(10);
        assertThat(value(later.path("damages").path("amount"))).isEqualTo("300.00");
        // the ageing reads the same date: 10 days late is in the first bucket, not over 90
        var ageing = sales.client().get("/api/v1/receivables/ageing?groupBy=customer&asOf=" + today.plusDays(10));
        assertThat(ageing.status()).as("%s", ageing).isEqualTo(200);
        var row = java.util.stream.StreamSupport.stream(ageing.json().path("rows").spliterator(), false)
                .filter(r -> r.path("key").asString().equals(customerId)).findFirst().orElseThrow(
                        () -> new AssertionError(ageing.body()));
        assertThat(value(row.path("over90"))).isEqualTo("0.00");
        assertThat(value(row.path("days0To30"))).isEqualTo("60000.00");

        // an instalment added afterwards cannot be due before the signature either: the contract counted such a day
        // from the signing, the ageing from the day given (outside tester)
        var finance = createUser("FINANCE", null);
        String path = "/api/v1/contracts/" + id;
        var early = finance.client().post(path + "/instalments", "{\"title\": \"追加\", \"dueDate\": \""
                + today.minusDays(6) + "\", \"amount\": {\"value\": \"1.00\"}}");
        assertProblem(early, 400, "dueDate");
        assertThat(early.body()).contains(today.toString());
        // an instalment paid into cannot be waived: it would leave the plan while its money still counted as received
        // (outside tester: planned, received and outstanding stopped adding up)
        var paid = finance.client().post(path + "/receipts", receipt(today.toString(), "100.00"));
        assertThat(paid.status()).as("%s", paid).isEqualTo(201);
        String first = "/api/v1/obligations/" + onTheDay.path("instalments").get(0).path("id").asString();
        var instalment = admin().get(first);
        assertThat(instalment.json().path("actions").toString()).doesNotContain("WAIVE");
        var waived = admin().request("POST", first + "/waive").header("If-Match", instalment.header("ETag"))
                .json("{\"reason\": \"客户协商减免\"}").send();
        assertProblem(waived, 409);
        assertThat(waived.body()).contains("100.00");
        assertThat(admin().get(first).json().path("status").asString()).isNotEqualTo("WAIVED");
    }

    @Test
    void receiptsPayTheOldestFirstAndTheSummaryStatesDamagesExactly() {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), "DAILY_RATE", "0.05");
        String path = "/api/v1/contracts/" + id;

        var before = summary(sales.client(), id, days("2026-11-01"));
        assertThat(value(before.path("planned"))).isEqualTo("120000.00");
        assertThat(value(before.path("overdue"))).isEqualTo("60000.00");
        // 60000.00 × 31 days (2026-10-01 → 11-01) × 0.05 % = 930.00
        assertThat(value(before.path("damages").path("amount"))).isEqualTo("930.00");

        var refusedForSales = sales.client().post(path + "/receipts", receipt(days("2026-11-01"), "100.00"));
        assertProblem(refusedForSales, 403);

        var paid = finance.client().post(path + "/receipts", receipt(days("2026-11-01"), "70000.00"));
        assertThat(paid.status()).as("%s", paid).isEqualTo(201);
        assertThat(paid.header("Location")).endsWith("/api/v1/receipts/" + paid.json().path("id").asString());
        var allocations = paid.json().path("allocations");
        assertThat(allocations).hasSize(2);
        assertThat(value(allocations.get(0).path("amount"))).isEqualTo("60000.00");
        assertThat(allocations.get(0).path("seq").asInt()).isEqualTo(1);
        assertThat(value(allocations.get(1).path("amount"))).isEqualTo("10000.00");
        // the audit page reads the receipt in words: its own amount, the instalments it paid (outside tester: 合同金额
        // and [<obligation id>=60000.00])
        String audit = new io.qiyue.testing.Browser(port).login("admin", ADMIN_PASSWORD)
                .get("/admin/audit?entity=RECEIPT&id=" + paid.json().path("id").asString()).body();
        assertThat(audit).contains("收款金额", "期次 1", "期次 2", "核销金额")
                .doesNotContain(allocations.get(0).path("obligationId").asString());
        // the titles Qiyue gave the instalments read in the reader's language (outside tester: 第1期款项 in English)
        String english = new io.qiyue.testing.Browser(port).login("admin", ADMIN_PASSWORD)
                .get("/contracts/" + id + "/obligations?lang=en").body();
        assertThat(english).contains("Instalment 1", "Instalment 2").doesNotContain("第1期款项");

        var after = summary(sales.client(), id, days("2026-12-01"));
        assertThat(value(after.path("received"))).isEqualTo("70000.00");
        assertThat(value(after.path("outstanding"))).isEqualTo("50000.00");
        assertThat(value(after.path("overdue"))).isEqualTo("0.00");
        assertThat(after.path("percentReceived").asString()).isEqualTo("58.3");
        assertThat(after.path("percentReceived").isString()).as("a percentage is a decimal string (spec/api.md)").isTrue();
        // paid 31 days late: the damages stay 930.00 after payment, the clock stopped on 2026-11-01
        assertThat(value(after.path("damages").path("amount"))).isEqualTo("930.00");
        var first = after.path("instalments").get(0);
        assertThat(first.path("status").asString()).isEqualTo("DONE");
        assertThat(first.path("receipts").get(0).path("receiptId").asString()).isEqualTo(paid.json().path("id").asString());
        assertThat(after.path("instalments").get(1).path("status").asString()).isEqualTo("PENDING");

        // ageing as of 2027-04-15: 50000.00 of the second instalment is 45 days past due
        var ageing = finance.client().get(days("/api/v1/receivables/ageing?groupBy=customer&asOf=2027-04-15"));
        assertThat(ageing.status()).as("%s", ageing).isEqualTo(200);
        String customerId = sales.client().get(path).json().path("customerId").asString();
        JsonNode row = null;
        for (JsonNode r : ageing.json().path("rows")) {
            if (r.path("key").asString().equals(customerId)) {
                row = r;
            }
        }
        assertThat(row).as("the customer's row in %s", ageing).isNotNull();
        assertThat(value(row.path("days31To60"))).isEqualTo("50000.00");
        assertThat(value(row.path("days0To30"))).isEqualTo("0.00");
        assertThat(value(row.path("notDue"))).isEqualTo("0.00");
        assertThat(value(row.path("overdue"))).isEqualTo("50000.00");
        // the same day seen from 2026-10-15: the first instalment unpaid then, 14 days late; the second not due
        var earlier = finance.client().get(days("/api/v1/receivables/ageing?groupBy=owner&asOf=2026-10-15")).json();
        JsonNode mine = null;
        for (JsonNode r : earlier.path("rows")) {
            if (r.path("key").asString().equals(sales.username())) {
                mine = r;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(value(mine.path("days0To30"))).isEqualTo("60000.00");
        assertThat(value(mine.path("notDue"))).isEqualTo("60000.00");
        // a salesperson sees only their own in the ageing
        var other = createUser("SALES", null);
        assertThat(other.client().get(days("/api/v1/receivables/ageing?groupBy=customer&asOf=2027-04-15")).json()
                .path("rows").toString()).doesNotContain(customerId);
        var planet = finance.client().get("/api/v1/receivables/ageing?groupBy=planet");
        assertProblem(planet, 400, "groupBy");
        // the choices by their labels beside the codes sent (outside tester: "分组方式须为 customer、owner 或 team")
        assertThat(planet.json().path("detail").asString())
                .isEqualTo("分组方式：须为以下之一：“customer”（客户）、“owner”（负责人）、“team”（团队）。");

        // reversed: the money pays nothing, the first instalment is open (and late) again
        String receiptId = paid.json().path("id").asString();
        var reversed = finance.client().request("POST", "/api/v1/receipts/" + receiptId + "/reverse")
                .header("If-Match", paid.header("ETag")).json("{\"reason\": \"银行退票\"}").send();
        assertThat(reversed.status()).as("%s", reversed).isEqualTo(200);
        assertThat(reversed.json().path("reversed").asBoolean()).isTrue();
        var undone = summary(sales.client(), id, days("2026-12-01"));
        assertThat(value(undone.path("received"))).isEqualTo("0.00");
        assertThat(undone.path("instalments").get(0).path("status").asString()).isEqualTo("OVERDUE");
        // given more time: no longer late (an outside tester found it OVERDUE with -55 days in the export)
        var late = undone.path("instalments").get(0);
        String later = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(30).toString();
        var moved = finance.client().request("PUT", path + "/instalments/" + late.path("id").asString())
                .header("If-Match", "\"" + late.path("version").asInt() + "\"")
                .json("{\"title\": \"首期款\", \"dueDate\": \"" + later
                        + "\", \"amount\": {\"value\": \"60000.00\", \"currency\": \"CNY\"}}").send();
        assertThat(moved.status()).as("%s", moved).isEqualTo(200);
        assertThat(moved.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(moved.json().path("daysOverdue").asInt()).isZero();
        var again = finance.client().request("POST", "/api/v1/receipts/" + receiptId + "/reverse")
                .header("If-Match", reversed.header("ETag")).json("{\"reason\": \"再次\"}").send();
        assertProblem(again, 409);
    }

    /**
     * Found by an outside tester: a receipt taken back left the money of a later receipt on the second instalment
     * (not yet due) while the first stood 50,000 short, so overdue and damages were overstated. The money still
     * received pays the oldest instalment again, as it would have had the reversed receipt never been recorded; a
     * receipt whose instalment someone chose keeps it.
     */
    @Test
    void aReversalSpreadsTheRemainingReceiptsOldestFirstAgainButKeepsChosenInstalments() {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), "DAILY_RATE", "0.05");
        String path = "/api/v1/contracts/" + id;
        String second = summary(sales.client(), id, days("2026-09-20")).path("instalments").get(1).path("id").asString();

        var first = finance.client().post(path + "/receipts", receipt(days("2026-09-20"), "50000.00"));
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        var chosen = finance.client().post(path + "/receipts", days("""
                {"receivedOn": "2026-09-21", "amount": {"value": "5000.00", "currency": "CNY"}, "method": "BANK_TRANSFER",
                 "allocations": [{"obligationId": "%s", "amount": {"value": "5000.00", "currency": "CNY"}}]}
                """.formatted(second)));
        assertThat(chosen.status()).as("%s", chosen).isEqualTo(201);
        var split = finance.client().post(path + "/receipts", receipt(days("2026-09-25"), "20000.00"));
        assertThat(split.status()).as("%s", split).isEqualTo(201);
        assertThat(split.json().path("allocations")).hasSize(2);
        assertThat(value(split.json().path("allocations").get(0).path("amount"))).isEqualTo("10000.00");
        assertThat(value(split.json().path("allocations").get(1).path("amount"))).isEqualTo("10000.00");

        var reversed = finance.client().request("POST", "/api/v1/receipts/" + first.json().path("id").asString()
                + "/reverse").header("If-Match", first.header("ETag")).json("{\"reason\": \"银行退票\"}").send();
        assertThat(reversed.status()).as("%s", reversed).isEqualTo(200);

        // 30 days after the first instalment fell due: 40,000.00 of it unpaid, 40,000.00 × 30 × 0.05 % = 600.00
        var after = summary(sales.client(), id, days("2026-10-31"));
        var instalments = after.path("instalments");
        assertThat(value(instalments.get(0).path("received"))).as("%s", after).isEqualTo("20000.00");
        assertThat(value(instalments.get(0).path("outstanding"))).isEqualTo("40000.00");
        assertThat(value(instalments.get(1).path("received"))).as("only the chosen 5,000.00").isEqualTo("5000.00");
        assertThat(value(after.path("received"))).isEqualTo("25000.00");
        assertThat(value(after.path("overdue"))).isEqualTo("40000.00");
        assertThat(value(after.path("damages").path("amount"))).isEqualTo("600.00");
        assertThat(instalments.get(0).path("status").asString()).isEqualTo("OVERDUE");

        // the receipt spread again says what it pays now, under a new version: what was read of it before is stale
        String splitId = split.json().path("id").asString();
        var moved = finance.client().get("/api/v1/receipts/" + splitId);
        assertThat(moved.json().path("allocations")).hasSize(1);
        assertThat(moved.json().path("allocations").get(0).path("seq").asInt()).isEqualTo(1);
        assertThat(value(moved.json().path("allocations").get(0).path("amount"))).isEqualTo("20000.00");
        assertThat(moved.json().path("allocatedOldestFirst").asBoolean()).isTrue();
        assertThat(moved.header("ETag")).isNotEqualTo(split.header("ETag"));
        var stale = finance.client().request("POST", "/api/v1/receipts/" + splitId + "/reverse")
                .header("If-Match", split.header("ETag")).json("{\"reason\": \"重复录入\"}").send();
        assertProblem(stale, 412);
        var kept = finance.client().get("/api/v1/receipts/" + chosen.json().path("id").asString());
        assertThat(kept.header("ETag")).isEqualTo(chosen.header("ETag"));
        assertThat(kept.json().path("allocatedOldestFirst").asBoolean()).isFalse();
        // and its audit trail says what moved and why, in words
        String audit = new io.qiyue.testing.Browser(port).login("admin", ADMIN_PASSWORD)
                .get("/admin/audit?entity=RECEIPT&id=" + splitId).body();
        assertThat(audit).contains("核销明细", "期次 2", "银行退票", "因另一笔回款冲销而重新核销");

        // the rest taken back too: only the chosen receipt pays anything, the first instalment owes it all
        var all = finance.client().request("POST", "/api/v1/receipts/" + splitId + "/reverse")
                .header("If-Match", moved.header("ETag")).json("{\"reason\": \"重复录入\"}").send();
        assertThat(all.status()).as("%s", all).isEqualTo(200);
        var none = summary(sales.client(), id, days("2026-10-31"));
        assertThat(value(none.path("instalments").get(0).path("received"))).isEqualTo("0.00");
        assertThat(value(none.path("instalments").get(1).path("received"))).isEqualTo("5000.00");
        assertThat(value(none.path("damages").path("amount"))).isEqualTo("900.00");
    }

    /**
     * Found by an outside tester: the receivables as of a past day gave each instalment today's status — one paid
     * since read DONE on a day it was late and unpaid, one late today read OVERDUE on a day before it fell due.
     * Every figure of the answer is as it stood on the day asked for.
     */
    @Test
    void theReceivablesAsOfADayGiveEachInstalmentsStatusAsItStoodThen() {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), "DAILY_RATE", "0.05");
        String path = "/api/v1/contracts/" + id;

        // late today, unpaid: before its due date it was not yet late
        assertThat(summary(sales.client(), id, LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString())
                .path("instalments").get(0).path("status").asString()).isEqualTo("OVERDUE");
        var beforeDue = summary(sales.client(), id, days("2026-09-20"));
        assertThat(beforeDue.path("instalments").get(0).path("status").asString()).as("%s", beforeDue)
                .isEqualTo("PENDING");
        assertThat(beforeDue.path("instalments").get(0).path("daysOverdue").asLong()).isZero();
        assertThat(value(beforeDue.path("overdue"))).isEqualTo("0.00");

        var paid = finance.client().post(path + "/receipts", receipt(days("2026-11-01"), "60000.00"));
        assertThat(paid.status()).as("%s", paid).isEqualTo(201);
        // paid since, but late and unpaid on 2026-10-15: 14 days, 60000.00 × 14 × 0.05 % = 420.00
        var late = summary(sales.client(), id, days("2026-10-15"));
        var first = late.path("instalments").get(0);
        assertThat(first.path("status").asString()).as("%s", late).isEqualTo("OVERDUE");
        assertThat(value(first.path("received"))).isEqualTo("0.00");
        assertThat(value(first.path("outstanding"))).isEqualTo("60000.00");
        assertThat(first.path("daysOverdue").asLong()).isEqualTo(14);
        assertThat(first.path("receipts")).isEmpty();
        assertThat(value(late.path("overdue"))).isEqualTo("60000.00");
        assertThat(value(late.path("damages").path("amount"))).isEqualTo("420.00");
        assertThat(late.path("instalments").get(1).path("status").asString()).isEqualTo("PENDING");
        // on the day it was paid: done, 31 days late, 930.00
        var onTheDay = summary(sales.client(), id, days("2026-11-01"));
        assertThat(onTheDay.path("instalments").get(0).path("status").asString()).isEqualTo("DONE");
        assertThat(onTheDay.path("instalments").get(0).path("daysOverdue").asLong()).isZero();
        assertThat(value(onTheDay.path("damages").path("amount"))).isEqualTo("930.00");
        // a day to come past the second due date: the second, pending today, is late then (31 days)
        var coming = summary(sales.client(), id, days("2027-04-01"));
        var second = coming.path("instalments").get(1);
        assertThat(second.path("status").asString()).as("%s", coming).isEqualTo("OVERDUE");
        assertThat(second.path("daysOverdue").asLong()).isEqualTo(31);
        assertThat(coming.path("instalments").get(0).path("status").asString()).isEqualTo("DONE");
        // today's answer keeps today's statuses
        var today = sales.client().get(path + "/receivables").json();
        assertThat(today.path("instalments").get(0).path("status").asString()).isEqualTo("DONE");
        assertThat(today.path("instalments").get(1).path("status").asString()).isEqualTo("PENDING");
    }

    /**
     * Found by an outside tester: a receipt recorded late but paid earlier than one already recorded took the later
     * instalment, and re-spreading after a reversal went by the order of recording, overstating the first
     * instalment's late days and damages. A payment goes to the debt that fell due first when it is made (民法典第560
     * 条): Qiyue spreads receipts by the day they were paid, then by the order recorded; an allocation someone chose
     * stays.
     */
    @Test
    void receiptsPayTheInstalmentsInTheOrderTheyWerePaidNotRecorded() {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), "DAILY_RATE", "0.05");
        String path = "/api/v1/contracts/" + id;
        String secondId = summary(sales.client(), id, days("2026-09-20")).path("instalments").get(1).path("id")
                .asString();

        var november = finance.client().post(path + "/receipts", receipt(days("2026-11-01"), "60000.00"));
        assertThat(november.status()).as("%s", november).isEqualTo(201);
        var chosen = finance.client().post(path + "/receipts", days("""
                {"receivedOn": "2026-10-05", "amount": {"value": "5000.00", "currency": "CNY"}, "method": "BANK_TRANSFER",
                 "allocations": [{"obligationId": "%s", "amount": {"value": "5000.00", "currency": "CNY"}}]}
                """.formatted(secondId)));
        assertThat(chosen.status()).as("%s", chosen).isEqualTo(201);
        // recorded last, paid 10 days after the first instalment fell due: it pays the first instalment
        var october = finance.client().post(path + "/receipts", receipt(days("2026-10-11"), "40000.00"));
        assertThat(october.status()).as("%s", october).isEqualTo(201);
        assertThat(october.json().path("allocations")).hasSize(1);
        assertThat(october.json().path("allocations").get(0).path("seq").asInt()).isEqualTo(1);
        assertThat(value(october.json().path("allocations").get(0).path("amount"))).isEqualTo("40000.00");

        // the November money moved on: 20,000.00 to the first instalment, 40,000.00 to the second, a new version
        String novemberId = november.json().path("id").asString();
        var moved = finance.client().get("/api/v1/receipts/" + novemberId);
        var parts = moved.json().path("allocations");
        assertThat(parts).as("%s", moved).hasSize(2);
        assertThat(parts.get(0).path("seq").asInt()).isEqualTo(1);
        assertThat(value(parts.get(0).path("amount"))).isEqualTo("20000.00");
        assertThat(parts.get(1).path("seq").asInt()).isEqualTo(2);
        assertThat(value(parts.get(1).path("amount"))).isEqualTo("40000.00");
        assertThat(moved.header("ETag")).isNotEqualTo(november.header("ETag"));
        var kept = finance.client().get("/api/v1/receipts/" + chosen.json().path("id").asString());
        assertThat(kept.header("ETag")).isEqualTo(chosen.header("ETag"));
        String audit = new io.qiyue.testing.Browser(port).login("admin", ADMIN_PASSWORD)
                .get("/admin/audit?entity=RECEIPT&id=" + novemberId).body();
        assertThat(audit).contains("核销明细", "按付款先后重新核销", days("2026-10-11"));

        // damages follow the money: 40,000.00 × 10 days + 20,000.00 × 31 days = 1,020,000 × 0.05 % = 510.00 (the
        // November money on the first instalment alone had been 930.00)
        var after = summary(sales.client(), id, days("2026-12-01"));
        var instalments = after.path("instalments");
        assertThat(value(after.path("damages").path("amount"))).as("%s", after).isEqualTo("510.00");
        assertThat(instalments.get(0).path("status").asString()).isEqualTo("DONE");
        assertThat(value(instalments.get(0).path("received"))).isEqualTo("60000.00");
        assertThat(value(instalments.get(1).path("received"))).isEqualTo("45000.00");
        assertThat(value(after.path("overdue"))).isEqualTo("0.00");
        // on 2026-10-20 the October money alone was in: 20,000.00 of the first instalment late, 19 days
        var between = summary(sales.client(), id, days("2026-10-20"));
        assertThat(between.path("instalments").get(0).path("status").asString()).isEqualTo("OVERDUE");
        assertThat(value(between.path("instalments").get(0).path("outstanding"))).isEqualTo("20000.00");
        assertThat(value(between.path("overdue"))).isEqualTo("20000.00");
        // 40,000.00 × 10 + 20,000.00 × 19 = 780,000 × 0.05 % = 390.00
        assertThat(value(between.path("damages").path("amount"))).isEqualTo("390.00");

        // the October receipt taken back: the November money pays the first instalment again, 31 days late
        var reversed = finance.client().request("POST", "/api/v1/receipts/" + october.json().path("id").asString()
                + "/reverse").header("If-Match", october.header("ETag")).json("{\"reason\": \"银行退票\"}").send();
        assertThat(reversed.status()).as("%s", reversed).isEqualTo(200);
        var back = summary(sales.client(), id, days("2026-12-01"));
        assertThat(value(back.path("instalments").get(0).path("received"))).as("%s", back).isEqualTo("60000.00");
        assertThat(value(back.path("instalments").get(1).path("received"))).isEqualTo("5000.00");
        assertThat(back.path("instalments").get(0).path("status").asString()).isEqualTo("DONE");
        assertThat(value(back.path("damages").path("amount"))).isEqualTo("930.00");
    }

    /**
     * Re-spreading after a reversal goes by the day the receipts were paid too, not by the order they were recorded:
     * the November receipt, recorded before the October one, does not take the first instalment ahead of it.
     */
    @Test
    void aReversalSpreadsTheRemainingReceiptsInTheOrderTheyWerePaid() {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), "DAILY_RATE", "0.05");
        String path = "/api/v1/contracts/" + id;
        var bounced = finance.client().post(path + "/receipts", receipt(days("2026-09-30"), "30000.00"));
        assertThat(bounced.status()).as("%s", bounced).isEqualTo(201);
        var late = finance.client().post(path + "/receipts", receipt(days("2026-11-01"), "40000.00"));
        assertThat(late.status()).as("%s", late).isEqualTo(201);
        var early = finance.client().post(path + "/receipts", receipt(days("2026-10-11"), "30000.00"));
        assertThat(early.status()).as("%s", early).isEqualTo(201);
        var reversed = finance.client().request("POST", "/api/v1/receipts/" + bounced.json().path("id").asString()
                + "/reverse").header("If-Match", bounced.header("ETag")).json("{\"reason\": \"银行退票\"}").send();
        assertThat(reversed.status()).as("%s", reversed).isEqualTo(200);
        // the first instalment paid by the October money, then 30,000.00 of the November money: 30,000.00 × 10 +
        // 30,000.00 × 31 days = 1,230,000 × 0.05 % = 615.00 (in the order recorded, 40,000.00 × 31 + 20,000.00 × 10 =
        // 720.00); done on the day of the last of them, the rest of the November money on the second instalment
        var after = summary(sales.client(), id, days("2026-12-01"));
        var first = after.path("instalments").get(0);
        assertThat(value(first.path("received"))).as("%s", after).isEqualTo("60000.00");
        assertThat(first.path("status").asString()).isEqualTo("DONE");
        assertThat(value(after.path("damages").path("amount"))).isEqualTo("615.00");
        assertThat(value(after.path("instalments").get(1).path("received"))).isEqualTo("10000.00");
        var done = admin().get("/api/v1/obligations/" + first.path("id").asString()).json();
        assertThat(done.path("completedOn").asString()).as("%s", done).isEqualTo(days("2026-11-01"));
        // the October money was in before the November money: on 2026-10-20 the first instalment owed 30,000.00
        var between = summary(sales.client(), id, days("2026-10-20"));
        assertThat(value(between.path("instalments").get(0).path("outstanding"))).isEqualTo("30000.00");
        assertThat(between.path("instalments").get(0).path("status").asString()).isEqualTo("OVERDUE");
    }

    @Test
    void theReceiptsOfAContractExportAsCsvAndXlsxToWhoeverMayReadIt() throws Exception {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), "FIXED", "5000");
        String path = "/api/v1/contracts/" + id + "/receipts";
        assertThat(finance.client().post(path, receipt(days("2026-11-01"), "70000.00")).status()).isEqualTo(201);
        var formula = finance.client().post(path, days("""
                {"receivedOn": "2026-11-02", "amount": {"value": "1234.50", "currency": "CNY"}, "method": "CASH",
                 "reference": "=1+1"}
                """));
        assertThat(formula.status()).as("%s", formula).isEqualTo(201);
        var listed = sales.client().get(path).json().path("items");
        assertThat(listed).hasSize(2);

        var csv = ExportFiles.csv(sales.client(), path, "receipts");
        assertThat(csv.getFirst()).startsWith("收款日期", "金额", "币种", "付款方式", "凭证号");
        assertThat(csv).hasSize(1 + 2);
        for (int i = 0; i < 2; i++) {
            var item = listed.get(i);
            var row = csv.get(1 + i);
            assertThat(row.get(0)).as("in the list's order").isEqualTo(item.path("receivedOn").asString());
            assertThat(row.get(1)).isEqualTo(value(item.path("amount")));
        }
        var cash = csv.stream().filter(r -> r.get(3).equals("现金")).findFirst().orElseThrow();
        assertThat(cash.get(4)).as("a formula kept as text").isEqualTo("'=1+1");
        var allocations = new ArrayList<String>();
        for (var item : listed) {
            if (value(item.path("amount")).equals("70000.00")) {
                item.path("allocations").forEach(a -> allocations.add(a.path("title").asString() + " "
                        + value(a.path("amount"))));
            }
        }
        assertThat(allocations).hasSize(2);
        assertThat(csv.stream().filter(r -> r.get(1).equals("70000.00")).findFirst().orElseThrow().get(6))
                .isEqualTo(String.join("; ", allocations));

        var xlsx = ExportFiles.xlsx(sales.client(), path, "receipts");
        assertThat(xlsx).hasSize(1 + 2);
        assertThat(xlsx.subList(1, 3).stream().map(r -> ((BigDecimal) r.get(1)).setScale(2)).toList())
                .as("amounts are numbers").containsExactlyInAnyOrder(new BigDecimal("70000.00"), new BigDecimal("1234.50"));
        assertThat(xlsx.subList(1, 3).stream().map(r -> r.get(4)).toList()).contains("=1+1");

        var english = sales.client().request("GET", path).header("Accept", "text/csv").header("Accept-Language", "en")
                .sendForBytes();
        assertThat(io.qiyue.web.ExportApiContract.readCsv(english.body()).getFirst().get(0)).isEqualTo("Received on");
        assertProblem(createUser("SALES", null).client().request("GET", path).header("Accept", "text/csv").send(), 404);
        assertThat(sales.client().request("GET", path).header("Accept", "*/*").send().contentType())
                .startsWith("application/json");
    }

    @Test
    void theInvoicesOfAContractExportAsCsvAndXlsxToWhoeverMayReadIt() throws Exception {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), "FIXED", "5000");
        String path = "/api/v1/contracts/" + id + "/invoices";
        var instalment = summary(finance.client(), id, days("2026-12-01")).path("instalments").get(0);
        String first = instalment.path("id").asString();
        String billed = unique("FP");
        assertThat(finance.client().post(path, days("""
                {"number": "%s", "issuedOn": "2026-10-01", "amount": {"value": "10600.00"}, "taxRatePercent": "6",
                 "obligationId": "%s", "note": "@SUM(A1)"}
                """).formatted(billed, first)).status()).isEqualTo(201);
        assertThat(finance.client().post(path, days("""
                {"number": "%s", "issuedOn": "2026-10-02", "amount": {"value": "1130.00"}, "taxRatePercent": "13"}
                """).formatted(unique("FP"))).status()).isEqualTo(201);
        var listed = sales.client().get(path).json().path("items");
        assertThat(listed).hasSize(2);

        var csv = ExportFiles.csv(sales.client(), path, "invoices");
        assertThat(csv.getFirst()).startsWith("发票号码", "开票日期", "价税合计", "币种", "税率（%）", "税额", "款项");
        assertThat(csv).hasSize(1 + 2);
        for (int i = 0; i < 2; i++) {
            assertThat(csv.get(1 + i).get(0)).as("in the list's order").isEqualTo(listed.get(i).path("number").asString());
            assertThat(csv.get(1 + i).get(2)).isEqualTo(value(listed.get(i).path("amount")));
            assertThat(csv.get(1 + i).get(5)).isEqualTo(value(listed.get(i).path("tax")));
        }
        var withInstalment = csv.stream().filter(r -> r.get(0).equals(billed)).findFirst().orElseThrow();
        assertThat(withInstalment.get(6)).isEqualTo(instalment.path("title").asString());
        assertThat(withInstalment.get(7)).as("a formula kept as text").isEqualTo("'@SUM(A1)");

        var xlsx = ExportFiles.xlsx(sales.client(), path, "invoices");
        assertThat(xlsx).hasSize(1 + 2);
        var row = xlsx.stream().filter(r -> billed.equals(r.get(0))).findFirst().orElseThrow();
        assertThat((BigDecimal) row.get(2)).isEqualByComparingTo("10600.00");
        assertThat((BigDecimal) row.get(5)).isEqualByComparingTo("600.00");
        assertThat(row.get(1)).isEqualTo(java.time.LocalDate.parse(days("2026-10-01")));

        assertProblem(createUser("SALES", null).client().request("GET", path + "?format=csv").send(), 404);
        assertThat(sales.client().get(path).contentType()).startsWith("application/json");
    }

    @Test
    void theAgeingExportsAsCsvAndXlsxWithItsGroupingDayAndScope() throws Exception {
        var sales = createUser("SALES", null);
        String id = signed(sales.client(), "FIXED", "5000");
        String query = days("/api/v1/receivables/ageing?groupBy=customer&asOf=2027-04-15");
        var report = sales.client().get(query).json();
        assertThat(report.path("rows")).hasSize(1);
        var group = report.path("rows").get(0);
        assertThat(group.path("key").asString())
                .isEqualTo(sales.client().get("/api/v1/contracts/" + id).json().path("customerId").asString());
        String[] columns = {"notDue", "days0To30", "days31To60", "days61To90", "over90", "overdue", "total"};

        var csv = ExportFiles.csv(sales.client(), query, "receivables-ageing");
        assertThat(csv.getFirst()).containsExactly("客户", "未到期", "逾期 1–30 天", "逾期 31–60 天", "逾期 61–90 天",
                "逾期 90 天以上", "逾期合计", "应收合计");
        assertThat(csv).as("a row per group, then the totals").hasSize(1 + 1 + 1);
        assertThat(csv.get(1).getFirst()).isEqualTo(group.path("label").asString());
        assertThat(csv.get(2).getFirst()).isEqualTo("合计");
        for (int c = 0; c < columns.length; c++) {
            assertThat(csv.get(1).get(1 + c)).as(columns[c]).isEqualTo(value(group.path(columns[c])));
            assertThat(csv.get(2).get(1 + c)).as(columns[c]).isEqualTo(value(report.path("totals").path(columns[c])));
        }
        assertThat(csv.get(1).get(3)).isEqualTo("60000.00");

        var xlsx = ExportFiles.xlsx(sales.client(), query.replace("customer", "owner"), "receivables-ageing");
        assertThat(xlsx.getFirst().getFirst()).isEqualTo("负责人");
        assertThat(xlsx).hasSize(1 + 1 + 1);
        assertThat((BigDecimal) xlsx.get(1).get(7)).as("amounts are numbers").isEqualByComparingTo("120000.00");

        var others = ExportFiles.csv(createUser("SALES", null).client(), query, "receivables-ageing");
        assertThat(others).as("another salesperson's file has the totals only").hasSize(1 + 1);
        assertThat(others.get(1).get(7)).isEqualTo("0.00");
        var planet = sales.client().request("GET", "/api/v1/receivables/ageing?groupBy=planet")
                .header("Accept", "text/csv").send();
        assertProblem(planet, 400, "groupBy");
        assertThat(sales.client().get(query).contentType()).startsWith("application/json");
    }

    /** Before signing the panel says when the plan is made, not "no plan" beside the instalments (outside tester). */
    @Test
    void aDraftsReceivablesPanelSaysThePlanIsMadeAtSigning() {
        var sales = createUser("SALES", null);
        String customerId = createOrganization(sales.client()).path("id").asString();
        String id = createContract(sales.client(), ContractSamples.contract("SERVICE", unique("草稿回款"), customerId,
                ourEntityId())).path("id").asString();
        var browser = new io.qiyue.testing.Browser(port).login(sales.username(), USER_PASSWORD);
        String panel = browser.get("/contracts/" + id + "/receivables-panel").body();
        assertThat(panel).contains("id=\"receivables-before-signing\"")
                .doesNotContain("id=\"receivables-none\"", "id=\"receivables-plan-short\"");
        String signedPanel = browser.get("/contracts/" + signed(sales.client(), "DAILY_RATE", "0.05")
                + "/receivables-panel").body();
        assertThat(signedPanel).contains("id=\"receivables-summary\"").doesNotContain("receivables-before-signing");
    }

    @Test
    void theReceiptFormAllocatesByHandWhenAmountsAreGiven() {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), "DAILY_RATE", "0.05");
        var instalments = summary(sales.client(), id, days("2026-11-01")).path("instalments");
        String second = instalments.get(1).path("id").asString();

        var browser = new io.qiyue.testing.Browser(port).login(finance.username(), USER_PASSWORD);
        var answer = browser.submit("/contracts/" + id + "/receivables-panel/receipts", "/contracts/" + id,
                "receivedOn", days("2026-11-01"), "amount", "10000.00", "method", "BANK_TRANSFER", "reference", "手工-1",
                "alloc." + second, "10000.00");
        assertThat(answer.statusCode()).as("%s", answer.body()).isIn(200, 302, 303);
        var receipts = finance.client().get("/api/v1/contracts/" + id + "/receipts").json().path("items");
        assertThat(receipts).hasSize(1);
        var allocations = receipts.get(0).path("allocations");
        assertThat(allocations).hasSize(1);
        assertThat(allocations.get(0).path("obligationId").asString()).isEqualTo(second);
    }

    @Test
    void badReceiptsAreRefusedNamingTheFieldAndWriteNothing() {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), "PERCENT_OF_AMOUNT", "10");
        String otherId = signed(sales.client(), "FIXED", "5000");
        String path = "/api/v1/contracts/" + id;
        String foreign = summary(finance.client(), otherId, days("2026-12-01")).path("instalments").get(0).path("id").asString();

        var beyond = finance.client().post(path + "/receipts", receipt(days("2026-11-01"), "120000.01"));
        assertProblem(beyond, 409, "amount");
        // amounts in the message as money, not as the API's plain numbers (outside tester: 180000.00 元)
        assertThat(beyond.body()).contains("收款金额 ¥120,000.01 超过未回款金额 ¥").doesNotContain("120000.01 元");
        assertProblem(finance.client().post(path + "/receipts", receipt(days("2026-11-01"), "0")), 400, "amount");
        assertProblem(finance.client().post(path + "/receipts", receipt(days("2026-11-01"), "-5.00")), 400, "amount");
        assertProblem(finance.client().post(path + "/receipts", receipt(days("2026-11-01"), "1.001")), 400, "amount");
        assertProblem(finance.client().post(path + "/receipts", receipt(days("2099-01-01"), "1.00")), 400, "receivedOn");
        // a value that does not even bind is labelled as the receipt's, like one that binds and is refused
        var unbound = finance.client().post(path + "/receipts", receipt(days("2026-11-01"), "NaN"));
        assertProblem(unbound, 400, "amount.value");
        assertThat(unbound.json().path("errors").toString()).contains("收款金额").doesNotContain("合同金额");
        assertThat(finance.client().post(path + "/receipts", receipt(days("2026-11-01"), "1.001")).json().path("errors")
                .toString()).contains("收款金额").doesNotContain("合同金额");
        assertProblem(finance.client().post(path + "/receipts", days("""
                {"receivedOn": "2026-11-01", "amount": {"value": "100.00"}, "method": "CASH",
                 "allocations": [ {"obligationId": "%s", "amount": {"value": "100.00"}} ]}
                """).formatted(foreign)), 400, "allocations[0].obligationId");
        String own = summary(finance.client(), id, days("2026-12-01")).path("instalments").get(1).path("id").asString();
        assertProblem(finance.client().post(path + "/receipts", days("""
                {"receivedOn": "2026-11-01", "amount": {"value": "60000.01"}, "method": "CASH",
                 "allocations": [ {"obligationId": "%s", "amount": {"value": "60000.01"}} ]}
                """).formatted(own)), 409, "allocations[0].amount");
        assertProblem(finance.client().post(path + "/receipts", days("""
                {"receivedOn": "2026-11-01", "amount": {"value": "100.00"}, "method": "CASH",
                 "allocations": [ {"obligationId": "%s", "amount": {"value": "99.99"}} ]}
                """).formatted(own)), 400, "allocations");
        assertThat(finance.client().get(path + "/receipts").json().path("total").asInt()).as("nothing written").isZero();
        assertThat(value(summary(finance.client(), otherId, days("2026-12-01")).path("received"))).isEqualTo("0.00");

        // by hand: the later instalment first, in full; it is then never paid twice
        var byHand = finance.client().post(path + "/receipts", days("""
                {"receivedOn": "2026-11-02", "amount": {"value": "60000.00"}, "method": "ALIPAY",
                 "allocations": [ {"obligationId": "%s", "amount": {"value": "60000.00"}} ]}
                """).formatted(own));
        assertThat(byHand.status()).as("%s", byHand).isEqualTo(201);
        assertProblem(finance.client().post(path + "/receipts", days("""
                {"receivedOn": "2026-11-02", "amount": {"value": "0.01"}, "method": "ALIPAY",
                 "allocations": [ {"obligationId": "%s", "amount": {"value": "0.01"}} ]}
                """).formatted(own)), 409, "allocations[0].amount");
        var s = summary(finance.client(), id, days("2026-11-11"));
        assertThat(s.path("instalments").get(1).path("status").asString()).isEqualTo("DONE");
        // PERCENT_OF_AMOUNT: 10 % of the contract's 120000.00 once something was late, as its document says
        assertThat(value(s.path("damages").path("amount"))).isEqualTo("12000.00");
        assertThat(value(s.path("overdue"))).isEqualTo("60000.00");
    }

    @Test
    void aReceiptMayPrecedeTheStartButNotTheSigningAndIsNamedAsMoneyReceived() {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), "DAILY_RATE", "0.05");
        String path = "/api/v1/contracts/" + id;

        var early = finance.client().post(path + "/receipts", receipt(days("2026-08-24"), "100.00"));
        assertProblem(early, 400, "receivedOn");
        assertThat(message(early, "receivedOn")).contains("收款日期", days("2026-08-25"));
        var zero = finance.client().post(path + "/receipts", receipt(days("2026-08-25"), "0"));
        assertProblem(zero, 400, "amount");
        assertThat(message(zero, "amount")).startsWith("收款金额").doesNotContain("合同金额");
        assertThat(finance.client().get(path + "/receipts").json().path("total").asInt()).as("nothing written").isZero();

        // paid after the signing, before the term starts: an ordinary prepayment
        var prepaid = finance.client().post(path + "/receipts", receipt(days("2026-08-28"), "100.00"));
        assertThat(prepaid.status()).as("%s", prepaid).isEqualTo(201);
    }

    private static String message(HttpResponse response, String field) {
        for (JsonNode error : response.json().path("errors")) {
            if (error.path("field").asString().equals(field)) {
                return error.path("message").asString();
            }
        }
        throw new AssertionError("no error for " + field + " in " + response);
    }

    @Test
    void invoicesAndPlanChangesStayWithinTheContractAmount() {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), "FIXED", "5000");
        String path = "/api/v1/contracts/" + id;
        String number = unique("FP");
        var invoice = finance.client().post(path + "/invoices", days("""
                {"number": "%s", "issuedOn": "2026-10-01", "amount": {"value": "10600.00"}, "taxRatePercent": "6"}
                """).formatted(number));
        assertThat(invoice.status()).as("%s", invoice).isEqualTo(201);
        assertThat(value(invoice.json().path("tax"))).isEqualTo("600.00");
        assertProblem(finance.client().post(path + "/invoices", days("""
                {"number": "%s", "issuedOn": "2026-10-01", "amount": {"value": "1.00"}, "taxRatePercent": "6"}
                """).formatted(number)), 409, "number");
        assertProblem(finance.client().post(path + "/invoices", days("""
                {"number": "%s", "issuedOn": "2026-10-01", "amount": {"value": "1.00"}, "taxRatePercent": "6"}
                """).formatted(number.toLowerCase(java.util.Locale.ROOT))), 409, "number");
        assertProblem(finance.client().post(path + "/invoices", days("""
                {"number": "%s", "issuedOn": "2026-08-24", "amount": {"value": "1.00"}, "taxRatePercent": "6"}
                """).formatted(unique("FP"))), 400, "issuedOn");
        assertProblem(finance.client().post(path + "/invoices", days("""
                {"number": "%s", "issuedOn": "2026-10-01", "amount": {"value": "109400.01"}, "taxRatePercent": "13"}
                """).formatted(unique("FP"))), 409, "amount");
        assertProblem(sales.client().post(path + "/invoices", days("""
                {"number": "%s", "issuedOn": "2026-10-01", "amount": {"value": "1.00"}, "taxRatePercent": "6"}
                """).formatted(unique("FP"))), 403);
        assertThat(finance.client().get(path + "/invoices").json().path("total").asInt()).isEqualTo(1);
        // invoices for one instalment stay within it (60000.00), as its receipts do
        String firstInstalment = summary(finance.client(), id, days("2026-12-01")).path("instalments").get(0).path("id")
                .asString();
        var onIt = finance.client().post(path + "/invoices", days("""
                {"number": "%s", "issuedOn": "2026-10-01", "amount": {"value": "50000.00"}, "taxRatePercent": "6",
                 "obligationId": "%s"}
                """).formatted(unique("FP"), firstInstalment));
        assertThat(onIt.status()).as("%s", onIt).isEqualTo(201);
        var beyond = finance.client().post(path + "/invoices", days("""
                {"number": "%s", "issuedOn": "2026-10-01", "amount": {"value": "10000.01"}, "taxRatePercent": "6",
                 "obligationId": "%s"}
                """).formatted(unique("FP"), firstInstalment));
        assertProblem(beyond, 409, "amount");
        assertThat(beyond.json().toString()).contains("本期还可开票 ¥10,000.00");
        assertThat(finance.client().get(path + "/invoices").json().path("total").asInt()).isEqualTo(2);
        // a draft has no plan to pay into: said so, not "more than the 0 outstanding"
        String draft = createContract(sales.client(), "SERVICE").path("id").asString();
        var early = finance.client().post("/api/v1/contracts/" + draft + "/receipts", receipt(days("2026-11-01"), "1.00"));
        assertProblem(early, 409);
        assertThat(early.json().toString()).contains("签订后");
        // nor a plan short of its amount: the plan is made at signing, as its page says (outside tester)
        var unsigned = summary(finance.client(), draft, days("2026-12-01"));
        assertThat(unsigned.path("planMadeAtSigning").asBoolean()).isTrue();
        assertThat(unsigned.path("planShortOfAmount").asBoolean()).isFalse();
        assertThat(unsigned.path("planExceedsAmount").asBoolean()).isFalse();
        assertThat(unsigned.path("instalments")).isEmpty();
        assertThat(summary(finance.client(), id, days("2026-12-01")).path("planMadeAtSigning").asBoolean()).isFalse();

        var plan = summary(finance.client(), id, days("2026-12-01")).path("instalments");
        assertProblem(finance.client().post(path + "/instalments",
                "{\"title\": \"尾款\", \"amount\": {\"value\": \"0.01\"}}"), 409, "amount");
        // due before the term starts, every day since would count as late
        assertProblem(finance.client().request("PUT", path + "/instalments/" + plan.get(1).path("id").asString())
                .header("If-Match", "\"" + plan.get(1).path("version").asInt() + "\"")
                .json("{\"title\": \"二期款\", \"dueDate\": \"1900-01-01\", \"amount\": {\"value\": \"40000.00\"}}")
                .send(), 400, "dueDate");
        String second = plan.get(1).path("id").asString();
        // split the second instalment: 40000.00 now, 20000.00 as a third
        var lowered = finance.client().request("PUT", path + "/instalments/" + second)
                .header("If-Match", "\"" + plan.get(1).path("version").asInt() + "\"")
                .json(days("{\"title\": \"二期款\", \"dueDate\": \"2027-03-01\", \"amount\": {\"value\": \"40000.00\"}}")).send();
        assertThat(lowered.status()).as("%s", lowered).isEqualTo(200);
        // a plan cut below the signed amount, and not by a waiver, is told (outside tester: nowhere before)
        assertThat(summary(finance.client(), id, days("2026-12-01")).path("planShortOfAmount").asBoolean()).isTrue();
        var stale = finance.client().request("PUT", path + "/instalments/" + second)
                .header("If-Match", "\"" + plan.get(1).path("version").asInt() + "\"")
                .json("{\"title\": \"二期款\", \"amount\": {\"value\": \"40000.00\"}}").send();
        assertProblem(stale, 412);
        assertProblem(finance.client().post(path + "/instalments",
                days("{\"title\": \"三期款\", \"dueDate\": \"2027-06-01\", \"amount\": {\"value\": \"20000.01\"}}")), 409, "amount");
        var third = finance.client().post(path + "/instalments",
                days("{\"title\": \"三期款\", \"dueDate\": \"2027-06-01\", \"amount\": {\"value\": \"20000.00\"}}"));
        assertThat(third.status()).as("%s", third).isEqualTo(201);
        // the audit names an instalment's amount as its own, not as the contract's (outside tester: 合同金额)
        String audit = new io.qiyue.testing.Browser(port).login("admin", ADMIN_PASSWORD)
                .get("/admin/audit?entity=OBLIGATION&id=" + second).body();
        // and only what changed: the amount, not the title and due date sent again as they were (outside tester)
        assertThat(audit).contains("款项金额").doesNotContain("合同金额", "到期日");
        var after = summary(finance.client(), id, days("2026-12-01"));
        assertThat(value(after.path("planned"))).isEqualTo("120000.00");
        assertThat(after.path("planShortOfAmount").asBoolean()).isFalse();
        assertThat(after.path("planExceedsAmount").asBoolean()).isFalse();
        assertThat(after.path("instalments")).hasSize(3);
        // FIXED: one sum for the contract, the first instalment being late
        assertThat(value(after.path("damages").path("amount"))).isEqualTo("5000.00");
    }

    @Test
    void fiftyConcurrentReceiptsNeverOverAllocate() throws Exception {
        var sales = createUser("SALES", null);
        var finance = createUser("FINANCE", null);
        String id = signed(sales.client(), "DAILY_RATE", "0.05");
        String path = "/api/v1/contracts/" + id;
        var first = finance.client().post(path + "/receipts", receipt(days("2026-11-01"), "90000.00"));
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        // 30000.00 outstanding; 50 receipts of 1000.00 at once: exactly 30 fit
        var pool = Executors.newFixedThreadPool(50);
        var results = new ArrayList<Future<HttpResponse>>();
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 50; i++) {
                Callable<HttpResponse> call = () -> {
                    start.await();
                    return finance.client().post(path + "/receipts", receipt(days("2026-11-02"), "1000.00"));
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            int created = 0;
            int refused = 0;
            for (var f : results) {
                var r = f.get();
                if (r.status() == 201) {
                    created++;
                } else {
                    assertProblem(r, 409, "amount");
                    refused++;
                }
            }
            assertThat(created).isEqualTo(30);
            assertThat(refused).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        var s = summary(finance.client(), id, days("2026-12-01"));
        assertThat(value(s.path("received"))).isEqualTo("120000.00");
        assertThat(value(s.path("outstanding"))).isEqualTo("0.00");
        for (JsonNode instalment : s.path("instalments")) {
            assertThat(new BigDecimal(value(instalment.path("received"))))
                    .isEqualByComparingTo(new BigDecimal(value(instalment.path("amount"))));
            assertThat(instalment.path("status").asString()).isEqualTo("DONE");
        }
        var receipts = finance.client().get(path + "/receipts").json();
        assertThat(receipts.path("total").asInt()).isEqualTo(31);
        BigDecimal allocated = BigDecimal.ZERO;
        for (JsonNode r : receipts.path("items")) {
            for (JsonNode a : r.path("allocations")) {
                allocated = allocated.add(new BigDecimal(value(a.path("amount"))));
            }
        }
        assertThat(allocated).isEqualByComparingTo("120000.00");
    }
}
