package io.qiyue.template;

import java.time.Instant;

/**
 * Renders a template body against a model into a {@link RenderedDocument}. Articles and their clauses are
 * numbered here, after the template has decided which of them the contract has: a heading
 * {@code <h2 class="article">} becomes 第N条 and a {@code <p class="clause">} within it N.M, so that an optional
 * part left out never leaves a gap in the numbering. Templates that write their numbers into the text (an
 * administrator's own) are left as they are.
 */
final class Renderer {
    private final TemplateEngine engine = new TemplateEngine();

    /** {@code issued}: the time the PDF and DOCX carry as created and modified, the same for every rendering. */
    RenderedDocument render(String body, DocumentModel model, String templateId, int templateVersion, Instant issued) {
        String xhtml = SelfReference.align(number(engine.render(body, model)), model.title());
        // parsed here: a template that makes malformed markup is refused as it is rendered
        return new RenderedDocument(xhtml, Xhtml.parse(xhtml), model.number(), model.title(), model.partyB().name(),
                templateId, templateVersion, issued);
    }

    /** What a saved version keeps of its rendering: the numbered markup its files are made from, and its text. */
    record Kept(String markup, String text) {
    }

    /**
     * The markup and text of a rendering, {@code render(…).text()} without the DOM that the files need: what a saved
     * version keeps. Refuses malformed markup as {@link #render} does.
     */
    Kept forRecord(String body, DocumentModel model) {
        String xhtml = SelfReference.align(number(engine.render(body, model)), model.title());
        return new Kept(xhtml, Xhtml.text(xhtml));
    }

    /** The files of a version from the markup it kept (see {@link #forRecord}). */
    static RenderedDocument fromKept(String markup, String number, String title, String author, String templateId,
                                     int templateVersion, Instant issued) {
        return new RenderedDocument(markup, null, number, title, author, templateId, templateVersion, issued);
    }

    /**
     * Numbers the articles and clauses: every tag matching {@code <(h2|p)\s+class="([^"]*)"[^>]*>} is followed by
     * its number (values are escaped by the engine, so a tag in the output is always the template's own). Scanned by hand rather than with that pattern's matcher, which was a fifth of the CPU time of a
     * document rendered for the record (an import renders thousands); RenderingTest holds the two to the same
     * result.
     */
    static String number(String xhtml) {
        var out = new StringBuilder(xhtml.length() + 256);
        int article = 0;
        int clause = 0;
        int from = 0;
        int length = xhtml.length();
        for (int lt = xhtml.indexOf('<'); lt >= 0 && lt < length; lt = xhtml.indexOf('<', lt + 1)) {
            // <(h2|p)\s+class="([^"]*)"[^>]*>
            boolean heading = xhtml.startsWith("h2", lt + 1);
            int at = heading ? lt + 3 : lt + 2;
            if (!heading && (lt + 1 >= length || xhtml.charAt(lt + 1) != 'p')) {
                continue;
            }
            int name = at;
            while (at < length && isSpace(xhtml.charAt(at))) {
                at++;
            }
            if (at == name || !xhtml.startsWith("class=\"", at)) {
                continue;
            }
            int classesFrom = at + 7;
            int quote = xhtml.indexOf('"', classesFrom);
            int gt = quote < 0 ? -1 : xhtml.indexOf('>', quote + 1);
            if (gt < 0) {
                continue;
            }
            String classes = " " + xhtml.substring(classesFrom, quote) + " ";
            String number = "";
            if (heading && classes.contains(" article ")) {
                article++;
                clause = 0;
                number = "第" + ChineseNumbers.of(article) + "条　";
            } else if (!heading && classes.contains(" clause ") && article > 0) {
                clause++;
                number = article + "." + clause + "　";
            }
            out.append(xhtml, from, gt + 1).append(number);
            from = gt + 1;
            lt = gt;
        }
        return out.append(xhtml, from, length).toString();
    }

    /** {@code \\s} of a regular expression: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
