package io.qiyue.shared.web;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Writes one sheet of a list as XLSX while the rows arrive: POI's streaming workbook keeps a window of rows in
 * memory and the rest in a temporary file, so that a hundred thousand rows cost no more heap than a hundred.
 * Amounts are numeric cells shown with two decimals (Excel keeps doubles: exact to the fen below 10^13 yuan), dates
 * are date cells, text is text — a value that looks like a formula ({@link SpreadsheetText}) is a quote-prefixed
 * text cell, so a name cannot become a formula.
 */
public final class XlsxWriter implements AutoCloseable {
    private static final int WINDOW = 200;

    private final SXSSFWorkbook workbook = new FastDeflatingWorkbook(WINDOW);
    private final SXSSFSheet sheet;
    private final CellStyle dateStyle;
    private final CellStyle moneyStyle;
    private final CellStyle formulaLikeText;
    private int next;

    public XlsxWriter(String sheetName, List<String> headers) {
        // the sheet's rows wait in a temporary file until the workbook is zipped: compressing them there too would
        // deflate every row twice (a third of an export's time); the file is deleted on close
        workbook.setCompressTempFiles(false);
        sheet = workbook.createSheet(sheetName);
        var helper = workbook.getCreationHelper();
        dateStyle = workbook.createCellStyle();
        dateStyle.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd"));
        moneyStyle = workbook.createCellStyle();
        moneyStyle.setDataFormat(helper.createDataFormat().getFormat("#,##0.00"));
        formulaLikeText = workbook.createCellStyle();
        formulaLikeText.setQuotePrefixed(true);
        var bold = workbook.createCellStyle();
        Font font = workbook.createFont();
        font.setBold(true);
        bold.setFont(font);
        Row header = sheet.createRow(next++);
        for (int i = 0; i < headers.size(); i++) {
            var cell = header.createCell(i);
            cell.setCellValue(headers.get(i));
            cell.setCellStyle(bold);
            sheet.setColumnWidth(i, Math.min(60, Math.max(10, headers.get(i).length() * 3)) * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    /** One row; values may be null (an empty cell), String, LocalDate, BigDecimal, Number or Boolean. */
    public void row(Object... values) {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                continue;
            }
            var cell = row.createCell(i);
            switch (value) {
                case LocalDate date -> {
                    cell.setCellValue(date);
                    cell.setCellStyle(dateStyle);
                }
                case BigDecimal amount -> {
                    cell.setCellValue(amount.doubleValue());
                    cell.setCellStyle(moneyStyle);
                }
                case Number number -> cell.setCellValue(number.doubleValue());
                case Boolean flag -> cell.setCellValue(flag);
                default -> {
                    String text = value.toString();
                    cell.setCellValue(cut(text));
                    if (SpreadsheetText.looksLikeFormula(text)) {
                        // a text cell already; the quote prefix keeps it text when someone edits the cell
                        cell.setCellStyle(formulaLikeText);
                    }
                }
            }
        }
    }

    public int rows() {
        return next - 1;
    }

    public void writeTo(OutputStream out) {
        try {
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Zips at deflate's fastest level: a list's sheet is one long run of repetitive XML, which level 1 still shrinks
     * about tenfold, and the default level spent most of the time of writing the file on squeezing a little more.
     */
    private static final class FastDeflatingWorkbook extends SXSSFWorkbook {
        FastDeflatingWorkbook(int window) {
            super(window);
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    }

    /** Excel's limit for one cell's text. */
    private static String cut(String s) {
        return s.length() > 32_767 ? s.substring(0, 32_766) + "…" : s;
    }
}
