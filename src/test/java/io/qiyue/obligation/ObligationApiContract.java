package io.qiyue.obligation;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Obligations over HTTP on a real database: generated once when a contract is signed, read within the data
 * scope, moved with If-Match, evidence kept, the daily scan marking what is late.
 */
abstract class ObligationApiContract extends ApiTestSupport {
    private static final String BOUNDARY = "qiyue-obligation-test";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Autowired
    Obligations obligations;
    @Autowired
    ObligationCalendar calendar;
    @Autowired
    JdbcClient jdbc;

    @Test
    void signingGeneratesTheObligationsOfTheTermsOnceEvenWhenAskedAgain() {
        var sales = createUser("SALES", null);
        var body = maintenance(sales.client());
        String id = signedContract(sales.client(), body);

        var list = sales.client().get("/api/v1/contracts/" + id + "/obligations");
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        var items = list.json().path("items");
        var kinds = new ArrayList<String>();
        items.forEach(o -> kinds.add(o.path("kind").asString()));
        // two instalments, visits every 90 days over a year (4), the confidentiality clause on both sides (2)
        assertThat(kinds).containsExactly("PAYMENT", "PAYMENT", "MAINTENANCE_VISIT", "MAINTENANCE_VISIT",
                "MAINTENANCE_VISIT", "MAINTENANCE_VISIT", "CONFIDENTIALITY", "CONFIDENTIALITY");
        var firstVisit = items.get(2);
        assertThat(firstVisit.path("status").asString()).isEqualTo("PENDING");
        assertThat(firstVisit.path("side").asString()).isEqualTo("OURS");
        assertThat(firstVisit.path("responsible").asString()).isEqualTo(sales.username());
        assertThat(firstVisit.path("dueDate").asString()).isEqualTo(start().plusDays(90).toString());
        assertThat(items.get(0).path("amount").path("value").asString()).isEqualTo("48000.00");
        assertThat(items.get(0).path("side").asString()).isEqualTo("CUSTOMER");

        assertThat(obligations.generate(id, TODAY, "system")).isZero();
        assertThat(sales.client().get("/api/v1/contracts/" + id + "/obligations").json().path("items").size())
                .isEqualTo(items.size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM obligation WHERE contract_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(items.size());
    }

    @Test
    void markingDoneKeepsTheEvidenceAndRefusesStaleOrRepeatedMoves() {
        var sales = createUser("SALES", null);
        String id = signedContract(sales.client(), maintenance(sales.client()));
        var visit = first(sales.client(), id, "MAINTENANCE_VISIT");
        String path = "/api/v1/obligations/" + visit.path("id").asString();

        var noIfMatch = sales.client().post(path + "/complete", "{\"note\": \"已完成\"}");
        assertProblem(noIfMatch, 428);
        var stale = sales.client().request("POST", path + "/complete").header("If-Match", "\"99\"")
                .json("{\"note\": \"已完成\"}").send();
        assertProblem(stale, 412);
        var future = complete(sales.client(), path, visit.path("version").asInt(), "上门巡检", TODAY.plusDays(1),
                "report.pdf", "%PDF-1.4 report".getBytes(StandardCharsets.US_ASCII));
        assertProblem(future, 400, "completedOn");
        var longBefore = complete(sales.client(), path, visit.path("version").asInt(), "上门巡检", LocalDate.of(2020, 1, 1),
                "report.pdf", "%PDF-1.4 report".getBytes(StandardCharsets.US_ASCII));
        assertProblem(longBefore, 400, "completedOn");
        var html = complete(sales.client(), path, visit.path("version").asInt(), "上门巡检", TODAY,
                "report.pdf", "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        assertProblem(html, 400, "file");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM obligation_evidence WHERE obligation_id = ?")
                .param(visit.path("id").asString()).query(Long.class).single()).isZero();

        byte[] pdf = "%PDF-1.4 visit report".getBytes(StandardCharsets.US_ASCII);
        var done = complete(sales.client(), path, visit.path("version").asInt(), "已上门巡检，客户签字确认", TODAY,
                "巡检报告.pdf", pdf);
        assertThat(done.status()).as("%s", done).isEqualTo(200);
        assertThat(done.json().path("status").asString()).isEqualTo("DONE");
        assertThat(done.json().path("note").asString()).isEqualTo("已上门巡检，客户签字确认");
        assertThat(done.json().path("completedOn").asString()).isEqualTo(TODAY.toString());
        assertThat(done.json().path("completedBy").asString()).isEqualTo(sales.username());
        var evidence = done.json().path("evidence").get(0);
        assertThat(evidence.path("fileName").asString()).isEqualTo("巡检报告.pdf");
        assertThat(evidence.path("sharedWithCustomer").asBoolean()).isTrue();
        var file = sales.client().request("GET", "/api/v1/obligation-evidence/" + evidence.path("id").asString())
                .sendForBytes();
        assertThat(file.body()).isEqualTo(pdf);
        assertThat(file.headers().firstValue("Content-Type")).contains("application/pdf");

        // found by an outside tester: of several files only one was kept, and a long name was "over 20 MiB"
        var out = new ByteArrayOutputStream();
        for (String name : new String[]{"一.pdf", "二.pdf"}) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 x\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var two = sales.client().request("POST", path + "/evidence")
                .bytes("multipart/form-data; boundary=" + BOUNDARY, out.toByteArray()).send();
        assertProblem(two, 400, "file");
        String longName = "合".repeat(140) + ".pdf";
        var named = new ByteArrayOutputStream();
        named.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + longName
                + "\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 x\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        var longNamed = sales.client().request("POST", path + "/evidence")
                .bytes("multipart/form-data; boundary=" + BOUNDARY, named.toByteArray()).send();
        assertThat(longNamed.body()).doesNotContain("20 MiB");

        var again = sales.client().request("POST", path + "/complete").header("If-Match", done.header("ETag"))
                .json("{}").send();
        assertProblem(again, 409);
        var waiveDone = sales.client().request("POST", path + "/waive").header("If-Match", done.header("ETag"))
                .json("{\"reason\": \"客户同意\"}").send();
        assertProblem(waiveDone, 409);

        var payment = first(sales.client(), id, "PAYMENT");
        var byHand = sales.client().request("POST", "/api/v1/obligations/" + payment.path("id").asString() + "/complete")
                .header("If-Match", "\"" + payment.path("version").asInt() + "\"").json("{}").send();
        assertThat(byHand.status()).as("%s", byHand).isIn(403, 409);
    }

