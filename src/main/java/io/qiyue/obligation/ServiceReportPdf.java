package io.qiyue.obligation;

import io.qiyue.shared.CjkFonts;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The monthly service report (月度服务报告) of a contract as an A4 PDF: what we owed and did in the month, the
 * customer's evaluations and the concern cases. XHTML built here with every value escaped, laid out by
 * openhtmltopdf with the embedded CJK font; nothing is fetched while rendering.
 */
@Component
class ServiceReportPdf {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(Obligations.CHINA);

    private final MessageSource messages;
    private final ObligationTitles titles;

    ServiceReportPdf(MessageSource messages, ObligationTitles titles) {
        this.messages = messages;
        this.titles = titles;
    }

    byte[] render(Evaluations.ServiceReport report, Locale locale) {
        Locale language = locale == null || !"en".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        String xhtml = xhtml(report, language);
        return CjkFonts.writeHtml(true, builder -> builder.withHtmlContent(xhtml, "about:blank"), pdf -> {
            var info = pdf.getDocumentInformation();
            info.setTitle(text(language, "evaluation.report.title") + " " + report.contractNumber() + " " + report.month());
            info.setAuthor("Qiyue");
        });
    }

    String xhtml(Evaluations.ServiceReport r, Locale l) {
        var h = new StringBuilder(8192);
        h.append("<html><head><style>@page { size: A4; margin: 18mm 16mm; } body { font-family: '")
                .append(CjkFonts.FAMILY).append("'; font-size: 10pt; } h1 { font-size: 16pt; margin: 0 0 4mm 0; }")
                .append(" h2 { font-size: 12pt; margin: 6mm 0 2mm 0; } table { width: 100%; border-collapse: collapse; }")
                .append(" th, td { border: 0.5pt solid #999; padding: 1.5mm; text-align: left; vertical-align: top; }")
                .append(" th { background: #eee; font-weight: 700; } .muted { color: #666; }</style></head><body>");
        h.append("<h1>").append(esc(text(l, "evaluation.report.title"))).append(' ').append(esc(r.month().toString()))
                .append("</h1>");
        h.append("<p>").append(esc(r.contractNumber())).append(" · ").append(esc(r.contractTitle())).append("<br/>")
                .append(esc(text(l, "evaluation.report.customer"))).append(": ").append(esc(r.customerName()))
                .append("<br/>").append(esc(text(l, "enum.ContractType." + r.type().name())))
                .append(" · <span class=\"muted\">").append(esc(text(l, "evaluation.report.generated")))
                .append(": ").append(esc(WHEN.format(r.generatedAt()))).append("</span></p>");

        h.append("<h2>").append(esc(text(l, "evaluation.report.obligations"))).append("</h2>");
        if (r.obligations().isEmpty()) {
            h.append("<p class=\"muted\">").append(esc(text(l, "evaluation.report.none"))).append("</p>");
        } else {
            h.append("<table><tr><th>").append(esc(text(l, "evaluation.report.obligation"))).append("</th><th>")
                    .append(esc(text(l, "evaluation.report.kind"))).append("</th><th>")
                    .append(esc(text(l, "evaluation.report.due"))).append("</th><th>")
                    .append(esc(text(l, "evaluation.report.status"))).append("</th><th>")
                    .append(esc(text(l, "evaluation.report.completed"))).append("</th></tr>");
            for (var o : r.obligations()) {
                h.append("<tr><td>").append(esc(titles.of(o.title(), l))).append("</td><td>")
                        .append(esc(text(l, "enum.ObligationKind." + o.kind().name()))).append("</td><td>")
                        .append(esc(date(o.dueDate()))).append("</td><td>")
                        .append(esc(text(l, "enum.ObligationStatus." + o.status().name()))).append("</td><td>")
                        .append(esc(date(o.completedOn()))).append("</td></tr>");
            }
            h.append("</table>");
        }

        h.append("<h2>").append(esc(text(l, "evaluation.report.evaluations"))).append("</h2>");
        if (r.evaluations().isEmpty()) {
            h.append("<p class=\"muted\">").append(esc(text(l, "evaluation.report.none"))).append("</p>");
        } else {
            h.append("<table><tr><th>").append(esc(text(l, "evaluation.report.when"))).append("</th><th>")
                    .append(esc(text(l, "evaluation.report.about"))).append("</th><th>")
                    .append(esc(text(l, "evaluation.rating"))).append("</th><th>")
                    .append(esc(text(l, "evaluation.comment"))).append("</th></tr>");
            for (var e : r.evaluations()) {
                String about = e.obligationTitle() != null ? e.obligationTitle()
                        : text(l, "enum.EvaluationPurpose." + e.purpose().name());
                h.append("<tr><td>").append(esc(WHEN.format(e.submittedAt()))).append("</td><td>").append(esc(about))
                        .append("</td><td>").append(e.rating()).append(" / 5").append("</td><td>")
                        .append(esc(e.comment())).append("</td></tr>");
            }
            h.append("</table>");
        }

        h.append("<h2>").append(esc(text(l, "evaluation.report.cases"))).append("</h2>");
        if (r.cases().isEmpty()) {
            h.append("<p class=\"muted\">").append(esc(text(l, "evaluation.report.none"))).append("</p>");
        } else {
            h.append("<table><tr><th>").append(esc(text(l, "evaluation.case.category"))).append("</th><th>")
                    .append(esc(text(l, "evaluation.case.description"))).append("</th><th>")
                    .append(esc(text(l, "evaluation.case.status"))).append("</th><th>")
                    .append(esc(text(l, "evaluation.case.resolution"))).append("</th></tr>");
            for (var c : r.cases()) {
                h.append("<tr><td>").append(esc(text(l, "enum.CaseCategory." + c.category().name()))).append("</td><td>")
                        .append(esc(c.description())).append("</td><td>")
                        .append(esc(text(l, "enum.CaseStatus." + c.status().name()))).append("</td><td>")
                        .append(esc(c.resolution())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("</body></html>");
        return h.toString();
    }

    private String text(Locale locale, String code) {
        return messages.getMessage(code, null, code, locale);
    }

    private static String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    /** XML-escaped, without the control characters no XML carries. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        var out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && (c < 0xD800 || c > 0xDFFF))) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
