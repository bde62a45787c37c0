package io.qiyue.template;

import org.w3c.dom.Document;

import java.time.Instant;

/**
 * One rendering of a contract: the XHTML, its DOM, the title and author (our signing entity) for the files'
 * metadata, and the template version it came from. {@code issued} is the time the files carry as created: taken
 * from the contract, not the clock, so that every download of one version is the same file, byte for byte.
 */
record RenderedDocument(String xhtml, Document dom, String number, String title, String author, String templateId,
                        int templateVersion, Instant issued) {

    String html() {
        return "<!DOCTYPE html>\n" + xhtml;
    }

    String text() {
        return Xhtml.text(dom);
    }

    byte[] pdf() {
        return PdfRenderer.render(dom, number, title, author, issued);
    }

    byte[] docx() {
        return DocxRenderer.render(dom, number, title, author, issued);
    }
}
