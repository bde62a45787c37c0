package io.qiyue.signing.pdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationRubberStamp;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** B-T with a local time-stamp authority, the admin's CA, one CA for concurrent first uses, re-issued certificates. */
class SigningKeysAndTimeStampsTest {
    static final SignerIdentity ZHANG = new SignerIdentity("user:zhang", "张三", "上海契约信息技术有限公司", null);

    static SignatureRequest request(SignerIdentity who, PartySide side, byte[] seal, boolean paging) {
        return new SignatureRequest(who, side, "同意", "上海", Instant.now(), seal, paging);
    }

    @Test
    void withATimeStampAuthorityTheSignatureIsTimeStampedOverItsValue() throws Exception {
        try (var tsa = new LocalTimeStampAuthority()) {
            var services = SigningFixtures.services();
            var stamped = services.another(new TimeStampClient(tsa.url()));
            Instant before = Instant.now().minusSeconds(1);
            byte[] signed = stamped.signatures().sign(pages(3, null), request(ZHANG, PartySide.PARTY_B,
                    SigningFixtures.companySeal("上海契约信息技术有限公司"), true));
            assertThat(tsa.requests.get()).isEqualTo(1);
            var check = stamped.signatures().verify(signed).getFirst();
            assertThat(check.valid()).as("%s", check).isTrue();
            assertThat(check.timestamped()).isTrue();
            assertThat(check.timestampTime()).isBetween(before, Instant.now().plusSeconds(1));
            Files.createDirectories(PdfSignaturesTest.OUT);
            Files.write(PdfSignaturesTest.OUT.resolve("timestamped.pdf"), signed);
            String pdfsig = PdfSignaturesTest.pdfsig(PdfSignaturesTest.OUT.resolve("timestamped.pdf"));
            assertThat(pdfsig).contains("Signature is Valid");

            // a token over some other value is reported as no time-stamp (the signature itself stays valid)
            var client = new TimeStampClient(tsa.url());
            SignerKeys misplacedToken = new SignerKeys() {
                @Override
                public List<X509Certificate> certificateChain(SignerIdentity who) {
                    return services.keys().certificateChain(who);
                }

                @Override
                public byte[] signDetached(SignerIdentity who, java.io.InputStream content) {
                    return Cms.withSignatureTimeStamp(services.keys().signDetached(who, content),
                            client.stamp(new byte[]{42}));
                }
            };
            var wrong = new PdfSignatures(misplacedToken, new SignatureVerifier(services.authority()::trustedCertificates),
                    null);
            var misplaced = wrong.verify(wrong.sign(pages(1, null), request(ZHANG, PartySide.PARTY_B, null, false)))
                    .getFirst();
            assertThat(misplaced.valid()).isTrue();
            assertThat(misplaced.timestamped()).isFalse();
        }
    }

    @Test
    void aFailingTimeStampAuthorityFailsTheSignatureInsteadOfWeakeningIt() throws Exception {
        try (var tsa = new LocalTimeStampAuthority()) {
            tsa.failWithStatus = 503;
            var services = SigningFixtures.services().another(new TimeStampClient(tsa.url()));
            assertThatThrownBy(() -> services.signatures().sign(pages(1, null), request(ZHANG, PartySide.PARTY_B,
                    null, false))).isInstanceOf(TimeStampException.class).hasMessageContaining("503");
        }
        var unreachable = SigningFixtures.services().another(new TimeStampClient("http://127.0.0.1:9/tsa"));
        assertThatThrownBy(() -> unreachable.signatures().sign(pages(1, null), request(ZHANG, PartySide.PARTY_B,
                null, false))).isInstanceOf(TimeStampException.class);
    }

