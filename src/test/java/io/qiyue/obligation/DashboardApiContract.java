package io.qiyue.obligation;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The performance dashboard's figures and exports within the data scope, narrowed by owner and team. */
abstract class DashboardApiContract extends ApiTestSupport {
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachSeesTheFiguresOfTheirScopeAndAdminsNarrowThemByOwnerAndTeam() {
        String team = createTeam();
        var sales = createUser("SALES", team);
        var other = createUser("SALES", null);
        String id = signedContract(sales.client(), endingSoon(sales.client()));
        makeOneVisitLate(id);

        var mine = dashboard(sales.client(), "");
        assertThat(count(mine, "MAINTENANCE", "ACTIVE")).as("started before it was signed").isEqualTo(1);
        assertThat(mine.path("contracts").path("endingIn60").asLong()).isEqualTo(1);
        assertThat(mine.path("contracts").path("endingIn30").asLong()).isZero();
        assertThat(mine.path("obligations").path("overdue").asLong()).isEqualTo(1);
        assertThat(mine.path("obligations").path("byKind").path("MAINTENANCE_VISIT").path("OVERDUE").asLong()).isEqualTo(1);
        var months = mine.path("contracts").path("valueByMonth");
        assertThat(months.size()).isEqualTo(12);
        assertThat(months.get(11).path("month").asString()).isEqualTo(TODAY.toString().substring(0, 7));
        assertThat(months.get(11).path("amount").path("currency").asString()).as("money as everywhere").isEqualTo("CNY");

        var theirs = dashboard(other.client(), "");
        assertThat(theirs.path("contracts").path("byTypeAndStatus").size()).isZero();
        assertThat(theirs.path("obligations").path("overdue").asLong()).isZero();
        // a salesperson cannot widen their scope by naming another owner
        assertThat(dashboard(other.client(), "?owner=" + sales.username()).path("obligations").path("open").asLong())
                .isZero();

        var byOwner = dashboard(admin(), "?owner=" + sales.username());
        assertThat(byOwner.path("contracts")).isEqualTo(mine.path("contracts"));
        assertThat(byOwner.path("obligations")).isEqualTo(mine.path("obligations"));
        var outstanding = mine.path("receivables").path("ageing");
        assertThat(outstanding.path("total").path("value").asString()).isEqualTo("60000.00");
        assertThat(outstanding.path("notDue").path("value").asString()).isEqualTo("60000.00");
        assertThat(mine.path("evaluations").path("openCases").asLong()).isZero();
        assertThat(mine.path("evaluations").path("averageRating").isNull()).isTrue();
        var receipt = admin().post("/api/v1/contracts/" + id + "/receipts", """
                { "receivedOn": "%s", "amount": { "value": "30000.00", "currency": "CNY" }, "method": "BANK_TRANSFER" }
                """.formatted(TODAY));
        assertThat(receipt.status()).as("%s", receipt).isEqualTo(201);
        mine = dashboard(sales.client(), "");
        assertThat(mine.path("receivables").path("ageing").path("total").path("value").asString()).isEqualTo("30000.00");
        var collected = mine.path("receivables").path("collectedByMonth");
        assertThat(collected.size()).isEqualTo(12);
        assertThat(collected.get(11).path("amount").path("value").asString()).isEqualTo("30000.00");
        assertThat(theirs.path("receivables").path("ageing").path("total").path("value").asString()).isEqualTo("0.00");

        var byTeam = dashboard(admin(), "?teamId=" + team);
        assertThat(byTeam.path("obligations")).isEqualTo(mine.path("obligations"));
        assertThat(dashboard(admin(), "?teamId=" + createTeam()).path("obligations").path("open").asLong()).isZero();
    }

