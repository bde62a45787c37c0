package io.qiyue.web;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestIdentifiers;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports of the contract, customer and audit lists (issue #16): the file holds every row of the filtered list
 * and nothing else, read back with POI and commons-csv and compared with the list API, within the caller's scope,
 * with a formula of a customer's name kept as text.
 */
public abstract class ExportApiContract extends ApiTestSupport {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String FORMULA = "=HYPERLINK(\"http://x\",\"y\")";

    /** Two contracts of a salesperson under one title prefix, one for a customer named like a formula. */
    private record Fixture(String prefix, ApiClient owner, ApiClient other, Set<String> ownNumbers,
                           Set<String> otherNumbers) {
    }

    private Fixture fixture() {
        String prefix = unique("导出");
        var owner = createUser("SALES", null);
        var other = createUser("SALES", null);
        var own = new HashSet<String>();
        var formulaCustomer = owner.client().post("/api/v1/customers",
                organizationBody(FORMULA, TestIdentifiers.creditCode()).toString());
        assertThat(formulaCustomer.status()).as("%s", formulaCustomer).isEqualTo(201);
        own.add(createContract(owner.client(), ContractSamples.contract("SERVICE", prefix + " 运维",
                formulaCustomer.json().path("id").asString(), ourEntityId())).path("number").asString());
        String plainCustomer = createOrganization(owner.client()).path("id").asString();
        own.add(createContract(owner.client(), ContractSamples.contract("CONFIDENTIALITY", prefix + " 保密",
                plainCustomer, ourEntityId())).path("number").asString());
        String othersCustomer = createOrganization(other.client()).path("id").asString();
        var others = Set.of(createContract(other.client(), ContractSamples.contract("CONSULTING", prefix + " 咨询",
                othersCustomer, ourEntityId())).path("number").asString());
        return new Fixture(prefix, owner.client(), other.client(), own, others);
    }

    @Test
    void aFilteredContractListExportsToCsvAndXlsxWithTheRowsOfTheListAndOnlyThose() throws Exception {
        var f = fixture();
        String q = "q=" + URLEncoder.encode(f.prefix(), StandardCharsets.UTF_8);
        var listed = admin().get("/api/v1/contracts?size=200&" + q).json();
        assertThat(listed.path("total").asInt()).isEqualTo(3);

        var csv = f.owner().request("GET", "/api/v1/contracts?" + q).header("Accept", "text/csv").sendForBytes();
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment; filename=\"contracts-").contains("filename*=UTF-8''");
        var csvRows = readCsv(csv.body());
        assertThat(csvRows.getFirst().get(0)).isEqualTo("合同编号");
        assertThat(csvRows.subList(1, csvRows.size()).stream().map(r -> r.get(0)).toList())
                .containsExactlyInAnyOrderElementsOf(f.ownNumbers());
        var formulaRow = csvRows.stream().filter(r -> r.get(1).endsWith("运维")).findFirst().orElseThrow();
        assertThat(formulaRow.get(3)).isEqualTo("'" + FORMULA);
        assertThat(formulaRow.get(4)).isEqualTo("契约示例（上海）有限公司");
        assertThat(formulaRow.get(6)).isEqualTo("120000.00");

        // the same list as the owner's list API shows it, sorted as asked
        var ownList = f.owner().get("/api/v1/contracts?size=200&sort=number,asc&" + q).json();
        var listNumbers = new ArrayList<String>();
        ownList.path("items").forEach(i -> listNumbers.add(i.path("number").asString()));
        var xlsx = f.owner().request("GET", "/api/v1/contracts?format=xlsx&sort=number,asc&" + q).sendForBytes();
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse("")).startsWith(XLSX);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            var numbers = new ArrayList<String>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                numbers.add(sheet.getRow(i).getCell(0).getStringCellValue());
            }
            assertThat(numbers).containsExactlyElementsOf(listNumbers);
            Row formula = rowWithTitleEnding(sheet, "运维");
            Cell customer = formula.getCell(3);
            assertThat(customer.getCellType()).isEqualTo(CellType.STRING);
            assertThat(customer.getStringCellValue()).isEqualTo(FORMULA);
            assertThat(customer.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(formula.getCell(6).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(BigDecimal.valueOf(formula.getCell(6).getNumericCellValue())).isEqualByComparingTo("120000");
        }

        // the other salesperson's export holds only what their list shows
        var othersCsv = readCsv(f.other().request("GET", "/api/v1/contracts?format=csv&" + q).sendForBytes().body());
        assertThat(othersCsv.subList(1, othersCsv.size()).stream().map(r -> r.get(0)).toList())
                .containsExactlyInAnyOrderElementsOf(f.otherNumbers());
        // and the admin's every row of the filtered list, not one page
        var all = readCsv(admin().request("GET", "/api/v1/contracts?format=csv&size=1&" + q).sendForBytes().body());
        assertThat(all).hasSize(4);
        var filtered = readCsv(admin().request("GET", "/api/v1/contracts?format=csv&type=CONFIDENTIALITY&" + q)
                .sendForBytes().body());
        assertThat(filtered).hasSize(2);
    }

    @Test
    void columnsAreInTheRequestsLanguage() throws Exception {
        var f = fixture();
        String q = "q=" + URLEncoder.encode(f.prefix(), StandardCharsets.UTF_8);
        var en = readCsv(f.owner().request("GET", "/api/v1/contracts?format=csv&lang=en&" + q).sendForBytes().body());
        assertThat(en.getFirst().get(0)).isEqualTo("Number");
        assertThat(en.subList(1, en.size()).stream().map(r -> r.get(2)).toList())
                .contains("Service contract", "Confidentiality agreement");
        var byHeader = readCsv(f.owner().request("GET", "/api/v1/contracts?" + q).header("Accept", "text/csv")
                .header("Accept-Language", "en").sendForBytes().body());
        assertThat(byHeader.getFirst().get(0)).isEqualTo("Number");
    }

    @Test
    void theCustomerListExportsMaskedAndEscapedWithinTheScope() throws Exception {
        var f = fixture();
        String q = "q=" + URLEncoder.encode("=HYPERLINK", StandardCharsets.UTF_8);
        var listed = f.owner().get("/api/v1/customers?size=200&" + q).json();
        var csv = readCsv(f.owner().request("GET", "/api/v1/customers?" + q).header("Accept", "text/csv")
                .sendForBytes().body());
        assertThat(csv).hasSize(1 + listed.path("total").asInt());
        assertThat(csv.get(1).get(0)).isEqualTo("'" + FORMULA);
        // another salesperson sees neither the customer in the list nor in the file
        var others = readCsv(f.other().request("GET", "/api/v1/customers?format=csv&" + q).sendForBytes().body());
        assertThat(f.other().get("/api/v1/customers?" + q).json().path("total").asInt()).isEqualTo(others.size() - 1);
        assertThat(others.subList(1, others.size())).noneMatch(r -> r.get(0).equals("'" + FORMULA)
                && csv.get(1).get(2).equals(r.get(2)));
        var xlsx = f.owner().request("GET", "/api/v1/customers?" + q).header("Accept", XLSX).sendForBytes();
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var cell = workbook.getSheetAt(0).getRow(1).getCell(0);
            assertThat(cell.getStringCellValue()).isEqualTo(FORMULA);
            assertThat(cell.getCellStyle().getQuotePrefixed()).isTrue();
        }
        // the mobile as the list shows it: masked for a reader outside the write scope (the viewer role)
        var viewer = createUser("VIEWER", null);
        var viewed = viewer.client().get("/api/v1/customers?size=1&" + q).json();
        if (viewed.path("total").asInt() > 0) {
            String listedMobile = viewed.path("items").get(0).path("contacts").get(0).path("mobile").asString();
            var viewerCsv = readCsv(viewer.client().request("GET", "/api/v1/customers?format=csv&sort=updatedAt,desc&"
                    + q).sendForBytes().body());
            assertThat(viewerCsv.get(1).get(9)).isEqualTo(listedMobile);
        }
    }

    @Test
    void theAuditListExportsForAdminsOnly() throws Exception {
        var f = fixture();
        String contractId = f.owner().get("/api/v1/contracts?q=" + URLEncoder.encode(f.prefix(),
                StandardCharsets.UTF_8)).json().path("items").get(0).path("id").asString();
        var listed = admin().get("/api/v1/audit?entity=CONTRACT&id=" + contractId).json();
        var csv = readCsv(admin().request("GET", "/api/v1/audit?entity=CONTRACT&id=" + contractId)
                .header("Accept", "text/csv").sendForBytes().body());
        assertThat(csv).hasSize(1 + listed.path("total").asInt());
        assertThat(csv.get(1).get(4)).isEqualTo(contractId);
        var xlsx = admin().request("GET", "/api/v1/audit?format=xlsx&entity=CONTRACT&id=" + contractId).sendForBytes();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(listed.path("total").asInt());
        }
        assertThat(f.owner().request("GET", "/api/v1/audit?format=csv").sendForBytes().statusCode()).isEqualTo(403);

        // by who did what on which days (outside tester: only the record could be chosen)
        String owner = null;
        for (var item : listed.path("items")) {
            if (item.path("action").asString().equals("CREATE")) {
                owner = item.path("actor").asString();
            }
        }
        assertThat(owner).isNotNull();
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        var created = admin().get("/api/v1/audit?entity=CONTRACT&id=" + contractId + "&action=create&actor=" + owner
                + "&from=" + today + "&to=" + today).json();
        assertThat(created.path("total").asInt()).isEqualTo(1);
        assertThat(created.path("items").get(0).path("action").asString()).isEqualTo("CREATE");
        assertThat(admin().get("/api/v1/audit?entity=CONTRACT&id=" + contractId + "&to=2000-01-01").json()
                .path("total").asInt()).isZero();
        var byActor = readCsv(admin().request("GET", "/api/v1/audit?format=csv&actor=" + owner + "&from=" + today)
                .sendForBytes().body());
        assertThat(byActor.size()).isGreaterThan(1);
        assertProblem(admin().get("/api/v1/audit?action=READ"), 400, "action");
        assertProblem(admin().get("/api/v1/audit?from=2027-02-01&to=2027-01-01"), 400, "to");
        assertThat(new io.qiyue.testing.Browser(port).login("admin", ADMIN_PASSWORD)
                .get("/admin/audit?action=CREATE&actor=" + owner + "&from=" + today).body())
                .contains("id=\"actor\"", "value=\"" + owner + "\"", contractId);
    }

    @Test
    void aListAskedForAsJsonStaysJsonAndAnUnknownFormatIsA400() {
        var json = admin().request("GET", "/api/v1/contracts?size=1").header("Accept", "*/*").send();
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        assertProblem(admin().get("/api/v1/contracts?format=pdf"), 400, "format");
        assertProblem(admin().get("/api/v1/customers?format=csv&sort=nonsense"), 400, "sort");
        var badFilter = admin().request("GET", "/api/v1/contracts?type=NOPE").header("Accept", "text/csv").send();
        assertThat(badFilter.status()).isEqualTo(400);
    }

    @Test
    void theAcceptHeadersPreferenceDecidesAndAFormatNoAnswerHasIsA406() {
        for (String list : List.of("/api/v1/contracts?size=1", "/api/v1/customers?size=1", "/api/v1/audit?size=1",
                "/api/v1/obligations?size=1", "/api/v1/cases?size=1", "/api/v1/receivables/ageing?groupBy=owner")) {
            for (String accept : List.of("text/csv;q=0.1, application/json", "application/json, text/csv;q=0.5")) {
                var answer = admin().request("GET", list).header("Accept", accept).send();
                assertThat(answer.status()).as("%s with Accept %s", list, accept).isEqualTo(200);
                assertThat(answer.contentType()).as("%s with Accept %s", list, accept).startsWith("application/json");
            }
            var csv = admin().request("GET", list).header("Accept", "application/json;q=0.2, text/csv").send();
            assertThat(csv.contentType()).as(list).startsWith("text/csv");
            for (String accept : List.of("text/html", "application/problem+json", "image/png")) {
                var refused = admin().request("GET", list).header("Accept", accept).send();
                assertThat(refused.status()).as("%s with Accept %s", list, accept).isEqualTo(406);
            }
        }
        var link = admin().request("GET", "/api/v1/contracts?format=csv&size=1").header("Accept", "text/html").send();
        assertThat(link.status()).as("%s", link).isEqualTo(406);
    }

    private static Row rowWithTitleEnding(org.apache.poi.ss.usermodel.Sheet sheet, String suffix) {
        for (int i = 1; i <= sheet.getLastRowNum(); i++) {
            if (sheet.getRow(i).getCell(1).getStringCellValue().endsWith(suffix)) {
                return sheet.getRow(i);
            }
        }
        throw new AssertionError("no row titled …" + suffix);
    }

    /** The rows of a CSV export, the byte order mark checked and dropped. */
    /** Found by an outside tester: "any list" exports, yet teams, users, versions … answered 406 to a CSV Accept. */
    @Test
    void anyListAnswersAsAFileWhenOneIsAsked() throws Exception {
        String name = "=HYPERLINK(\"x\")" + unique("导出团队");
        var created = admin().post("/api/v1/teams", "{\"name\": \"%s\"}".formatted(name.replace("\"", "\\\"")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        var csv = admin().request("GET", "/api/v1/teams").header("Accept", "text/csv").sendForBytes();
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", "teams-");
        var rows = readCsv(csv.body());
        assertThat(rows.getFirst().toList()).contains("名称");
        int column = rows.getFirst().toList().indexOf("名称");
        assertThat(rows.stream().skip(1).map(r -> r.get(column)).toList()).as("a formula stays text")
                .contains("'" + name);
        // times as the other exports write them, in the installation's zone, not UTC (outside tester)
        var header = rows.getFirst().toList();
        String createdAt = admin().get("/api/v1/teams").json().path("items").get(0).path("createdAt").asString();
        assertThat(createdAt).endsWith("Z");
        assertThat(rows.get(1).get(header.indexOf("创建时间"))).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")
                .isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .format(java.time.Instant.parse(createdAt).atZone(java.time.ZoneId.of("Asia/Shanghai"))));

        var xlsx = admin().request("GET", "/api/v1/teams").header("Accept", ListExportTypes.XLSX).sendForBytes();
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(column).getStringCellValue()).isEqualTo("名称");
            assertThat(sheet.getLastRowNum()).isEqualTo(rows.size() - 1);
        }
        var anything = admin().request("GET", "/api/v1/teams").header("Accept", "*/*").send();
        assertThat(anything.header("Content-Type")).as("a client that takes anything gets JSON").contains("json");
        assertThat(anything.json().path("items").isArray()).isTrue();

        // a search and the review settings are lists too, with more beside their items (outside tester: 406)
        var settings = admin().request("GET", "/api/v1/reviews/settings").header("Accept", "text/csv").sendForBytes();
        assertThat(settings.statusCode()).isEqualTo(200);
        var settingRows = readCsv(settings.body());
        assertThat(settingRows.getFirst().toList()).contains("设置", "默认值");
        assertThat(settingRows.stream().skip(1).map(r -> r.get(settingRows.getFirst().toList().indexOf("设置"))))
                .contains("违约金过高提示阈值（%）");
        var search = admin().request("GET", "/api/v1/search?q=" + java.net.URLEncoder.encode(name.substring(16),
                StandardCharsets.UTF_8)).header("Accept", "text/csv").sendForBytes();
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(readCsv(search.body()).getFirst().toList()).contains("摘要", "相关度");
    }

    private static final class ListExportTypes {
        static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }

    public static List<CSVRecord> readCsv(byte[] bytes) throws Exception {
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
    }
}