    @Test
    void theAdminsCaFromAPkcs12IssuesTheSignerCertificates() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var caKeys = generator.generateKeyPair();
        X509Certificate ca = Certificates.selfSignedAuthority(caKeys, "示例集团 CA", Instant.now().minus(Duration.ofDays(1)),
                Duration.ofDays(3650));
        Path file = Files.createTempFile("ca", ".p12");
        char[] password = "ca-secret".toCharArray();
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("ca", caKeys.getPrivate(), password, new Certificate[]{ca});
        try (var out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        // signed before the admin configured the CA: with the generated one
        var database = SigningFixtures.database();
        var cipher = SigningFixtures.cipher();
        byte[] earlier = SigningFixtures.on(database, cipher, "", "", null).signatures().sign(pages(1, null),
                request(ZHANG, PartySide.PARTY_B, null, false));

        var services = SigningFixtures.on(database, cipher, file.toString(), "ca-secret", null);
        List<X509Certificate> chain = services.keys().certificateChain(ZHANG);
        assertThat(chain).hasSize(2);
        assertThat(chain.get(1)).isEqualTo(ca);
        chain.getFirst().verify(ca.getPublicKey());
        assertThat(chain.getFirst().getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(chain.getFirst().getKeyUsage()[1]).as("nonRepudiation").isTrue();
        // ZHANG's certificate was re-issued by the admin's CA; nothing more generated or stored for a CA, and the
        // earlier signature is still this installation's
        assertThat(services.jdbc().sql("SELECT COUNT(*) FROM signing_authority").query(Integer.class).single())
                .isOne();
        assertThat(services.signatures().verify(earlier).getFirst().valid()).isTrue();
        var check = services.signatures().verify(services.signatures().sign(pages(2, null),
                request(ZHANG, PartySide.PARTY_B, null, false))).getFirst();
        assertThat(check.valid()).as("%s", check).isTrue();

        // signatures of another installation are intact and signed, but not ours
        var other = SigningFixtures.services();
        var foreign = other.signatures().verify(services.signatures().sign(pages(1, null),
                request(ZHANG, PartySide.PARTY_B, null, false))).getFirst();
        assertThat(foreign.intact() && foreign.signatureValid()).isTrue();
        assertThat(foreign.issuedByThisInstallation()).isFalse();

        assertThatThrownBy(() -> SigningFixtures.on(SigningFixtures.database(), SigningFixtures.cipher(),
                file.toString(), "wrong", null).keys().certificateChain(ZHANG))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("wrong");
    }

    @Test
    void twoInstancesUsingTheCaForTheFirstTimeAtOnceCreateOneCa() throws Exception {
        var first = SigningFixtures.services();
        var instances = new ArrayList<SigningFixtures.Services>();
        for (int i = 0; i < 4; i++) {
            instances.add(first.another(null));
        }
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(instances.size())) {
            var results = new ArrayList<Future<X509Certificate>>();
            for (var instance : instances) {
                Callable<X509Certificate> use = () -> {
                    start.await();
                    return instance.authority().current().certificate();
                };
                results.add(pool.submit(use));
            }
            start.countDown();
            for (var result : results) {
                assertThat(result.get()).isEqualTo(results.getFirst().get());
            }
        }
        assertThat(first.jdbc().sql("SELECT COUNT(*) FROM signing_authority").query(Integer.class).single()).isOne();
    }