    @Test
    void waivingNeedsAReasonAndReopeningGoesBackToPending() {
        var sales = createUser("SALES", null);
        String id = signedContract(sales.client(), maintenance(sales.client()));
        var visit = first(sales.client(), id, "MAINTENANCE_VISIT");
        String path = "/api/v1/obligations/" + visit.path("id").asString();
        String etag = "\"" + visit.path("version").asInt() + "\"";

        assertProblem(sales.client().request("POST", path + "/waive").header("If-Match", etag)
                .json("{\"reason\": \"  \"}").send(), 400, "reason");
        var waived = sales.client().request("POST", path + "/waive").header("If-Match", etag)
                .json("{\"reason\": \"客户书面同意取消本次回访\"}").send();
        assertThat(waived.status()).as("%s", waived).isEqualTo(200);
        assertThat(waived.json().path("status").asString()).isEqualTo("WAIVED");
        assertThat(waived.json().path("statusReason").asString()).isEqualTo("客户书面同意取消本次回访");
        // a waiver given by mistake is taken back
        var unwaived = sales.client().request("POST", path + "/reopen").header("If-Match", waived.header("ETag"))
                .json("{\"reason\": \"误操作，撤回豁免\"}").send();
        assertThat(unwaived.status()).as("%s", unwaived).isEqualTo(200);
        assertThat(unwaived.json().path("status").asString()).isEqualTo("PENDING");
        var confidentiality = first(sales.client(), id, "CONFIDENTIALITY");
        assertProblem(sales.client().request("POST", "/api/v1/obligations/" + confidentiality.path("id").asString()
                + "/complete").header("If-Match", "\"" + confidentiality.path("version").asInt() + "\"").json("{}")
                .send(), 409);
        // releasing our confidentiality is legal's decision (an outside tester's salesperson waived it alone)
        assertThat(confidentiality.path("actions").isArray()).isTrue();
        assertThat(confidentiality.path("actions").toString()).doesNotContain("WAIVE");
        String confidentialityPath = "/api/v1/obligations/" + confidentiality.path("id").asString();
        assertProblem(sales.client().request("POST", confidentialityPath + "/waive")
                .header("If-Match", "\"" + confidentiality.path("version").asInt() + "\"")
                .json("{\"reason\": \"不想遵守了\"}").send(), 403);
        var legal = createUser("LEGAL", null);
        assertThat(legal.client().get(confidentialityPath).json().path("actions").toString()).contains("WAIVE");
        var released = legal.client().request("POST", confidentialityPath + "/waive")
                .header("If-Match", "\"" + confidentiality.path("version").asInt() + "\"")
                .json("{\"reason\": \"双方书面协议提前解除保密义务\"}").send();
        assertThat(released.status()).as("%s", released).isEqualTo(200);

        var second = list(sales.client(), id).stream().filter(o -> o.path("kind").asString().equals("MAINTENANCE_VISIT"))
                .toList().get(1);
        String secondPath = "/api/v1/obligations/" + second.path("id").asString();
        var done = sales.client().request("POST", secondPath + "/complete")
                .header("If-Match", "\"" + second.path("version").asInt() + "\"").json("{\"note\": \"电话回访\"}").send();
        assertThat(done.status()).as("%s", done).isEqualTo(200);
        var reopened = sales.client().request("POST", secondPath + "/reopen").header("If-Match", done.header("ETag"))
                .json("{\"reason\": \"客户反映问题未解决\"}").send();
        assertThat(reopened.status()).as("%s", reopened).isEqualTo(200);
        assertThat(reopened.json().path("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void onlyThoseWhoAnswerForTheContractMoveItsObligationsAndOthersDoNotSeeThem() {
        var sales = createUser("SALES", null);
        String id = signedContract(sales.client(), maintenance(sales.client()));
        var visit = first(sales.client(), id, "MAINTENANCE_VISIT");
        String path = "/api/v1/obligations/" + visit.path("id").asString();
        String etag = "\"" + visit.path("version").asInt() + "\"";

        var viewer = createUser("VIEWER", null);
        assertThat(viewer.client().get("/api/v1/contracts/" + id + "/obligations").status()).isEqualTo(200);
        assertProblem(viewer.client().request("POST", path + "/complete").header("If-Match", etag).json("{}").send(), 403);
        var otherSales = createUser("SALES", null);
        assertProblem(otherSales.client().get("/api/v1/contracts/" + id + "/obligations"), 404);
        assertProblem(otherSales.client().get(path), 404);
        assertProblem(otherSales.client().request("POST", path + "/complete").header("If-Match", etag).json("{}")
                .send(), 404);
        assertThat(otherSales.client().get("/api/v1/obligations?contractId=" + id).json().path("total").asLong())
                .isZero();
        assertThat(sales.client().get("/api/v1/obligations?contractId=" + id + "&responsible=me").json().path("total")
                .asLong()).isEqualTo(5);
        assertThat(sales.client().get(path).json().path("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void theObligationListExportsAsCsvAndXlsxWithinTheScope() throws Exception {
        var sales = createUser("SALES", null);
        String id = signedContract(sales.client(), maintenance(sales.client()));
        String query = "/api/v1/obligations?contractId=" + id + "&responsible=me";
        var listed = sales.client().get(query + "&size=200").json();
        assertThat(listed.path("total").asInt()).isEqualTo(5);

        var csv = sales.client().request("GET", query).header("Accept", "text/csv").sendForBytes();
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment; filename=\"obligations-");
        var rows = io.qiyue.web.ExportApiContract.readCsv(csv.body());
        assertThat(rows.getFirst().get(0)).isEqualTo("合同编号");
        assertThat(rows).hasSize(1 + 5);
        var titles = new java.util.ArrayList<String>();
        listed.path("items").forEach(o -> titles.add(o.path("title").asString()));
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.get(3)).toList())
                .containsExactlyInAnyOrderElementsOf(titles);

        var xlsx = sales.client().request("GET", query)
                .header("Accept", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").sendForBytes();
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(5);
        }
        var others = io.qiyue.web.ExportApiContract.readCsv(createUser("SALES", null).client()
                .request("GET", "/api/v1/obligations?contractId=" + id).header("Accept", "text/csv").sendForBytes().body());
        assertThat(others).as("another salesperson's file has the header only").hasSize(1);
    }

    @Test
    void aContractsObligationsExportAsCsvAndXlsxToWhoeverMayReadIt() throws Exception {
        var sales = createUser("SALES", null);
        String id = signedContract(sales.client(), maintenance(sales.client()));
        String path = "/api/v1/contracts/" + id + "/obligations";
        var listed = sales.client().get(path).json().path("items");
        assertThat(listed.size()).isGreaterThan(1);
        String number = sales.client().get("/api/v1/contracts/" + id).json().path("number").asString();

        var csv = ExportFiles.csv(sales.client(), path, "contract-obligations");
        assertThat(csv.getFirst()).startsWith("合同编号", "合同名称", "类型", "事项");
        assertThat(csv).hasSize(1 + listed.size());
        for (int i = 0; i < listed.size(); i++) {
            var row = csv.get(1 + i);
            assertThat(row.get(0)).isEqualTo(number);
            assertThat(row.get(3)).as("in the list's order").isEqualTo(listed.get(i).path("title").asString());
            var due = listed.get(i).path("dueDate");
            assertThat(row.get(6)).isEqualTo(due.isNull() || due.isMissingNode() ? "" : due.asString());
        }

        var xlsx = ExportFiles.xlsx(sales.client(), path, "contract-obligations");
        assertThat(xlsx).hasSize(1 + listed.size());
        for (int i = 0; i < listed.size(); i++) {
            var amount = listed.get(i).path("amount");
            if (!amount.isMissingNode() && !amount.isNull()) {
                assertThat((java.math.BigDecimal) xlsx.get(1 + i).get(8)).as("amounts are numbers")
                        .isEqualByComparingTo(amount.path("value").asString());
            }
        }

        assertProblem(createUser("SALES", null).client().request("GET", path).header("Accept", "text/csv").send(), 404);
        assertThat(sales.client().request("GET", path).header("Accept", "*/*").send().contentType())
                .startsWith("application/json");
    }

    @Test
    void theDailyScanMarksWhatIsLateAndEndsDutiesWhosePeriodPassed() {
        var sales = createUser("SALES", null);
        String id = signedContract(sales.client(), maintenance(sales.client()));
        var visit = first(sales.client(), id, "MAINTENANCE_VISIT");
        var duty = first(sales.client(), id, "CONFIDENTIALITY");
        jdbc.sql("UPDATE obligation SET due_date = ? WHERE id IN (?, ?)")
                .params(TODAY.minusDays(1), visit.path("id").asString(), duty.path("id").asString()).update();

        var scan = calendar.runFor(TODAY);
        assertThat(scan.overdue()).isGreaterThanOrEqualTo(1);
        assertThat(sales.client().get("/api/v1/obligations/" + visit.path("id").asString()).json().path("status")
                .asString()).isEqualTo("OVERDUE");
        var ended = sales.client().get("/api/v1/obligations/" + duty.path("id").asString()).json();
        assertThat(ended.path("status").asString()).isEqualTo("DONE");
        assertThat(ended.path("completedBy").asString()).isEqualTo("system");
        assertThat(calendar.runFor(TODAY)).isEqualTo(new Obligations.Scan(0, 0));

        // a status that is none names the one refused and those allowed, by their labels (outside tester: "“BAD”不是
        // 有效的列表"), in English too
        var bad = sales.client().get("/api/v1/obligations?status=OVERDUE,BAD");
        assertProblem(bad, 400, "status");
        assertThat(bad.json().path("detail").asString()).startsWith("状态：“BAD”不是可选的值")
                .contains("“OVERDUE”（已逾期）", "“DONE”（已履行）").doesNotContain("列表");
        assertThat(sales.client().withHeader("Accept-Language", "en").get("/api/v1/obligations?status=BAD").json()
                .path("detail").asString()).contains("\"BAD\" is not one of the allowed values", "\"WAIVED\" (Waived)");
        var overdue = sales.client().get("/api/v1/obligations?status=OVERDUE&responsible=me").json();
        assertThat(overdue.path("items").findValuesAsString("id")).contains(visit.path("id").asString());
        var done = sales.client().request("POST", "/api/v1/obligations/" + visit.path("id").asString() + "/complete")
                .header("If-Match", sales.client().get("/api/v1/obligations/" + visit.path("id").asString()).header("ETag"))
                .json("{\"note\": \"补做回访\"}").send();
        assertThat(done.json().path("status").asString()).isEqualTo("DONE");
    }

    /**
     * A maintenance agreement signed today whose term began months ago: its visits due before it was made are waived
     * by the system as such, not all overdue at once (outside tester), and one of them may be reopened; the visits
     * after it are pending.
     */
    @Test
    void visitsDueBeforeTheContractWasMadeAreNotChasedAsLate() {
        var sales = createUser("SALES", null);
        var body = maintenance(sales.client());
        body.put("startDate", TODAY.minusDays(200).toString());
        body.put("endDate", TODAY.minusDays(200).plusYears(1).toString());
        ((ObjectNode) body.path("terms").path("maintenance")).put("visitIntervalDays", 30);
        var schedule = (tools.jackson.databind.node.ArrayNode) body.path("terms").path("payment").path("schedule");
        ((ObjectNode) schedule.get(0)).put("dueDate", TODAY.plusDays(5).toString());
        ((ObjectNode) schedule.get(1)).put("dueDate", TODAY.plusDays(60).toString());
        String id = signedContract(sales.client(), body);
        var visits = list(sales.client(), id).stream()
                .filter(o -> o.path("kind").asString().equals("MAINTENANCE_VISIT")).toList();
        var before = visits.stream().filter(v -> LocalDate.parse(v.path("dueDate").asString()).isBefore(TODAY)).toList();
        var after = visits.stream().filter(v -> !LocalDate.parse(v.path("dueDate").asString()).isBefore(TODAY)).toList();
        assertThat(before).hasSize(6);
        assertThat(before).allSatisfy(v -> {
            assertThat(v.path("status").asString()).isEqualTo("WAIVED");
            assertThat(v.path("statusReason").asString()).isEqualTo("BEFORE_SIGNING");
            assertThat(v.path("displayStatusReason").asString()).contains("签订前");
            assertThat(v.path("actions").toString()).contains("REOPEN");
        });
        assertThat(after).isNotEmpty().allSatisfy(v -> assertThat(v.path("status").asString()).isEqualTo("PENDING"));
        assertThat(sales.client().get("/api/v1/obligations?status=OVERDUE&contractId=" + id).json().path("total")
                .asInt()).isZero();

        String first = "/api/v1/obligations/" + before.getFirst().path("id").asString();
        var reopened = sales.client().request("POST", first + "/reopen")
                .header("If-Match", sales.client().get(first).header("ETag")).json("{\"reason\": \"仍需补做\"}").send();
        assertThat(reopened.status()).as("%s", reopened).isEqualTo(200);
    }

    @Test
    void terminationWaivesWhatWouldHaveBeenDeliveredAfterItAndMovesTheSurvivingDuties() {
        var sales = createUser("SALES", null);
        var body = maintenance(sales.client());
        body.put("startDate", TODAY.minusDays(10).toString());
        body.put("endDate", TODAY.minusDays(10).plusYears(1).toString());
        String id = signedContract(sales.client(), body);
        String path = "/api/v1/contracts/" + id;
        var receipt = admin().post(path + "/receipts", """
                { "receivedOn": "%s", "amount": { "value": "10000.00", "currency": "CNY" }, "method": "BANK_TRANSFER",
                  "reference": "回单-T1" }""".formatted(TODAY));
        assertThat(receipt.status()).as("%s", receipt).isEqualTo(201);
        var terminated = sales.client().request("POST", path + "/terminate").header("If-Match",
                sales.client().get(path).header("ETag")).json("{\"reason\": \"客户业务调整\", \"date\": \"" + TODAY + "\"}").send();
        assertThat(terminated.status()).as("%s", terminated).isEqualTo(200);

        var after = list(sales.client(), id);
        assertThat(after.stream().filter(o -> o.path("kind").asString().equals("MAINTENANCE_VISIT")))
                .allSatisfy(o -> {
                    assertThat(o.path("status").asString()).isEqualTo("WAIVED");
                    assertThat(o.path("statusReason").asString()).contains("客户业务调整");
                    assertThat(o.path("actions").toString()).doesNotContain("REOPEN");
                });
        // a visit after the termination ended with the contract: reopened, it would be chased as overdue
        // (an outside tester reopened one)
        String visit = "/api/v1/obligations/" + after.stream()
                .filter(o -> o.path("kind").asString().equals("MAINTENANCE_VISIT")).findFirst().orElseThrow()
                .path("id").asString();
        var reopened = sales.client().request("POST", visit + "/reopen")
                .header("If-Match", sales.client().get(visit).header("ETag")).json("{\"reason\": \"误操作\"}").send();
        assertProblem(reopened, 409);
        assertThat(reopened.json().path("detail").asString()).contains(TODAY.toString(), "终止");
        assertThat(sales.client().get(visit).json().path("status").asString()).isEqualTo("WAIVED");
        // what Qiyue wrote on them reads in English for an English reader, what people wrote as they wrote it
        String english = new io.qiyue.testing.Browser(port).login(sales.username(), USER_PASSWORD)
                .get("/contracts/" + id + "/obligations?lang=en").body();
        assertThat(english).contains("The contract was terminated: 客户业务调整", "Maintenance items: ",
                        "Confidentiality period: ")
                .doesNotContain("合同已终止", "维护内容：", "保密期限：");
        // and so do the API's display fields and the export, while the stored words stay as they are (outside tester:
        // the API and the CSV gave Chinese titles in English mode)
        String englishJson = sales.client().request("GET", path + "/obligations").header("Accept-Language", "en")
                .send().body();
        assertThat(englishJson).contains("\"title\":\"第1次定期回访与维护\"", "\"displayTitle\":\"Maintenance visit 1\"",
                "\"displayStatusReason\":\"The contract was terminated: 客户业务调整\"", "\"displayDescription\":\"Maintenance items: ");
        String englishCsv = sales.client().request("GET", path + "/obligations?format=csv")
                .header("Accept-Language", "en").send().body();
        assertThat(englishCsv).contains("Maintenance visit 1", "The contract was terminated: 客户业务调整")
                .doesNotContain("第1次定期回访与维护", "合同已终止");
        // the customer's instalments due after the end are not chased (an outside tester found a cancelled renewal's
        // whole price overdue); the one paid into stays for finance to settle
        var payments = after.stream().filter(o -> o.path("kind").asString().equals("PAYMENT")).toList();
        assertThat(payments).hasSize(2);
        assertThat(payments).filteredOn(o -> o.path("amount").path("value").asString().equals("72000.00"))
                .singleElement().satisfies(o -> {
                    assertThat(o.path("status").asString()).isEqualTo("WAIVED");
                    assertThat(o.path("statusReason").asString()).contains("客户业务调整");
                });
        assertThat(payments).filteredOn(o -> o.path("amount").path("value").asString().equals("48000.00"))
                .singleElement().satisfies(o -> assertThat(o.path("status").asString()).isNotEqualTo("WAIVED"));
        var receivables = sales.client().get(path + "/receivables").json();
        assertThat(receivables.toString()).contains("38000.00");
        // the clause binds beyond the end, whenever that comes: still pending, without a last day
        assertThat(after.stream().filter(o -> o.path("kind").asString().equals("CONFIDENTIALITY")))
                .allSatisfy(o -> {
                    assertThat(o.path("status").asString()).isEqualTo("PENDING");
                    assertThat(o.path("dueDate").isNull() || o.path("dueDate").isMissingNode()).isTrue();
                });
    }

    /** Found by an outside tester: a contract ended before its term began left its surviving duties starting after. */
    @Test
    void aContractTerminatedBeforeItsTermBeganHasItsSurvivingDutiesRunFromTheEnd() {
        var sales = createUser("SALES", null);
        String id = signedContract(sales.client(), maintenance(sales.client()));
        String path = "/api/v1/contracts/" + id;
        var terminated = sales.client().request("POST", path + "/terminate").header("If-Match",
                sales.client().get(path).header("ETag")).json("{\"reason\": \"客户取消项目\", \"date\": \"" + TODAY + "\"}")
                .send();
        assertThat(terminated.status()).as("%s", terminated).isEqualTo(200);
        assertThat(list(sales.client(), id).stream().filter(o -> o.path("kind").asString().equals("CONFIDENTIALITY")))
                .isNotEmpty().allSatisfy(o -> {
                    assertThat(o.path("status").asString()).isEqualTo("PENDING");
                    assertThat(o.path("startsOn").asString()).isEqualTo(TODAY.toString());
                });
    }

    @Test
    void theContractListShowsTheShareReceivedAndFindsWhatIsNotFullyPaid() {
        var sales = createUser("SALES", null);
        String id = signedContract(sales.client(), maintenance(sales.client()));
        String owned = "/api/v1/contracts?owner=" + sales.username();
        assertThat(ids(sales.client().get(owned + "&notFullyPaid=true").json())).containsExactly(id);

        var receipt = admin().post("/api/v1/contracts/" + id + "/receipts", """
                { "receivedOn": "%s", "amount": { "value": "48000.00", "currency": "CNY" }, "method": "BANK_TRANSFER",
                  "reference": "回单-001" }""".formatted(TODAY));
        assertThat(receipt.status()).as("%s", receipt).isEqualTo(201);
        var listed = sales.client().get(owned).json().path("items").get(0);
        assertThat(listed.path("receivedPercent").isString()).as("a percentage is a decimal string (spec/api.md)").isTrue();
        assertThat(new java.math.BigDecimal(listed.path("receivedPercent").asString())).isEqualByComparingTo("40.0");
        assertThat(ids(sales.client().get(owned + "&notFullyPaid=true").json())).containsExactly(id);

        var rest = admin().post("/api/v1/contracts/" + id + "/receipts", """
                { "receivedOn": "%s", "amount": { "value": "72000.00", "currency": "CNY" }, "method": "BANK_TRANSFER",
                  "reference": "回单-002" }""".formatted(TODAY));
        assertThat(rest.status()).as("%s", rest).isEqualTo(201);
        assertThat(new java.math.BigDecimal(sales.client().get(owned).json().path("items").get(0)
                .path("receivedPercent").asString())).isEqualByComparingTo("100");
        assertThat(ids(sales.client().get(owned + "&notFullyPaid=true").json())).isEmpty();
    }

    // ---- fixtures

    static LocalDate start() {
        return TODAY.plusDays(1);
    }

    /** A maintenance contract of a year from tomorrow: two instalments, a visit every 90 days, a confidentiality clause for the term. */
    ObjectNode maintenance(ApiClient as) {
        String customerId = createOrganization(as).path("id").asString();
        var body = ContractSamples.contract("MAINTENANCE", unique("履约测试"), customerId, ourEntityId());
        body.put("startDate", start().toString());
        body.put("endDate", start().plusYears(1).minusDays(1).toString());
        var terms = (ObjectNode) body.path("terms");
        var schedule = ((ObjectNode) terms.path("payment")).putArray("schedule");
        schedule.addObject().put("dueDate", start().plusDays(30).toString()).put("description", "首期款")
                .putObject("amount").put("value", "48000.00").put("currency", "CNY");
        schedule.addObject().put("dueDate", start().plusDays(200).toString()).put("description", "尾款")
                .putObject("amount").put("value", "72000.00").put("currency", "CNY");
        terms.putArray("confidentialityObligations").add("对在履行本合同过程中知悉的对方商业秘密承担保密义务");
        return body;
    }

    static List<JsonNode> list(ApiClient as, String contractId) {
        var response = as.get("/api/v1/contracts/" + contractId + "/obligations");
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        var out = new ArrayList<JsonNode>();
        response.json().path("items").forEach(out::add);
        return out;
    }

    static JsonNode first(ApiClient as, String contractId, String kind) {
        return list(as, contractId).stream().filter(o -> o.path("kind").asString().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " obligation"));
    }

    static HttpResponse complete(ApiClient as, String path, int version, String note, LocalDate on, String fileName,
                                 byte[] content) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + note + "\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"completedOn\"\r\n\r\n" + on + "\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"shared\"\r\n\r\ntrue\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return as.request("POST", path + "/complete").header("If-Match", "\"" + version + "\"")
                .bytes("multipart/form-data; boundary=" + BOUNDARY, out.toByteArray()).send();
    }
}
