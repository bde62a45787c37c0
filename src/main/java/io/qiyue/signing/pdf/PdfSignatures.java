package io.qiyue.signing.pdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

/**
 * PAdES signatures of contract PDFs: baseline B-B ({@code ETSI.CAdES.detached}, SHA-256, ESS
 * signing-certificate-v2), B-T when {@code qiyue.signing.tsa-url} names an RFC 3161 time-stamp authority. Each
 * signature is an incremental update with the party's seal as its visible appearance, the signer's name on the
 * party's 签字 line and the day on its 签署日期 line (the last also on the head's 签订日期), so that a document signed by
 * 乙方 and then by 甲方 carries two independently valid signatures and says who signed it when.
 */
@Component
public class PdfSignatures {
    /**
     * Bytes reserved for the CMS in /Contents (twice as many hex digits in the file, unused ones zeros): our EC chain
     * of two certificates and the signature take about 1.5 KB, an e-signature platform's RSA-4096 chain of three
     * certificates about 5 KB; a time-stamp token with its TSA's chain adds 2 to 8 KB.
     */
    static final int RESERVED_SIGNATURE_BYTES = 10 * 1024;
    static final int RESERVED_TIMESTAMPED_SIGNATURE_BYTES = 24 * 1024;
    static final COSName SUB_FILTER = COSName.getPDFName("ETSI.CAdES.detached");

    private final SignerKeys keys;
    private final SignatureVerifier verifier;
    private final TimeStampClient timeStamps;

    @Autowired
    PdfSignatures(SignerKeys keys, SigningAuthority authority, @Value("${qiyue.signing.tsa-url:}") String tsaUrl) {
        this(keys, new SignatureVerifier(authority::trustedCertificates),
                tsaUrl == null || tsaUrl.isBlank() ? null : new TimeStampClient(tsaUrl.strip()));
    }

    PdfSignatures(SignerKeys keys, SignatureVerifier verifier, TimeStampClient timeStamps) {
        this.keys = keys;
        this.verifier = verifier;
        this.timeStamps = timeStamps;
    }

    /**
     * Adds one PAdES signature as an incremental update, stamping the seal first; the input is not modified.
     *
     * @param request its signing time must be the current time (within the signer certificate's validity)
     * @throws UnreadablePdfException   the input is not a readable, unencrypted PDF
     * @throws TimeStampException       a time-stamp authority is configured and gave no time-stamp
     * @throws IllegalArgumentException the signing time lies outside the signer certificate's validity, or the seal
     *                                  is not a readable PNG
     */
    public byte[] sign(byte[] pdf, SignatureRequest request) {
        X509Certificate certificate = keys.certificateChain(request.signer()).getFirst();
        if (request.signingTime().isBefore(certificate.getNotBefore().toInstant())
                || request.signingTime().isAfter(certificate.getNotAfter().toInstant())) {
            // the signature would verify, but not as made with a certificate valid at its time
            throw new IllegalArgumentException("the signing time " + request.signingTime()
                    + " lies outside the signer certificate's validity (from " + certificate.getNotBefore().toInstant()
                    + "): sign with the current time");
        }
        try (PDDocument document = load(pdf); var options = new SignatureOptions()) {
            PDImageXObject seal = request.sealPng() == null ? null : Seals.image(document, request.sealPng());
            float[] size = seal == null ? null : Seals.size(seal, request.signer().organisation() == null);
            Seals.Spot spot = seal == null ? null : Seals.locate(document, request.side(), size[0], size[1]);

            var signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(SUB_FILTER);
            signature.setName(request.signer().personName());
            signature.setReason(request.reason());
            signature.setLocation(request.location());
            if (request.signer().email() != null) {
                signature.setContactInfo(request.signer().email());
            }
            var time = GregorianCalendar.from(request.signingTime().atZone(ZoneOffset.UTC));
            time.setTimeZone(TimeZone.getTimeZone("UTC"));
            signature.setSignDate(time);

            int reserved = timeStamps == null ? RESERVED_SIGNATURE_BYTES : RESERVED_TIMESTAMPED_SIGNATURE_BYTES;
            options.setPreferredSignatureSize(reserved);
            options.setPage(spot == null ? document.getNumberOfPages() - 1 : spot.pageIndex());
            document.addSignature(signature, options);

            if (seal != null) {
                showSeal(document, signature, seal, size, spot);
                if (request.pagingSeal()) {
                    Seals.stampPagingSeal(document, seal, size, request.side(), request.signer().personName());
                }
            }

            SigningDate.stamp(document, request.side(), request.signingTime());
            // who signed, on the line the frozen document left blank for them
            SignerLine.stamp(document, request.side(), request.signer().personName());
            if (request.concludes()) {
                SigningDate.stampConcluded(document, request.signingTime());
            }

            var out = new ByteArrayOutputStream(pdf.length + 2 * reserved + 96 * 1024);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            byte[] cms = keys.signDetached(request.signer(), external.getContent());
            // a platform's SignerKeys may have time-stamped the signature already
            if (timeStamps != null && !Cms.hasSignatureTimeStamp(cms)) {
                cms = Cms.withSignatureTimeStamp(cms, timeStamps.stamp(Cms.signatureValue(cms)));
            }
            if (cms.length > reserved) {
                throw new IllegalStateException("the signature (" + cms.length + " bytes) exceeds the "
                        + reserved + " bytes reserved for it");
            }
            external.setSignature(cms);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sign the PDF", e);
        }
    }