    @Test
    void theListsExportToXlsxWithTheFiltersApplied() throws IOException {
        var sales = createUser("SALES", null);
        String id = signedContract(sales.client(), endingSoon(sales.client()));
        makeOneVisitLate(id);
        String number = sales.client().get("/api/v1/contracts/" + id).json().path("number").asString();

        var overdue = sheet(sales.client(), "/api/v1/dashboard/exports/obligations?status=OVERDUE");
        assertThat(overdue.getFirst()).startsWith("合同编号", "合同名称", "类型");
        assertThat(overdue).hasSize(2);
        assertThat(overdue.get(1).getFirst()).isEqualTo(number);
        assertThat(overdue.get(1)).contains("定期回访与维护", "已逾期", "1");

        var all = sheet(sales.client(), "/api/v1/dashboard/exports/obligations");
        // two instalments, the visits of a 50-day term every 20 days (2), the confidentiality clause on both sides
        assertThat(all).hasSize(1 + 6);
        assertThat(all.stream().filter(r -> r.contains("付款")).map(r -> r.get(8)).toList())
                .containsExactly("30,000.00", "30,000.00");

        var ageing = sheet(sales.client(), "/api/v1/dashboard/exports/ageing?groupBy=owner");
        assertThat(ageing).hasSize(3);
        assertThat(ageing.get(0)).startsWith("负责人", "未到期");
        assertThat(ageing.get(2)).startsWith("合计", "60,000.00");
        assertThat(sheet(sales.client(), "/api/v1/dashboard/exports/cases")).hasSize(1);
        assertProblem(sales.client().get("/api/v1/dashboard/exports/ageing?groupBy=planet"), 400, "groupBy");

        var ending = sheet(sales.client(), "/api/v1/dashboard/exports/ending?days=90");
        assertThat(ending).hasSize(2);
        assertThat(ending.get(1).getFirst()).isEqualTo(number);
        assertThat(sheet(createUser("SALES", null).client(), "/api/v1/dashboard/exports/ending?days=90")).hasSize(1);
        assertThat(sheet(sales.client(), "/api/v1/dashboard/exports/ending?days=30")).hasSize(1);
    }

    // ---- fixtures

    /** A maintenance contract that started 10 days ago and ends in 40: visits every 20 days, two instalments. */

    tools.jackson.databind.node.ObjectNode endingSoon(ApiClient as) {
        String customerId = createOrganization(as).path("id").asString();
        var body = ContractSamples.contract("MAINTENANCE", unique("看板测试"), customerId, ourEntityId());
        LocalDate start = TODAY.minusDays(10);
        body.put("startDate", start.toString());
        body.put("endDate", TODAY.plusDays(40).toString());
        var terms = (tools.jackson.databind.node.ObjectNode) body.path("terms");
        ((tools.jackson.databind.node.ObjectNode) terms.path("maintenance")).put("visitIntervalDays", 20);
        var schedule = ((tools.jackson.databind.node.ObjectNode) terms.path("payment")).putArray("schedule");
        schedule.addObject().put("dueDate", TODAY.plusDays(5).toString())
                .putObject("amount").put("value", "30000.00").put("currency", "CNY");
        schedule.addObject().put("dueDate", TODAY.plusDays(35).toString())
                .putObject("amount").put("value", "30000.00").put("currency", "CNY");
        body.putObject("amount").put("value", "60000.00").put("currency", "CNY");
        return body;
    }

    /** The first visit's day moved to yesterday (as if the contract had been signed earlier) and the scan run. */
    void makeOneVisitLate(String contractId) {
        jdbc.sql("UPDATE obligation SET due_date = ?, status = 'OVERDUE' WHERE contract_id = ? AND seq = ("
                        + "SELECT MIN(seq) FROM (SELECT seq FROM obligation WHERE contract_id = ? AND kind = 'MAINTENANCE_VISIT') v)")
                .params(TODAY.minusDays(1), contractId, contractId).update();
    }

    JsonNode dashboard(ApiClient as, String query) {
        var response = as.get("/api/v1/dashboard" + query);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }

    static long count(JsonNode dashboard, String type, String status) {
        for (JsonNode cell : dashboard.path("contracts").path("byTypeAndStatus")) {
            if (cell.path("type").asString().equals(type) && cell.path("status").asString().equals(status)) {
                return cell.path("count").asLong();
            }
        }
        return 0;
    }

    static List<List<String>> sheet(ApiClient as, String path) throws IOException {
        var response = as.request("GET", path).sendForBytes();
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var rows = new ArrayList<List<String>>();
        var format = new DataFormatter();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            for (var row : workbook.getSheetAt(0)) {
                var cells = new ArrayList<String>();
                for (int i = 0; i < row.getLastCellNum(); i++) {
                    var cell = row.getCell(i);
                    cells.add(cell == null ? "" : format.formatCellValue(cell));
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
