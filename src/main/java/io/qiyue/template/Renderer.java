package io.qiyue.template;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a template body against a model into a {@link RenderedDocument}. Articles and their clauses are
 * numbered here, after the template has decided which of them the contract has: a heading
 * {@code <h2 class="article">} becomes 第N条 and a {@code <p class="clause">} within it N.M, so that an optional
 * part left out never leaves a gap in the numbering. Templates that write their numbers into the text (an
 * administrator's own) are left as they are.
 */
final class Renderer {
    /* values are escaped by the engine, so a tag in the output is always the template's own */
    private static final Pattern NUMBERED = Pattern.compile("<(h2|p)\\s+class=\"([^\"]*)\"[^>]*>");
    private final TemplateEngine engine = new TemplateEngine();

    /** {@code issued}: the time the PDF and DOCX carry as created and modified, the same for every rendering. */
    RenderedDocument render(String body, DocumentModel model, String templateId, int templateVersion, Instant issued) {
        String xhtml = number(engine.render(body, model));
        return new RenderedDocument(xhtml, Xhtml.parse(xhtml), model.number(), model.title(), model.partyB().name(),
                templateId, templateVersion, issued);
    }

    static String number(String xhtml) {
        Matcher m = NUMBERED.matcher(xhtml);
        var out = new StringBuilder(xhtml.length() + 256);
        int article = 0;
        int clause = 0;
        int from = 0;
        while (m.find()) {
            String classes = " " + m.group(2) + " ";
            String number = "";
            if (m.group(1).equals("h2") && classes.contains(" article ")) {
                article++;
                clause = 0;
                number = "第" + ChineseNumbers.of(article) + "条　";
            } else if (m.group(1).equals("p") && classes.contains(" clause ") && article > 0) {
                clause++;
                number = article + "." + clause + "　";
            }
            out.append(xhtml, from, m.end()).append(number);
            from = m.end();
        }
        return out.append(xhtml, from, xhtml.length()).toString();
    }
}
