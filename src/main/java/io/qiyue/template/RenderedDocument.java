package io.qiyue.template;

import org.w3c.dom.Document;

/**
 * One rendering of a contract: the XHTML, its DOM, the title and author (our signing entity) for the files'
 * metadata, and the template version it came from.
 */
record RenderedDocument(String xhtml, Document dom, String number, String title, String author, String templateId,
                        int templateVersion) {

    String html() {
        return "<!DOCTYPE html>\n" + xhtml;
    }

    String text() {
        return Xhtml.text(dom);
    }

    byte[] pdf() {
        return PdfRenderer.render(dom, title, author);
    }

    byte[] docx() {
        return DocxRenderer.render(dom, number, title, author);
    }
}
