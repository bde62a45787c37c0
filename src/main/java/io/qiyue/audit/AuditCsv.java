package io.qiyue.audit;

import io.qiyue.shared.EntityChanged;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One entity's entries as CSV for spreadsheets: UTF-8 with a byte order mark (without it Excel reads the
 * file in the system's ANSI code page and garbles Chinese), RFC 4180 quoting and CRLF line ends. A cell that
 * a spreadsheet would take for a formula (starting with = + - @, or a tab or carriage return that some
 * spreadsheets skip before one) gets a leading apostrophe: audit values come from users and must not run.
 */
final class AuditCsv {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String HEADER = "seq,occurredAt,actor,entityType,entityId,action,field,before,after,ip,"
            + "userAgent,prevHash,entryHash";

    private AuditCsv() {
    }

    /**
     * A row per changed field, so that a spreadsheet can filter and sort by field and value; the entry's own
     * columns repeat on each of its rows, and an entry without changes has one row with the field empty.
     */
    static byte[] write(List<AuditEntry> entries) {
        var csv = new StringBuilder(256 * (entries.size() + 1)).append(HEADER).append("\r\n");
        for (AuditEntry e : entries) {
            List<EntityChanged.Change> changes = e.changes().isEmpty()
                    ? java.util.Collections.singletonList(null) : e.changes();
            for (EntityChanged.Change change : changes) {
                csv.append(e.seq()).append(',')
                        .append(cell(DateTimeFormatter.ISO_INSTANT.format(e.occurredAt()))).append(',')
                        .append(cell(e.actor())).append(',')
                        .append(cell(e.entityType())).append(',')
                        .append(cell(e.entityId())).append(',')
                        .append(cell(e.action().name())).append(',')
                        .append(cell(change == null ? null : change.field())).append(',')
                        .append(cell(change == null ? null : change.before())).append(',')
                        .append(cell(change == null ? null : change.after())).append(',')
                        .append(cell(e.ip())).append(',')
                        .append(cell(e.userAgent())).append(',')
                        .append(cell(e.prevHash())).append(',')
                        .append(cell(e.entryHash())).append("\r\n");
            }
        }
        byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(text, 0, out, BOM.length, text.length);
        return out;
    }

    static String cell(String value) {
        return io.qiyue.shared.web.SpreadsheetText.csvCell(value);
    }
}
