package io.qiyue.template;

import org.w3c.dom.Document;

import java.time.Instant;

/**
 * One rendering of a contract: the XHTML, the title and author (our signing entity) for the files' metadata, and
 * the template version it came from. {@code issued} is the time the files carry as created: taken from the
 * contract, not the clock, so that every download of one version is the same file, byte for byte
 * ({@link RenderedFiles} keeps them by that). {@code parsed}: the DOM when the rendering parsed the XHTML already,
 * else null, and the XHTML is parsed when a file or the text is made from it (a file already kept needs no parse).
 */
record RenderedDocument(String xhtml, Document parsed, String number, String title, String author, String templateId,
                        int templateVersion, Instant issued) {

    String html() {
        return "<!DOCTYPE html>\n" + xhtml;
    }

    String text() {
        return Xhtml.text(dom());
    }

    byte[] pdf() {
        return PdfRenderer.render(dom(), number, title, author, issued);
    }

    byte[] docx() {
        return DocxRenderer.render(dom(), number, title, author, issued);
    }

    private Document dom() {
        return parsed != null ? parsed : Xhtml.parse(xhtml);
    }
}