    @Test
    void aSigningTimeBeforeTheCertificateIsRefused() {
        var services = SigningFixtures.services();
        assertThatThrownBy(() -> services.signatures().sign(pages(1, null), new SignatureRequest(ZHANG,
                PartySide.PARTY_B, "同意", "上海", Instant.now().minus(Duration.ofDays(3)), null, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validity");
    }

    @Test
    void aSignerKeepsTheCertificateUntilTheNameChanges() {
        var services = SigningFixtures.services();
        BigInteger serial = services.keys().certificateChain(ZHANG).getFirst().getSerialNumber();
        var another = services.another(null);
        assertThat(another.keys().certificateChain(ZHANG).getFirst().getSerialNumber()).isEqualTo(serial);
        var renamed = new SignerIdentity(ZHANG.key(), "张三丰", ZHANG.organisation(), null);
        X509Certificate reissued = another.keys().certificateChain(renamed).getFirst();
        assertThat(reissued.getSerialNumber()).isNotEqualTo(serial);
        assertThat(reissued.getSubjectX500Principal().getName()).contains("张三丰");
        assertThat(services.keys().certificateChain(renamed).getFirst()).isEqualTo(reissued);
        // the key is stored encrypted, never as PKCS#8 in clear
        String stored = services.jdbc().sql("SELECT private_key FROM signer_certificate").query(String.class).single();
        assertThat(stored).startsWith("v1:");
    }

    @Test
    void withoutThePartysHeaderTheSealGoesToTheBottomOfTheLastPageAndOnePageHasNoPagingSeal() throws IOException {
        var services = SigningFixtures.services();
        byte[] seal = SigningFixtures.companySeal("上海契约信息技术有限公司");
        byte[] signed = services.signatures().sign(pages(2, null), request(ZHANG, PartySide.PARTY_A, seal, true));
        try (var document = Loader.loadPDF(signed)) {
            var widget = widgets(document, 1).getFirst().getRectangle();
            assertThat(widget.getLowerLeftX() + widget.getWidth() / 2).isLessThan(PDRectangle.A4.getWidth() / 2);
            assertThat(widget.getLowerLeftY()).isLessThan(PDRectangle.A4.getHeight() / 3);
        }
        byte[] onePage = services.signatures().sign(pages(1, null), request(ZHANG, PartySide.PARTY_B, seal, true));
        try (var document = Loader.loadPDF(onePage)) {
            assertThat(document.getPage(0).getAnnotations()).noneMatch(a -> a instanceof PDAnnotationRubberStamp);
            var widget = widgets(document, 0).getFirst().getRectangle();
            assertThat(widget.getLowerLeftX() + widget.getWidth() / 2).isGreaterThan(PDRectangle.A4.getWidth() / 2);
        }
        assertThat(services.signatures().verify(onePage).getFirst().valid()).isTrue();
    }

    @Test
    void aNaturalPersonsNameStampGoesOverTheNameOnTheSignaturePage() throws IOException {
        var services = SigningFixtures.services();
        var person = new SignerIdentity("contact:7", "王小明", null, "wang@example.com");
        byte[] signed = services.signatures().sign(pages(3, "甲方（签字）：王小明"),
                request(person, PartySide.PARTY_A, SigningFixtures.companySeal("王小明"), false));
        try (var document = Loader.loadPDF(signed)) {
            // the header is on page 2 of 3 (the signature page is not always the last)
            var widget = widgets(document, 1).getFirst().getRectangle();
            assertThat(widget.getLowerLeftY()).isBetween(400f, 700f);
            assertThat(widget.getLowerLeftX()).isLessThan(PDRectangle.A4.getWidth() / 2);
        }
        var check = services.signatures().verify(signed).getFirst();
        assertThat(check.valid()).isTrue();
        assertThat(check.organisation()).isNull();
        assertThat(check.certificateSubject()).contains("王小明").contains("wang@example.com");
    }

    @Test
    void aLargeSealOnWhitePaperIsScaledDownAndItsWhiteMadeTransparent() throws IOException {
        var scan = new java.awt.image.BufferedImage(1200, 1200, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = scan.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 1200, 1200);
        g.setColor(new java.awt.Color(210, 20, 30));
        g.setStroke(new java.awt.BasicStroke(40));
        g.drawOval(40, 40, 1120, 1120);
        g.dispose();
        var png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(scan, "png", png);
        try (var document = new PDDocument()) {
            var image = Seals.image(document, png.toByteArray());
            assertThat(image.getWidth()).isEqualTo(500);
            assertThat(image.getSoftMask()).isNotNull();
            var alpha = image.getSoftMask().getImage().getRaster();
            assertThat(alpha.getSample(250, 250, 0)).as("the white centre").isZero();
            assertThat(alpha.getSample(250, 9, 0)).as("the red ring").isGreaterThan(200);
        }
    }

    private static List<PDAnnotationWidget> widgets(PDDocument document, int page) throws IOException {
        return document.getPage(page).getAnnotations().stream().filter(a -> a instanceof PDAnnotationWidget)
                .map(a -> (PDAnnotationWidget) a).toList();
    }

    /** A PDF of N A4 pages; with a header line, page 2 (or 1) carries a two-column signature table's header. */
    static byte[] pages(int count, String partyAHeader) throws IOException {
        try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
            var latin = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType0Font cjk = partyAHeader == null ? null : PDType0Font.load(document,
                    SigningKeysAndTimeStampsTest.class.getResourceAsStream("/fonts/NotoSansSC-Regular.ttf"));
            for (int i = 0; i < count; i++) {
                var page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (var content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(latin, 12);
                    content.newLineAtOffset(72, 770);
                    content.showText("Page " + (i + 1));
                    content.endText();
                    if (cjk != null && i == Math.min(1, count - 1)) {
                        content.beginText();
                        content.setFont(cjk, 11);
                        content.newLineAtOffset(72, 600);
                        content.showText(partyAHeader);
                        content.newLineAtOffset(230, 0);
                        content.showText("乙方（盖章）：上海契约信息技术有限公司");
                        content.newLineAtOffset(0, -90);
                        content.showText("（盖章处）");
                        content.endText();
                    }
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