    /**
     * The 签订日期 that the signature concluding the round filled in where the document's head left it blank
     * ({@link SignatureRequest#concludes}), as its stamp records it; empty when no signature filled it in (the date was
     * printed, the document has no such line, or it was not signed here).
     */
    public java.util.Optional<java.time.LocalDate> concludedDate(byte[] pdf) {
        try (PDDocument document = load(pdf)) {
            for (var page : document.getPages()) {
                for (var annotation : page.getAnnotations()) {
                    String contents = annotation.getContents();
                    if (annotation instanceof org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationRubberStamp
                            && contents != null && contents.startsWith(SigningDate.CONCLUDED_LABEL + " ")) {
                        try {
                            return java.util.Optional.of(java.time.LocalDate.parse(
                                    contents.substring(SigningDate.CONCLUDED_LABEL.length() + 1).strip()));
                        } catch (java.time.format.DateTimeParseException e) {
                            // not a stamp of ours
                        }
                    }
                }
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stamps of the PDF", e);
        }
    }

    /**
     * Every signature in the file, in the order they were added, with its validity; empty for an unsigned PDF. The
     * document as a whole is the one the last signature covers only if that one {@link SignatureCheck#coversWholeDocument()}:
     * otherwise something was appended after the last signature.
     *
     * @throws UnreadablePdfException the bytes are not a readable PDF
     */
    public List<SignatureCheck> verify(byte[] pdf) {
        try (PDDocument document = load(pdf)) {
            return verifier.verify(document, pdf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signatures of the PDF", e);
        }
    }

    /** The signature's widget (PDFBox made it invisible, on the chosen page) becomes the seal. */
    private static void showSeal(PDDocument document, PDSignature signature, PDImageXObject seal, float[] size,
                                 Seals.Spot spot) throws IOException {
        PDAnnotationWidget widget = null;
        // getAcroForm(null): no fix-ups, which would add a Helvetica default font the form never uses
        for (PDField field : document.getDocumentCatalog().getAcroForm(null).getFieldTree()) {
            if (field instanceof PDSignatureField s && s.getSignature() != null
                    && s.getSignature().getCOSObject() == signature.getCOSObject()) {
                widget = s.getWidgets().getFirst();
            }
        }
        if (widget == null) {
            throw new IllegalStateException("PDFBox added no signature field");
        }
        widget.setRectangle(new PDRectangle(spot.centreX() - size[0] / 2, spot.centreY() - size[1] / 2,
                size[0], size[1]));
        var appearance = new PDAppearanceDictionary();
        appearance.setNormalAppearance(Seals.appearance(document, seal, size[0], size[1], 0, size[0]));
        widget.setAppearance(appearance);
        widget.setPrinted(true);
        widget.setLocked(true);
    }

    private static PDDocument load(byte[] pdf) {
        try {
            PDDocument document = Loader.loadPDF(pdf);
            if (document.isEncrypted()) {
                document.close();
                throw new UnreadablePdfException("the PDF is encrypted", null);
            }
            return document;
        } catch (InvalidPasswordException e) {
            throw new UnreadablePdfException("the PDF is encrypted", e);
        } catch (IOException e) {
            throw new UnreadablePdfException("not a readable PDF", e);
        }
    }
}
