package io.qiyue.obligation;

import io.qiyue.testing.ApiClient;
import io.qiyue.web.ExportApiContract;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of the performance lists' exports read back: a CSV asked for by Accept, an XLSX asked for by the
 * link's {@code format=xlsx}, both checked to be a download named after the list.
 */
final class ExportFiles {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private ExportFiles() {
    }

    /** The CSV's rows as text, the header first. */
    static List<List<String>> csv(ApiClient client, String path, String fileName) throws Exception {
        var answer = client.request("GET", path).header("Accept", "text/csv").sendForBytes();
        download(answer, "text/csv", fileName);
        var rows = new ArrayList<List<String>>();
        ExportApiContract.readCsv(answer.body()).forEach(r -> rows.add(r.toList()));
        return rows;
    }

    /** The first sheet's rows, numbers as BigDecimal and text as String, the header first. */
    static List<List<Object>> xlsx(ApiClient client, String path, String fileName) throws Exception {
        var answer = client.request("GET", path + (path.contains("?") ? "&" : "?") + "format=xlsx").sendForBytes();
        download(answer, XLSX, fileName);
        var rows = new ArrayList<List<Object>>();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.body()))) {
            var sheet = workbook.getSheetAt(0);
            int width = sheet.getRow(0).getLastCellNum();
            for (int i = 0; i <= sheet.getLastRowNum(); i++) {
                var cells = new ArrayList<Object>();
                for (int j = 0; j < width; j++) {
                    cells.add(value(sheet.getRow(i).getCell(j)));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /** Dates as LocalDate, other numbers as BigDecimal, text as String, an empty cell as null. */
    private static Object value(Cell cell) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return null;
        }
        if (cell.getCellType() != CellType.NUMERIC) {
            return cell.getStringCellValue();
        }
        return DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue().toLocalDate()
                : BigDecimal.valueOf(cell.getNumericCellValue());
    }

    private static void download(HttpResponse<byte[]> answer, String type, String fileName) {
        assertThat(answer.statusCode()).as("%s", new String(answer.body())).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith(type);
        assertThat(answer.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment; filename=\"" + fileName + "-");
    }
}
