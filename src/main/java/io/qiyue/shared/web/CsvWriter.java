package io.qiyue.shared.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.TemporalAccessor;
import java.util.List;

/**
 * Writes a list as CSV while the rows arrive, straight to the response: UTF-8 with a byte order mark (without it
 * Excel on Chinese Windows reads the file as GBK and garbles it), RFC 4180 quoting, CRLF line ends. Amounts are
 * plain decimals ({@code 1234.50}, never {@code 1.2345E+3}), dates ISO; text goes through
 * {@link SpreadsheetText#csvCell} so that nothing a user typed opens as a formula.
 */
public final class CsvWriter implements AutoCloseable {
    private static final char BOM = '\uFEFF';

    private final Writer out;
    private int rows;

    public CsvWriter(OutputStream stream, List<String> headers) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        write(String.valueOf(BOM));
        line(headers.stream().map(SpreadsheetText::csvCell).toList());
    }

    /** One row; values may be null (an empty cell), String, LocalDate, BigDecimal, Number, Boolean or a time. */
    public void row(Object... values) {
        var cells = new java.util.ArrayList<String>(values.length);
        for (Object value : values) {
            cells.add(switch (value) {
                case null -> "";
                case BigDecimal amount -> amount.toPlainString();
                case LocalDate date -> date.toString();
                case TemporalAccessor time -> SpreadsheetText.quoted(time.toString());
                case Number number -> number.toString();
                case Boolean flag -> flag.toString();
                default -> SpreadsheetText.csvCell(value.toString());
            });
        }
        line(cells);
        rows++;
    }

    public int rows() {
        return rows;
    }

    private void line(List<String> cells) {
        write(String.join(",", cells));
        write("\r\n");
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes what is buffered; the response stream itself stays the container's to close. */
    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
