package io.qiyue.signing;

import io.qiyue.shared.CjkFonts;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The evidence report (电子签署存证报告) as an A4 PDF: XHTML built here, every value escaped, laid out by
 * openhtmltopdf with the bundled Noto Sans SC, so that the Chinese text is embedded and extractable.
 * <p>
 * Times are printed in Asia/Shanghai with their offset ({@code 2027-01-05 10:31:07 +08:00}), the zone named once
 * in the header: a report read years later, or abroad, must not leave the reader guessing. Labels come from
 * {@code messages*.properties} in the report's locale; values (names, user agents) are printed as recorded.
 */
@Component
public class EvidenceReportPdf {
    static final String FAMILY = CjkFonts.FAMILY;
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");


    static {
        // openhtmltopdf logs every render at INFO through java.util.logging; failures still surface as exceptions
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
    }

    private final MessageSource messages;

    public EvidenceReportPdf(MessageSource messages) {
        this.messages = messages;
    }

    /** The report as PDF bytes; {@code locale} chooses the labels (zh-CN or en). */
    public byte[] render(EvidenceReport report, Locale locale) {
        Objects.requireNonNull(report, "report");
        Locale language = locale == null ? Locale.SIMPLIFIED_CHINESE : locale;
        String xhtml = new Page(report, language).xhtml();
        // nothing is fetched while rendering: recorded values must not reach the network or the file system
        return CjkFonts.writeHtml(true, builder -> builder.withHtmlContent(xhtml, "about:blank"), pdf -> {
            var info = pdf.getDocumentInformation();
            info.setTitle((text(report.paper() ? "evidence.title.paper" : "evidence.title", language) + " "
                    + nz(report.contractNumber())).strip());
            info.setSubject(nz(report.contractTitle()));
            info.setAuthor("Qiyue");
            if (report.generatedAt() != null) {
                var at = GregorianCalendar.from(report.generatedAt().atZone(ZoneOffset.UTC));
                info.setCreationDate(at);
                info.setModificationDate(at);
            }
        });
    }

