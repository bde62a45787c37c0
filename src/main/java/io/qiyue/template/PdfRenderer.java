package io.qiyue.template;

import io.qiyue.shared.CjkFonts;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.w3c.dom.Document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;

/**
 * XHTML to PDF with openhtmltopdf and the embedded Noto Sans SC (subset per document, so the text
 * stays extractable). The two font files are parsed once, on the first render, not at start-up, and the parsed
 * fonts are shared by every document ({@link CjkFonts}); each document builds its own subsets on them.
 */
final class PdfRenderer {
    static final String FAMILY = CjkFonts.FAMILY;

    static {
        // openhtmltopdf logs every render at INFO through java.util.logging; failures still surface as exceptions
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
    }

    private PdfRenderer() {
    }

    /**
     * The document information entry naming the contract a PDF was made for: a file of this system brought back as
     * the signed scan of another contract is told apart by it ({@link TextExtraction#contractNumber}).
     */
    static final String CONTRACT_NUMBER = "QiyueContractNumber";

    static byte[] render(Document xhtml, String number, String title, String author, Instant issued) {
        return CjkFonts.writeHtml(true, builder -> {
            builder.withW3cDocument(xhtml, "about:blank");
            // nothing is fetched while rendering: a URL in a stored template or text must not reach the network
            // or the file system; data: images carry their bytes with them
            builder.useUriResolver((base, uri) -> uri != null && uri.startsWith("data:") ? uri : null);
        }, pdf -> {
            // set after the layout, which fills the document information from the template's <title> only
            var info = pdf.getDocumentInformation();
            info.setTitle(title);
            info.setAuthor(author);
            if (number != null) {
                info.setCustomMetadataValue(CONTRACT_NUMBER, number);
            }
            // the same file for every download: fixed dates, and a file identifier made from the content rather
            // than from the clock, as PDFBox would make it
            var at = GregorianCalendar.from(issued.atZone(ZoneOffset.UTC));
            info.setCreationDate(at);
            info.setModificationDate(at);
            pdf.getDocument().getTrailer().setItem(COSName.ID, identifier(title, author, issued, xhtml));
        });
    }

    /** The trailer's /ID, both halves alike as for a file never updated: a digest of what the file is made from. */
    private static COSArray identifier(String title, String author, Instant issued, Document xhtml) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        md5.update((title + "\n" + author + "\n" + issued + "\n" + xhtml.getDocumentElement().getTextContent())
                .getBytes(StandardCharsets.UTF_8));
        var id = new COSString(md5.digest());
        var array = new COSArray();
        array.add(id);
        array.add(id);
        return array;
    }
}
