package io.qiyue.importing;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading import files: encodings, BOM, Chinese dates and amounts, Excel date and formula cells, the limits. */
class TableReaderTest {
    @TempDir
    Path dir;

    @Test
    void aGbkCsvIsDetectedAndReadAsGbk() {
        byte[] gbk = "客户名称,地址\r\n华南贸易有限公司,广州市\r\n".getBytes(Charset.forName("GBK"));
        var table = TableReader.csv(gbk, null);
        assertThat(table.header()).containsExactly("客户名称", "地址");
        assertThat(table.rows().getFirst().cells()).containsExactly("华南贸易有限公司", "广州市");
        assertThat(table.rows().getFirst().number()).isEqualTo(2);
    }

    @Test
    void aGb18030CsvWithCharactersGbkLacksIsRead() {
        // 㑇 (CJK extension A) and 𠀀 (extension B) exist in GB18030 only, as four-byte sequences
        byte[] gb18030 = "客户名称,地址\n㑇𠀀科技有限公司,广州市\n".getBytes(Charset.forName("GB18030"));
        assertThat(TableReader.csv(gb18030, null).rows().getFirst().cells()).containsExactly("㑇𠀀科技有限公司", "广州市");
    }

    @Test
    void excelsUnicodeTextIsUtf16WithTabsAndIsReadByItsByteOrderMark(@TempDir Path folder) throws Exception {
        String text = "\uFEFF客户名称\t地址\r\n华南贸易有限公司\t\"广州市, 天河区\"\r\n";
        for (Charset charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            Path file = folder.resolve("customers-" + charset.name() + ".txt");
            Files.write(file, text.getBytes(charset));
            var table = TableReader.read(file, file.getFileName().toString(), null);
            assertThat(table.header()).containsExactly("客户名称", "地址");
            assertThat(table.rows().getFirst().cells()).containsExactly("华南贸易有限公司", "广州市, 天河区");
        }
        // zero bytes without a byte order mark are still not text
        Path binary = folder.resolve("image.csv");
        Files.write(binary, new byte[] {0x41, 0, 0x42, 0, 0x0A, 0});
        assertThatThrownBy(() -> TableReader.read(binary, "image.csv", null)).isInstanceOf(UnreadableFileException.class)
                .extracting(e -> ((UnreadableFileException) e).code()).isEqualTo("qiyue.import.file.not-csv");
    }

    @Test
    void bytesThatOnlyMakePrivateUseCharactersAreNotTakenForGb18030() {
        byte[] big5 = "客戶名稱\n華南貿易有限公司\n".getBytes(Charset.forName("Big5"));
        assertThatThrownBy(() -> TableReader.csv(big5, null)).isInstanceOf(UnreadableFileException.class)
                .extracting(e -> ((UnreadableFileException) e).code()).isEqualTo("qiyue.import.file.encoding");
        // GBK named explicitly reads the characters GBK left to private use as GB18030 names them
        byte[] gb18030 = "名称\n㑇\n".getBytes(Charset.forName("GB18030"));
        assertThat(TableReader.csv(gb18030, "GBK").rows().getFirst().cells()).containsExactly("㑇");
    }