    private String text(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, code, locale);
    }

    /** The XHTML of one report in one language. */
    private final class Page {
        private final EvidenceReport r;
        private final Locale locale;
        private final StringBuilder html = new StringBuilder(32 * 1024);

        Page(EvidenceReport report, Locale locale) {
            this.r = report;
            this.locale = locale;
        }

        String xhtml() {
            html.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
                    .append(locale.getLanguage().equals("en") ? "en" : "zh-CN").append("\"><head><meta charset=\"UTF-8\"/><title>")
                    .append(esc(t(title()))).append("</title><style>").append(css()).append("</style></head><body>");
            header();
            contract();
            hashes();
            signers();
            signatures();
            events();
            statement();
            html.append("</body></html>");
            return html.toString();
        }

        private String css() {
            String running = t(title()) + (r.contractNumber() == null ? "" : " · " + r.contractNumber());
            return """
                    @page { size: A4; margin: 20mm 16mm 20mm 16mm;
                      @top-left { content: "%s"; font-family: '%s'; font-size: 7.5pt; color: #666; }
                      @bottom-left { content: "%s"; font-family: '%s'; font-size: 7.5pt; color: #666; }
                      @bottom-right { content: "%s"; font-family: '%s'; font-size: 7.5pt; color: #666; } }
                    body { font-family: '%s'; font-size: 9pt; line-height: 1.45; color: #111; }
                    h1 { font-size: 17pt; text-align: center; margin: 0 0 2mm 0; letter-spacing: 1pt; }
                    p.sub { text-align: center; color: #444; margin: 0 0 5mm 0; font-size: 8.5pt; }
                    h2 { font-size: 11pt; margin: 6mm 0 2mm 0; padding-bottom: 1mm; border-bottom: 0.8pt solid #333;
                      page-break-after: avoid; }
                    h3 { font-size: 9.5pt; margin: 4mm 0 1.5mm 0; page-break-after: avoid; }
                    table { width: 100%%; border-collapse: collapse; table-layout: fixed; margin-bottom: 2mm;
                      -fs-table-paginate: paginate; }
                    th, td { border: 0.5pt solid #999; padding: 1.2mm 1.5mm; vertical-align: top; text-align: left;
                      word-wrap: break-word; overflow-wrap: break-word; }
                    th { background: #eee; font-weight: bold; }
                    td.k { width: 36mm; background: #f6f6f6; font-weight: bold; }
                    .t { white-space: nowrap; font-size: 8pt; }
                    .keep { page-break-inside: avoid; }
                    tr { page-break-inside: avoid; }
                    .hash { font-size: 8pt; word-break: break-all; letter-spacing: 0.1pt; }
                    .ua { font-size: 7pt; color: #333; word-break: break-all; }
                    .note { font-size: 7.5pt; color: #555; }
                    .muted { color: #777; }
                    .ok { color: #0a6b2d; font-weight: bold; }
                    .bad { color: #b00020; font-weight: bold; }
                    .statement { border: 0.8pt solid #333; padding: 3mm 4mm; margin-top: 6mm; page-break-inside: avoid; }
                    .statement p { margin: 0 0 1.5mm 0; }
                    """.formatted(cssString(running), FAMILY,
                    cssString(t("evidence.footer.generated", time(r.generatedAt()), nz(r.generatedBy()))), FAMILY,
                    pageNumbers(), FAMILY, FAMILY);
        }

        /**
         * "第 x 页 共 y 页" as the content of a margin box: the translation's text around its two placeholders,
         * with the page counters in their place, so that each language orders the words as it needs.
         */
        private String pageNumbers() {
            String pattern = t("evidence.footer.page", "\u0001", "\u0002");
            int page = pattern.indexOf('\u0001');
            int pages = pattern.indexOf('\u0002');
            if (page < 0 || pages < page) {
                return "\" counter(page) \" / \" counter(pages) \"";
            }
            return cssString(pattern.substring(0, page)) + "\" counter(page) \"" + cssString(pattern.substring(page + 1, pages))
                    + "\" counter(pages) \"" + cssString(pattern.substring(pages + 1));
        }

        /** A round completed on paper has no electronic signature to report: its report says what it does hold. */
        private String title() {
            return r.paper() ? "evidence.title.paper" : "evidence.title";
        }

        private void header() {
            html.append("<h1>").append(esc(t(title()))).append("</h1>");
            html.append("<p class=\"sub\">").append(esc(t("evidence.subtitle", time(r.generatedAt()), nz(r.generatedBy()))))
                    .append("<br/>").append(esc(t("evidence.zone"))).append("</p>");
        }

        private void contract() {
            h2("evidence.section.contract");
            html.append("<table>");
            row("evidence.contract.number", r.contractNumber());
            row("evidence.contract.title", r.contractTitle());
            party("evidence.contract.ourEntity", r.ourEntityName(), r.ourEntityNameNow());
            party("evidence.contract.customer", r.customerName(), r.customerNameNow());
            rowRaw("evidence.contract.id", "<span class=\"hash\">" + esc(dash(r.contractId())) + "</span>");
            if (!r.importedScan()) {
                row("evidence.contract.printedSigningDate", r.printedSigningDate() != null
                        ? r.printedSigningDate().toString() : r.concludedDateFilledIn() != null
                        ? t("evidence.contract.printedSigningDate.filledIn", r.concludedDateFilledIn().toString())
                        : t("evidence.contract.printedSigningDate.none"));
                if (r.completedOn() != null) {
                    row("evidence.contract.completedOn", r.completedOn().toString());
                }
            }
            html.append("</table>");
            if (r.signedAfterPrintedDate()) {
                html.append("<p class=\"note\">").append(esc(t("evidence.contract.signedAfterPrintedDate",
                        r.printedSigningDate().toString(), r.completedOn().toString()))).append("</p>");
            }
        }

        /** A party as the signed document names it, and the name its record has had since, if another. */
        private void party(String label, String printed, String now) {
            if (now == null || now.isBlank() || now.equals(printed)) {
                row(label, printed);
                return;
            }
            rowRaw(label, esc(dash(printed)) + "<div class=\"note\">"
                    + esc(t("evidence.contract.partyRenamed", now)) + "</div>");
        }

        private void hashes() {
            h2("evidence.section.hashes");
            html.append("<p class=\"note\">").append(esc(t("evidence.hashes.intro"))).append("</p><table>");
            if (r.importedScan()) {
                rowRaw("evidence.hash.approved", "<div class=\"note\">" + esc(t("evidence.hash.imported")) + "</div>");
                rowRaw("evidence.hash.frozen", "<div class=\"note\">" + esc(t("evidence.hash.imported")) + "</div>");
            } else {
                hash("evidence.hash.approved", "evidence.hash.approved.explain", r.approvedSha256());
                hash("evidence.hash.frozen", "evidence.hash.frozen.explain", r.frozenSha256());
            }
            if (r.paper()) {
                hash("evidence.hash.paper", "evidence.hash.paper.explain", r.signedSha256());
            } else {
                hash("evidence.hash.signed", "evidence.hash.signed.explain", r.signedSha256());
            }
            html.append("</table>");
        }

        private void hash(String label, String explanation, String value) {
            rowRaw(label, "<div class=\"hash\">" + (value == null ? esc(t("evidence.hash.none")) : esc(value))
                    + "</div><div class=\"note\">" + esc(t(explanation)) + "</div>");
        }

        private void signers() {
            h2("evidence.section.signers");
            if (r.importedScan()) {
                html.append("<p class=\"note\">").append(esc(t("evidence.signers.imported"))).append("</p>");
            } else if (r.paper()) {
                html.append("<p class=\"note\">").append(esc(t("evidence.signers.paper", r.paperSignedOn().toString())))
                        .append("</p>");
            }
            List<EvidenceReport.Signer> signers = r.signers() == null ? List.of() : r.signers().stream()
                    .sorted(Comparator.comparingInt(EvidenceReport.Signer::order)).toList();
            if (signers.isEmpty()) {
                html.append("<p class=\"muted\">").append(esc(t("evidence.none"))).append("</p>");
                return;
            }
            html.append("<table><thead><tr>")
                    .append(th("evidence.signer.order", "10mm")).append(th("evidence.signer.side", "16mm"))
                    .append(th("evidence.signer.name", null)).append(th("evidence.signer.organisation", null))
                    .append(th("evidence.signer.method", "25mm")).append(th("evidence.signer.status", "17mm"))
                    .append(th("evidence.signer.signedAt", "38mm")).append("</tr></thead><tbody>");
            for (var s : signers) {
                html.append("<tr><td>").append(s.order()).append("</td><td>").append(esc(side(s.side())))
                        .append("</td><td>").append(esc(dash(s.name()))).append("</td><td>")
                        .append(esc(dash(s.organisation()))).append("</td><td>").append(esc(method(s.identityMethod())))
                        .append("</td><td>").append(status(s.status())).append("</td><td class=\"t\">").append(esc(time(s.signedAt())))
                        .append("</td></tr>");
            }
            html.append("</tbody></table>");
            for (var s : signers) {
                // one signer's block on one page: a lawyer should not have to turn the page for the user agent
                html.append("<div class=\"keep\"><h3>")
                        .append(esc(t("evidence.signer.heading", s.order(), side(s.side()), dash(s.name()))))
                        .append("</h3><table>");
                row("evidence.signer.organisation", s.organisation());
                row("evidence.signer.email", s.email());
                row("evidence.signer.mobile", s.mobileMasked());
                rowRaw("evidence.signer.identity", esc(method(s.identityMethod())) + "<div class=\"note\">"
                        + esc(t(methodExplanation(s.identityMethod()))) + "</div>");
                row("evidence.signer.identityConfirmedAt", time(s.identityConfirmedAt()));
                rowRaw("evidence.signer.status", status(s.status()));
                row("evidence.signer.signedAt", time(s.signedAt()));
                if (s.declineReason() != null && !s.declineReason().isBlank()) {
                    row("evidence.signer.declineReason", s.declineReason());
                }
                row("evidence.signer.seal", s.sealName());
                row("evidence.signer.ip", s.ip());
                rowRaw("evidence.signer.userAgent", "<span class=\"ua\">" + esc(dash(s.userAgent())) + "</span>");
                html.append("</table></div>");
            }
        }

        private void signatures() {
            h2("evidence.section.signatures");
            if (r.paper()) {
                html.append("<p class=\"note\">").append(esc(t("evidence.signatures.paper"))).append("</p>");
                return;
            }
            html.append("<p class=\"note\">").append(esc(t("evidence.signatures.intro"))).append("</p>");
            var signatures = r.signatures() == null ? List.<EvidenceReport.SignatureInfo>of() : r.signatures().stream()
                    .sorted(Comparator.comparingInt(EvidenceReport.SignatureInfo::index)).toList();
            if (signatures.isEmpty()) {
                html.append("<p class=\"muted\">").append(esc(t("evidence.none"))).append("</p>");
                return;
            }
            html.append("<table><thead><tr>").append(th("evidence.signature.index", "10mm"))
                    .append(th("evidence.signature.signer", null)).append(th("evidence.signature.time", "38mm"))
                    .append(th("evidence.signature.valid", "17mm")).append(th("evidence.signature.timestamp", "38mm"))
                    .append("</tr></thead><tbody>");
            for (var s : signatures) {
                String who = dash(s.signerName()) + (s.organisation() == null || s.organisation().isBlank() ? ""
                        : " / " + s.organisation());
                // the certificate inside the signer's cell: one row per signature, never split across pages
                html.append("<tr><td>").append(s.index()).append("</td><td>").append(esc(who))
                        .append("<div class=\"note\">").append(esc(t("evidence.signature.subject"))).append("</div><div>")
                        .append(esc(dash(s.certificateSubject()))).append("</div><div class=\"note\">")
                        .append(esc(t("evidence.signature.serial"))).append("</div><div class=\"hash\">")
                        .append(esc(dash(s.certificateSerialHex()))).append("</div><div class=\"note\">")
                        .append(esc(t("evidence.signature.certificateSha256"))).append("</div><div class=\"hash\">")
                        .append(esc(dash(s.certificateSha256()))).append("</div></td><td class=\"t\">")
                        .append(esc(time(s.signingTime()))).append("</td><td>")
                        .append(s.valid() ? "<span class=\"ok\">" + esc(t("evidence.signature.valid.yes")) + "</span>"
                                : "<span class=\"bad\">" + esc(t("evidence.signature.valid.no")) + "</span>")
                        .append("</td><td>")
                        .append(s.timestamped() ? esc(t("evidence.signature.timestamp.yes"))
                                + "<div class=\"t\">" + esc(time(s.timestampTime())) + "</div>"
                                : esc(t("evidence.signature.timestamp.no")))
                        .append("</td></tr>");
            }
            html.append("</tbody></table>");
        }

        private void events() {
            h2("evidence.section.events");
            var events = r.events() == null ? List.<EvidenceReport.Event>of() : r.events().stream()
                    .sorted(Comparator.comparing(EvidenceReport.Event::at, Comparator.nullsLast(Comparator.naturalOrder())))
                    .toList();
            if (events.isEmpty()) {
                html.append("<p class=\"muted\">").append(esc(t("evidence.none"))).append("</p>");
                return;
            }
            html.append("<table><thead><tr>").append(th("evidence.event.no", "9mm"))
                    .append(th("evidence.event.at", "38mm")).append(th("evidence.event.what", "23mm"))
                    .append(th("evidence.event.who", "24mm")).append(th("evidence.event.ip", "23mm"))
                    .append(th("evidence.event.detail", null)).append("</tr></thead><tbody>");
            int n = 0;
            for (var e : events) {
                html.append("<tr><td>").append(++n).append("</td><td class=\"t\">").append(esc(time(e.at())))
                        .append("</td><td>").append(esc(event(e.what()))).append("</td><td>").append(esc(actor(e.who())))
                        .append("</td><td>")
                        .append("<span class=\"ua\">").append(esc(dash(e.ip()))).append("</span></td><td>")
                        .append(esc(e.detail() == null ? "" : e.detail()));
                if (e.userAgent() != null && !e.userAgent().isBlank()) {
                    html.append("<div class=\"ua\">").append(esc(e.userAgent())).append("</div>");
                }
                html.append("</td></tr>");
            }
            html.append("</tbody></table>");
        }

        private void statement() {
            html.append("<div class=\"statement\"><h2 style=\"margin-top:0\">").append(esc(t("evidence.section.statement")))
                    .append("</h2>");
            String statements = r.importedScan() ? "evidence.statement.imported." : r.paper()
                    ? "evidence.statement.paper." : "evidence.statement.";
            for (int i = 1; i <= (r.paper() ? 3 : 5); i++) {
                html.append("<p>").append(esc(t(statements + i))).append("</p>");
            }
            html.append("</div>");
        }

        // ---- pieces

        private void h2(String code) {
            html.append("<h2>").append(esc(t(code))).append("</h2>");
        }

        private void row(String label, String value) {
            rowRaw(label, esc(dash(value)));
        }

        private void rowRaw(String label, String valueHtml) {
            html.append("<tr><td class=\"k\">").append(esc(t(label))).append("</td><td>").append(valueHtml)
                    .append("</td></tr>");
        }

        private String th(String code, String width) {
            return "<th" + (width == null ? "" : " style=\"width:" + width + "\"") + ">" + esc(t(code)) + "</th>";
        }

        private String side(String side) {
            return side == null ? "—" : known("evidence.side." + side, side);
        }

        private String method(String method) {
            return method == null ? "—" : known("evidence.method." + method, method);
        }

        private String methodExplanation(String method) {
            return method == null ? "evidence.method.none.explain" : "evidence.method." + method + ".explain";
        }

        private String status(String status) {
            if (status == null) {
                return "—";
            }
            // a plan a paper signing overtook was not voided by a change of plan or a quorum: it was not used
            String label = esc(r.paper() && status.equals("VOID") ? t("evidence.status.VOID.paper")
                    : known("evidence.status." + status, status));
            return switch (status) {
                case "SIGNED" -> "<span class=\"ok\">" + label + "</span>";
                case "DECLINED" -> "<span class=\"bad\">" + label + "</span>";
                default -> label;
            };
        }

        /** Who acted; "system" (work of the application itself) in the report's language. */
        private String actor(String who) {
            return "system".equals(who) ? t("evidence.actor.system") : dash(who);
        }

        private String event(String what) {
            return what == null ? "—" : known("evidence.event." + what, what);
        }

        /** The label of a code, or the code itself when there is none (a new code must still be printed). */
        private String known(String code, String fallback) {
            return messages.getMessage(code, null, fallback, locale);
        }

        private String t(String code, Object... args) {
            return text(code, locale, args);
        }

        private String time(Instant instant) {
            return instant == null ? "—" : TIME.format(instant.atZone(ZONE));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    /**
     * Text for XHTML: the five markup characters as entities, and the characters XML 1.0 cannot carry at all
     * (see {@link #xmlSafe}), so that a signer named {@code <script>&"} is printed as written.
     */
    static String esc(String s) {
        String safe = xmlSafe(s);
        var sb = new StringBuilder(safe.length() + 16);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Text inside a CSS string of the page's margin boxes, which sits in the XHTML's style element: backslash and
     * quote escaped for CSS, {@code <} and {@code &} as CSS escapes (XML would read them), no line breaks.
     */
    private static String cssString(String s) {
        return xmlSafe(s).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ").replace("\r", " ")
                .replace("\t", " ").replace("<", "\\3C ").replace("&", "\\26 ");
    }

    /**
     * The text without what XML 1.0 cannot carry (control characters other than tab and line breaks, lone
     * surrogates, U+FFFE and U+FFFF): a user agent with a stray control byte must not break the report, and an
     * invisible character has nothing to show. Null becomes empty.
     */
    static String xmlSafe(String s) {
        if (s == null) {
            return "";
        }
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (!((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)
                    || c == 0xFFFE || c == 0xFFFF)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
