package io.qiyue.template;

import org.w3c.dom.Document;

import java.time.Instant;

/**
 * One rendering of a contract: the XHTML, the title and author (our signing entity) for the files' metadata, and
 * the template version it came from. {@code issued} is the time the files carry as created: taken from the
 * contract, not the clock, so that every download of one version is the same file, byte for byte
 * ({@link RenderedFiles} keeps them by that). The XHTML is parsed when a file or the text is first made from it:
 * a file already kept needs no parse.
 */
final class RenderedDocument {
    private final String xhtml;
    private final String number;
    private final String title;
    private final String author;
    private final String templateId;
    private final int templateVersion;
    private final Instant issued;
    private Document dom;

    RenderedDocument(String xhtml, String number, String title, String author, String templateId,
                     int templateVersion, Instant issued) {
        this.xhtml = xhtml;
        this.number = number;
        this.title = title;
        this.author = author;
        this.templateId = templateId;
        this.templateVersion = templateVersion;
        this.issued = issued;
    }

    String xhtml() {
        return xhtml;
    }

    String number() {
        return number;
    }

    String title() {
        return title;
    }

    String author() {
        return author;
    }

    String templateId() {
        return templateId;
    }

    int templateVersion() {
        return templateVersion;
    }

    Instant issued() {
        return issued;
    }

    String html() {
        return "<!DOCTYPE html>\n" + xhtml;
    }

    String text() {
        return Xhtml.text(parse());
    }

    byte[] pdf() {
        return PdfRenderer.render(parse(), number, title, author, issued);
    }

    byte[] docx() {
        return DocxRenderer.render(parse(), number, title, author, issued);
    }

    /** Parsed once per rendering; a rendering is used by one request's thread. */
    Document parse() {
        if (dom == null) {
            dom = Xhtml.parse(xhtml);
        }
        return dom;
    }
}
