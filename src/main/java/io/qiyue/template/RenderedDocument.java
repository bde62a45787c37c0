package io.qiyue.template;

import org.w3c.dom.Document;

/** One rendering of a contract: the XHTML, its DOM, and the template version it came from. */
record RenderedDocument(String xhtml, Document dom, String number, String templateId, int templateVersion) {

    String html() {
        return "<!DOCTYPE html>\n" + xhtml;
    }

    String text() {
        return Xhtml.text(dom);
    }

    byte[] pdf() {
        return PdfRenderer.render(dom);
    }

    byte[] docx() {
        return DocxRenderer.render(dom, number);
    }
}