    @Test
    void aUtf16FileWithoutItsByteOrderMarkIsReadWhenTheEncodingIsNamed(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("c.txt");
        Files.write(file, "名称\t地址\n甲\t乙\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(TableReader.read(file, "c.txt", "UTF-16LE").rows().getFirst().cells()).containsExactly("甲", "乙");
    }

    @Test
    void numbersAreDecimalsAsSpreadsheetsShowThemNeverExponents() {
        assertThat(ImportValues.amount("1e99999999")).isNull();
        assertThat(ImportValues.amount("１２０００．５０")).isEqualByComparingTo("12000.50");
        assertThat(ImportValues.amount("30000.00\u00A0")).isEqualByComparingTo("30000");
        assertThat(new TableReader.PlainFormatter().formatRawCellContents(30000.010000000002, 0, "General", false))
                .isEqualTo("30000.01");
        // an ID number kept as a number has lost its last digits: said as Excel shows it, refused by the import
        assertThat(new TableReader.PlainFormatter().formatRawCellContents(440305199001014000d, 0, "General", false))
                .isEqualTo("4.40305199001014E+17");
        assertThat(new TableReader.PlainFormatter().formatRawCellContents(999999999999999d, 0, "General", false))
                .isEqualTo("999999999999999");
    }

    @Test
    void theSeparatorIsReadFromTheHeaderLine() {
        assertThat(TableReader.csv("名称;地址\n甲;乙,丙\n".getBytes(StandardCharsets.UTF_8), null).rows().getFirst().cells())
                .containsExactly("甲", "乙,丙");
        assertThat(TableReader.csv("名称\t地址\n甲\t乙;丙\n".getBytes(StandardCharsets.UTF_8), null).rows().getFirst()
                .cells()).containsExactly("甲", "乙;丙");
        // a comma in the header decides: a tab in a later cell is the cell's
        assertThat(TableReader.csv("名称,地址\n甲\t乙,丙\n".getBytes(StandardCharsets.UTF_8), null).rows().getFirst()
                .cells()).containsExactly("甲\t乙", "丙");
    }

    @Test
    void utf8WithAndWithoutBomReadsTheSameHeader() {
        byte[] plain = "客户名称\n甲\n".getBytes(StandardCharsets.UTF_8);
        byte[] bom = ("\uFEFF" + "客户名称\n甲\n").getBytes(StandardCharsets.UTF_8);
        assertThat(TableReader.csv(plain, null).header()).containsExactly("客户名称");
        assertThat(TableReader.csv(bom, null).header()).containsExactly("客户名称");
        assertThat(Column.CUSTOMER_NAME.matches(TableReader.csv(bom, null).header().getFirst())).isTrue();
    }

    @Test
    void anExplicitEncodingThatDoesNotFitIsRefusedNotGuessed() {
        byte[] gbk = "客户名称\n甲\n".getBytes(Charset.forName("GBK"));
        assertThatThrownBy(() -> TableReader.csv(gbk, "UTF-8")).isInstanceOf(UnreadableFileException.class)
                .extracting(e -> ((UnreadableFileException) e).code()).isEqualTo("qiyue.import.file.encoding-mismatch");
        assertThat(TableReader.csv(gbk, "GBK").rows().getFirst().cells()).containsExactly("甲");
        assertThatThrownBy(() -> TableReader.csv(gbk, "klingon")).isInstanceOf(UnreadableFileException.class);
    }

    /** The encodings a file may be named in are those Chinese spreadsheets are saved in, by any of their names. */
    @Test
    void onlyTheEncodingsOfChineseSpreadsheetsMayBeNamed() {
        for (String name : List.of("UTF-8", "utf8", "GBK", "gb2312", "GB18030", "UTF-16", "UTF-16LE", " UTF-16BE ")) {
            assertThat(TableReader.encoding(name)).as(name).isNotNull();
        }
        for (String name : List.of("LATIN1", "ISO-8859-1", "Big5", "Shift_JIS", "US-ASCII", "klingon", "")) {
            assertThat(TableReader.encoding(name)).as(name).isNull();
        }
        byte[] text = "客户名称\n甲\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TableReader.csv(text, "LATIN1")).extracting(e -> ((UnreadableFileException) e).code())
                .isEqualTo("qiyue.import.file.encoding-unknown");
    }

    @Test
    void blankRowsAreLeftOutButRowNumbersCountThem() {
        var table = TableReader.csv("a,b\n1,2\n,\n3,4\n".getBytes(StandardCharsets.UTF_8), null);
        assertThat(table.rows()).extracting(Table.Row::number).containsExactly(2, 4);
    }

    @Test
    void datesInTheirCommonChineseForms() {
        assertThat(ImportValues.date("2024/1/5")).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(ImportValues.date("2024年1月5日")).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(ImportValues.date("2024-01-05")).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(ImportValues.date("2024.1.5")).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(ImportValues.date("20240105")).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(ImportValues.date("2024-01-05T00:00")).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(ImportValues.date("2024年3月1号")).isEqualTo(LocalDate.of(2024, 3, 1));
        // a date-time cell as a spreadsheet writes it into CSV (outside tester)
        assertThat(ImportValues.date("2024/3/1 0:00")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(ImportValues.date("2024/3/1 13:05:09")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(ImportValues.date("2024/3/1 25:00")).isNull();
        assertThat(ImportValues.date("2024-02-30")).isNull();
        assertThat(ImportValues.date("明天")).isNull();
    }

    /** A database export's date-time and full-width digits (an IME's full-width mode) are the dates they show. */
    @Test
    void datesOfDatabaseExportsAndInFullWidthDigits() {
        assertThat(ImportValues.date("2027-01-05 00:00:00")).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(ImportValues.date("2027-01-05 13:45")).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(ImportValues.date("２０２７－０１－０５")).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(ImportValues.date("２０２７年１月５日")).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(ImportValues.date("2027-01-05 25:00:00")).isNull();
        assertThat(ImportValues.date("2027-01-05 午夜")).isNull();
    }

    /** Full-width digits and signs are read as ASCII; superscripts and circled numbers (NFKC would) are not. */
    @Test
    void amountsAndCreditCodesInFullWidthCharacters() {
        assertThat(ImportValues.amount("１２００００．５０")).isEqualByComparingTo(new BigDecimal("120000.50"));
        assertThat(ImportValues.amount("￥１，２３４")).isEqualByComparingTo(new BigDecimal("1234"));
        assertThat(ImportValues.amount("－１")).isNull();
        assertThat(ImportValues.amount("10²")).isNull();
        assertThat(ImportValues.amount("①")).isNull();
        assertThat(ImportValues.halfWidth("９１３３０１０６ＭＡ００００００７９")).isEqualTo("91330106MA00000079");
    }

    /** 金额大写 with the currency written before it as contracts write it, not any other currency. */
    @Test
    void theAmountInWordsAfterTheCurrencyAsContractsWriteIt() {
        for (String words : List.of("人民币壹拾贰万元整", "人民币：壹拾贰万元整", "人民币（大写）：壹拾贰万元整",
                "¥壹拾贰万元整", "￥壹拾贰万元整", "RMB壹拾贰万元整", "RMB: 壹拾贰万元整", "壹拾贰万元整")) {
            assertThat(ContractRows.withoutCurrency(words)).as(words).isEqualTo("壹拾贰万元整");
        }
        assertThat(ContractRows.withoutCurrency("美元壹拾贰万元整")).isEqualTo("美元壹拾贰万元整");
    }

    @Test
    void amountsWithCurrencySignsAndGroupingButNotNegativeOrFractionsOfAFen() {
        assertThat(ImportValues.amount("¥1,234.50")).isEqualByComparingTo(new BigDecimal("1234.50"));
        assertThat(ImportValues.amount("1234.5元")).isEqualByComparingTo(new BigDecimal("1234.5"));
        assertThat(ImportValues.amount("-1")).isNull();
        assertThat(ImportValues.amount("1.234")).isNull();
        assertThat(ImportValues.amount("abc")).isNull();
    }

    @Test
    void excelDateCellsReadAsDatesNumbersAsWrittenAndFormulasAsFormulasNeverTheirCachedValue() throws IOException {
        Path file = dir.resolve("t.xlsx");
        try (var workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet();
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("签订日期");
            header.createCell(1).setCellValue("金额");
            header.createCell(2).setCellValue("标题");
            var row = sheet.createRow(1);
            var date = row.createCell(0);
            date.setCellValue(LocalDate.of(2024, 1, 5));
            var style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
            date.setCellStyle(style);
            var amount = row.createCell(1);
            amount.setCellValue(1234567.5);
            var money = workbook.createCellStyle();
            money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
            amount.setCellStyle(money);
            // a formula with the value Excel cached for it: read as the formula (refused as a CSV cell's "="), not as
            // the label or sum it shows
            var link = row.createCell(2);
            link.setCellFormula("HYPERLINK(\"http://example.com\",\"点我\")");
            link.setCellValue("点我");
            var sum = sheet.createRow(2);
            sum.createCell(0).setCellValue("2024-01-05");
            sum.createCell(1).setCellFormula("1+1");
            sum.getCell(1).setCellValue(2);
            sum.createCell(2).setCellValue("标题");
            workbook.write(out);
            Files.write(file, out.toByteArray());
        }
        var table = TableReader.read(file, "t.xlsx", null);
        assertThat(table.rows().getFirst().cells().get(0)).isEqualTo("2024-01-05");
        assertThat(table.rows().getFirst().cells().get(1)).isEqualTo("1234567.5");
        assertThat(table.rows().getFirst().cells().get(2)).isEqualTo("=HYPERLINK(\"http://example.com\",\"点我\")");
        assertThat(table.rows().get(1).cells()).containsExactly("2024-01-05", "=1+1", "标题");
    }

    /** A formula Excel cached no value for (a file written by another program) is a formula, not an empty cell. */
    @Test
    void aFormulaWithoutACachedValueIsStillAFormula() throws IOException {
        Path file = dir.resolve("f.xlsx");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                    <sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                    </Relationships>""");
            entry(zip, "xl/worksheets/sheet1.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                    <row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c><c r="B1" t="inlineStr"><is><t>金额</t></is></c><c r="C1" t="inlineStr"><is><t>备注</t></is></c></row>
                    <row r="2"><c r="A2" t="str"><f>CONCAT("a","b")</f></c><c r="B2"><f>1+1</f><v>2</v></c><c r="C2" t="inlineStr"><is><t>x</t></is></c></row>
                    </sheetData></worksheet>""");
        }
        var table = TableReader.read(file, "f.xlsx", null);
        assertThat(table.rows().getFirst().cells()).containsExactly("=CONCAT(\"a\",\"b\")", "=1+1", "x");
    }

    private static void entry(java.util.zip.ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new java.util.zip.ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    @Test
    void aFileIsWhatItsFirstBytesSayNotItsName() {
        byte[] zip = {'P', 'K', 3, 4, 0};
        byte[] ole = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
        assertThat(TableReader.format("a.xlsx", zip, null)).isEqualTo(TableReader.Format.XLSX);
        assertThat(TableReader.format("a.csv", "a,b".getBytes(StandardCharsets.UTF_8), null))
                .isEqualTo(TableReader.Format.CSV);
        assertThatThrownBy(() -> TableReader.format("a.xlsx", "a,b".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(UnreadableFileException.class);
        assertThatThrownBy(() -> TableReader.format("a.csv", zip, null)).isInstanceOf(UnreadableFileException.class);
        assertThatThrownBy(() -> TableReader.format("a.xlsx", ole, null)).extracting(e -> ((UnreadableFileException) e).code())
                .isEqualTo("qiyue.import.file.xls");
        assertThatThrownBy(() -> TableReader.format("a.pdf", "%PDF".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(UnreadableFileException.class);
    }

    @Test
    void moreRowsThanTheCapAreRefusedWithTheCapInTheMessage() {
        var csv = new StringBuilder("a\n");
        for (int i = 0; i <= TableReader.MAX_ROWS; i++) {
            csv.append(i).append('\n');
        }
        assertThatThrownBy(() -> TableReader.csv(csv.toString().getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(UnreadableFileException.class)
                .extracting(e -> ((UnreadableFileException) e).args()).isEqualTo(List.of(TableReader.MAX_ROWS));
    }

    /** A ZIP of more entries than the limit is refused naming the limit, not as a zip bomb, which it need not be. */
    @Test
    void aZipOfTooManyEntriesIsRefusedNamingTheLimit() throws IOException {
        Path file = dir.resolve("many.zip");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i <= TableReader.MAX_ENTRIES; i++) {
                entry(zip, "HT-" + i + ".pdf", "%PDF");
            }
        }
        assertThatThrownBy(() -> TableReader.checkZip(file, "qiyue.import.file.not-zip"))
                .isInstanceOf(UnreadableFileException.class)
                .extracting(e -> ((UnreadableFileException) e).code(), e -> ((UnreadableFileException) e).args())
                .containsExactly("qiyue.import.file.too-many-entries", List.of(TableReader.MAX_ENTRIES));
    }

    @Test
    void headersMatchTheirEnglishAliasesAndRequiredMarks() {
        assertThat(Column.CREDIT_CODE.matches("Credit Code")).isTrue();
        assertThat(Column.CREDIT_CODE.matches("统一社会信用代码*")).isTrue();
        assertThat(Column.TITLE.matches("标题（必填）")).isTrue();
        assertThat(Column.TITLE.matches("备注")).isFalse();
    }

    @Test
    void aBrokenCsvNamesTheLineItBreaksOn() {
        byte[] csv = "客户名称,地址\n甲公司,上海\n\"乙公司,北京\n丙公司,广州\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // outside tester: "malformed" without a line
        assertThatThrownBy(() -> TableReader.csv(csv, null)).isInstanceOf(UnreadableFileException.class)
                .satisfies(e -> {
                    assertThat(((UnreadableFileException) e).code()).isEqualTo("qiyue.import.file.csv-broken");
                    assertThat(((UnreadableFileException) e).args()).containsExactly(3L);
                });
    }
}
