package io.qiyue.audit;

import io.qiyue.shared.CjkFonts;

import org.springframework.web.util.HtmlUtils;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One entity's entries as a printable A4 report with openhtmltopdf and the embedded Noto Sans SC (subset
 * into the file, so the Chinese text stays extractable). Every value is XML-escaped: they come from users.
 * The font loading repeats the few lines of the template module's renderer on purpose: the two modules do
 * not depend on each other.
 */
final class AuditPdf {
    private static final String FAMILY = CjkFonts.FAMILY;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

    static {
        // openhtmltopdf logs every render at INFO through java.util.logging; failures still surface as exceptions
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
    }

    private AuditPdf() {
    }

    /**
     * @param text resolves a message code with arguments in the reader's language
     */
    /** {@code fieldLabel}: a changed field's name as people read it (付款条款 › 定金); the values stay as recorded. */
    static byte[] render(String entityType, String entityId, List<AuditEntry> entries,
                         BiFunction<String, Object[], String> text,
                         java.util.function.Function<String, String> fieldLabel, ChainVerification.Head head) {
        var html = new StringBuilder(4096 + entries.size() * 1024);
        String title = text.apply("audit.export.title." + ("CONTRACT".equals(entityType) ? "contract" : "other"),
                new Object[0]);
        html.append("<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"UTF-8\"/><title>")
                .append(x(title)).append("</title><style>")
                .append("@page { size: A4; margin: 16mm 12mm; @bottom-right { content: counter(page) ' / ' counter(pages);"
                        + " font-family: '" + FAMILY + "'; font-size: 8pt; } }")
                .append("body { font-family: '" + FAMILY + "'; font-size: 9pt; }")
                .append("h1 { font-size: 16pt; margin: 0 0 4mm 0; }")
                .append("table { width: 100%; border-collapse: collapse; table-layout: fixed; }")
                .append("th, td { border: 0.5pt solid #999; padding: 1.5mm; vertical-align: top; word-wrap: break-word; }")
                .append("th { background: #eee; text-align: left; }")
                .append(".meta td { border: none; padding: 0.5mm 1.5mm; }")
                .append(".hash { font-size: 7pt; color: #555; }")
                .append("</style></head><body>");
        html.append("<h1>").append(x(title)).append("</h1><table class=\"meta\">");
        String number = latest(entries, "/number");
        String name = latest(entries, "/title");
        if (number != null) {
            metaRow(html, text.apply("audit.export.number", new Object[0]), number);
        }
        if (name != null) {
            metaRow(html, text.apply("audit.export.name", new Object[0]), name);
        }
        metaRow(html, text.apply("audit.entityType", new Object[0]), typeName(entityType, text));
        metaRow(html, text.apply("audit.entityId", new Object[0]), entityId);
        metaRow(html, text.apply("audit.export.count", new Object[0]), Integer.toString(entries.size()));
        metaRow(html, text.apply("audit.export.head", new Object[0]), head.seq() + " · " + head.hash());
        html.append("</table><p/><table><thead><tr>")
                .append(th("6%", text.apply("audit.seq", new Object[0])))
                .append(th("19%", text.apply("audit.time", new Object[0])))
                .append(th("11%", text.apply("audit.actor", new Object[0])))
                .append(th("8%", text.apply("audit.action", new Object[0])))
                .append(th("36%", text.apply("audit.changes", new Object[0])))
                .append(th("20%", text.apply("audit.origin", new Object[0])))
                .append("</tr></thead><tbody>");
        for (AuditEntry e : entries) {
            html.append("<tr><td>").append(e.seq()).append("</td><td>").append(x(TIME.format(e.occurredAt())))
                    .append("</td><td>").append(x(e.actor()))
                    .append("</td><td>").append(x(text.apply("audit.action." + e.action().name(), new Object[0])))
                    .append("</td><td>");
            for (var change : e.changes()) {
                String label = fieldLabel.apply(change.field());
                html.append("<div>").append(x(label.isEmpty() ? change.field() : label)).append(": ")
                        .append(x(change.before() == null ? "∅" : change.before())).append(" → ")
                        .append(x(change.after() == null ? "∅" : change.after())).append("</div>");
            }
            html.append("</td><td>").append(x(e.ip() == null ? "—" : e.ip()));
            if (e.userAgent() != null) {
                html.append("<div class=\"hash\">").append(x(e.userAgent())).append("</div>");
            }
            html.append("</td></tr><tr><td colspan=\"6\" class=\"hash\">")
                    .append(x(text.apply("audit.hash", new Object[0]))).append(": ").append(x(e.entryHash()))
                    .append("<br/>").append(x(text.apply("audit.prevHash", new Object[0]))).append(": ")
                    .append(x(e.prevHash())).append("</td></tr>");
        }
        html.append("</tbody></table></body></html>");

        // nothing is fetched: the report has no links to resolve, and a value must never reach the network
        return CjkFonts.writeHtml(false, builder -> builder.withHtmlContent(html.toString(), null),
                CjkFonts.Finishing.NOTHING);
    }

    private static String typeName(String entityType, BiFunction<String, Object[], String> text) {
        String name = text.apply("audit.type." + entityType, new Object[0]);
        return name == null ? entityType : name;
    }

    /** The last value the entries gave a field, e.g. the contract's number and title as they are now. */
    private static String latest(List<AuditEntry> entries, String field) {
        String value = null;
        for (var entry : entries) {
            for (var change : entry.changes()) {
                if (field.equals(change.field()) && change.after() != null) {
                    value = change.after();
                }
            }
        }
        return value;
    }

    private static void metaRow(StringBuilder html, String label, String value) {
        html.append("<tr><td style=\"width: 22%\">").append(x(label)).append("</td><td>").append(x(value))
                .append("</td></tr>");
    }

    private static String th(String width, String label) {
        return "<th style=\"width: " + width + "\">" + x(label) + "</th>";
    }

    /** XML-escaped, and without the control characters XML 1.0 cannot carry at all. */
    private static String x(String value) {
        if (value == null) {
            return "";
        }
        var clean = new StringBuilder(value.length());
        value.codePoints().filter(c -> c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c != 0xFFFE && c != 0xFFFF)
                .forEach(clean::appendCodePoint);
        return HtmlUtils.htmlEscape(clean.toString(), "UTF-8");
    }
}
