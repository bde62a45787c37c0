package io.qiyue.shared.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetTextTest {

    @Test
    void textThatASpreadsheetWouldRunIsEscapedAlsoAfterLeadingSpaces() {
        assertThat(SpreadsheetText.csvCell("=HYPERLINK(\"http://x\",\"y\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(SpreadsheetText.csvCell("+1")).isEqualTo("'+1");
        assertThat(SpreadsheetText.csvCell("-2+3")).isEqualTo("'-2+3");
        assertThat(SpreadsheetText.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SpreadsheetText.csvCell("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetText.csvCell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(SpreadsheetText.csvCell("   =1+1")).isEqualTo("'   =1+1");
        assertThat(SpreadsheetText.looksLikeFormula("  ")).isFalse();
        assertThat(SpreadsheetText.csvCell("杭州示例科技有限公司")).isEqualTo("杭州示例科技有限公司");
        assertThat(SpreadsheetText.csvCell("a=b")).isEqualTo("a=b");
        assertThat(SpreadsheetText.csvCell(null)).isEmpty();
    }

    @Test
    void quotingFollowsRfc4180() {
        assertThat(SpreadsheetText.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(SpreadsheetText.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SpreadsheetText.csvCell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(SpreadsheetText.csvCell("plain")).isEqualTo("plain");
    }

    @Test
    void csvHasABomCrlfPlainAmountsAndReadsBackWithCommonsCsv() throws Exception {
        var out = new ByteArrayOutputStream();
        try (var csv = new CsvWriter(out, List.of("名称", "金额", "日期"))) {
            csv.row("=HYPERLINK(\"http://x\",\"y\")", new BigDecimal("-1234567.50"), LocalDate.of(2027, 1, 31));
            csv.row("北京, \"引号\"", new BigDecimal("1E+3").setScale(2), null);
        }
        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).contains("\r\n").doesNotContain("E+");
        var records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        assertThat(records).hasSize(3);
        assertThat(records.get(0).values()).containsExactly("名称", "金额", "日期");
        assertThat(records.get(1).values()).containsExactly("'=HYPERLINK(\"http://x\",\"y\")", "-1234567.50",
                "2027-01-31");
        assertThat(records.get(2).values()).containsExactly("北京, \"引号\"", "1000.00", "");
    }

    @Test
    void xlsxKeepsFormulaLikeTextAsQuotePrefixedTextAndAmountsAsNumbers() throws Exception {
        var out = new ByteArrayOutputStream();
        try (var xlsx = new XlsxWriter("s", List.of("名称", "金额"))) {
            xlsx.row("=HYPERLINK(\"http://x\",\"y\")", new BigDecimal("120000.50"));
            xlsx.row("  -1", null);
            xlsx.writeTo(out);
        }
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            var formulaLike = sheet.getRow(1).getCell(0);
            assertThat(formulaLike.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
            assertThat(formulaLike.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x\",\"y\")");
            assertThat(formulaLike.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(120000.50);
            assertThat(sheet.getRow(2).getCell(0).getCellStyle().getQuotePrefixed()).isTrue();
        }
    }

    @Test
    void fileNameHasAnAsciiFormAndTheListsNameInRfc5987() {
        assertThat(ListExport.contentDisposition("contracts", "合同列表", LocalDate.of(2026, 12, 4),
                ListExport.Format.CSV)).isEqualTo("attachment; filename=\"contracts-2026-12-04.csv\"; "
                + "filename*=UTF-8''%E5%90%88%E5%90%8C%E5%88%97%E8%A1%A8-2026-12-04.csv");
        assertThat(ListExport.rfc5987("audit trail")).isEqualTo("audit%20trail");
    }
}
