package io.qiyue.signing.pdf;

import io.qiyue.template.SigningSamples;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationRubberStamp;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A rendered multi-page contract signed by 乙方 and then by 甲方, both with seals and 骑缝章: both signatures valid for
 * our verifier and for poppler's pdfsig, a one-byte change anywhere detected, seals where a reader expects them.
 * The signed files are left in target/signing for a look (pdftoppm -r 70).
 */
class PdfSignaturesTest {
    static final SignerIdentity OUR_SIGNATORY = new SignerIdentity("user:zhang", "张三", "上海契约信息技术有限公司",
            "zhang@qiyue.example");
    static final SignerIdentity CUSTOMER = new SignerIdentity("contact:42", "李四", "杭州示例科技有限公司", null);
    // signing times are checked against the certificates' validity, which starts when they are first issued
    static final Instant B_TIME = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    static final Instant A_TIME = B_TIME.plusSeconds(3600);
    static final Path OUT = Path.of("target", "signing");

    static byte[] contract;
    static byte[] signedByB;
    static byte[] signedByBoth;
    static SigningFixtures.Services services;

    @BeforeAll
    static void signTwice() throws IOException {
        contract = SigningSamples.contractPdf(6);
        services = SigningFixtures.services();
        signedByB = services.signatures().sign(contract, new SignatureRequest(OUR_SIGNATORY, PartySide.PARTY_B,
                "同意本合同全部条款", "上海", B_TIME,
                SigningFixtures.companySeal("上海契约信息技术有限公司"), true));
        signedByBoth = services.signatures().sign(signedByB, new SignatureRequest(CUSTOMER, PartySide.PARTY_A,
                "同意本合同全部条款", "北京", A_TIME,
                SigningFixtures.companySeal("杭州示例科技有限公司"), true, true));
        Files.createDirectories(OUT);
        Files.write(OUT.resolve("contract.pdf"), contract);
        Files.write(OUT.resolve("signed-by-b.pdf"), signedByB);
        Files.write(OUT.resolve("signed-by-both.pdf"), signedByBoth);
    }

    @Test
    void bothSignaturesAreValidAndTheFirstStaysSoAfterTheSecond() {
        assertThat(signedByB).startsWith(contract);
        assertThat(signedByBoth).startsWith(signedByB);

        List<SignatureCheck> checks = services.signatures().verify(signedByBoth);
        assertThat(checks).hasSize(2);
        SignatureCheck first = checks.get(0);
        SignatureCheck second = checks.get(1);
        assertThat(first.valid()).as("%s", first).isTrue();
        assertThat(second.valid()).as("%s", second).isTrue();
        assertThat(first.coversWholeDocument()).isFalse();
        assertThat(second.coversWholeDocument()).isTrue();
        assertThat(first.signerName()).isEqualTo("张三");
        assertThat(first.organisation()).isEqualTo("上海契约信息技术有限公司");
        assertThat(first.reason()).isEqualTo("同意本合同全部条款");
        assertThat(first.signingTime()).isEqualTo(B_TIME);
        assertThat(second.signingTime()).isEqualTo(A_TIME);
        assertThat(first.certificateSubject()).isEqualTo("CN=张三,O=上海契约信息技术有限公司,E=zhang@qiyue.example");
        assertThat(first.subFilter()).isEqualTo("ETSI.CAdES.detached");
        assertThat(first.timestamped()).isFalse();
        assertThat(second.signerName()).isEqualTo("李四");
        assertThat(second.certificateSubject()).contains("李四");
        assertThat(first.certificateSerialHex()).isNotEqualTo(second.certificateSerialHex());
        assertThat(first.certificateSha256()).hasSize(64);

        assertThat(services.signatures().verify(signedByB)).singleElement()
                .satisfies(only -> assertThat(only.valid() && only.coversWholeDocument()).isTrue());
    }

    @Test
    void anUnsignedPdfHasNoSignaturesAndGarbageIsRefused() {
        assertThat(services.signatures().verify(contract)).isEmpty();
        assertThatThrownBy(() -> services.signatures().verify("not a pdf".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadablePdfException.class);
    }

    @Test
    void aOneByteChangeInASignedRangeInvalidatesTheSignaturesCoveringIt() {
        int firstEnd = signedByB.length;
        // in the original contract (covered by both), in the first revision's seal, in the second revision
        for (int at : new int[]{contract.length / 2, contract.length + 200, firstEnd + 300, signedByBoth.length - 20}) {
            byte[] changed = signedByBoth.clone();
            changed[at] = (byte) (changed[at] ^ 0x01);
            List<SignatureCheck> checks;
            try {
                checks = services.signatures().verify(changed);
            } catch (UnreadablePdfException unreadable) {
                continue; // a change that breaks the file's structure is detected too
            }
            boolean inFirst = at < firstEnd;
            assertThat(checks.stream().filter(SignatureCheck::valid).count())
                    .as("change at %d of %d", at, changed.length)
                    .isLessThanOrEqualTo(inFirst ? 0 : 1);
            if (!checks.isEmpty()) {
                assertThat(checks.getLast().valid()).as("change at %d", at).isFalse();
            }
        }
    }

    @Test
    void theSealsAreTheSignatureWidgetsAndThePagingSealsStampsOnEveryPage() throws IOException {
        try (var document = Loader.loadPDF(signedByBoth)) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThan(2);
            for (int i = 0; i < pages; i++) {
                var page = document.getPage(i);
                var stamps = page.getAnnotations().stream().filter(a -> a instanceof PDAnnotationRubberStamp)
                        .filter(a -> a.getContents().startsWith("骑缝章")).toList();
                assertThat(stamps).as("page %d", i + 1).hasSize(2);
                if (i == pages - 1) {
                    assertThat(page.getAnnotations().stream().filter(a -> a instanceof PDAnnotationRubberStamp)
                            .map(a -> a.getContents()).filter(c -> c.startsWith("签署日期 ")))
                            .as("each party's signing date filled in on the signature page").hasSize(2);
                }
                for (var stamp : stamps) {
                    // flush with the right edge, one N-th of the seal wide
                    assertThat(stamp.getRectangle().getUpperRightX()).isEqualTo(page.getMediaBox().getUpperRightX());
                    assertThat(stamp.getRectangle().getWidth()).isCloseTo(Seals.SEAL_POINTS / pages,
                            org.assertj.core.data.Offset.offset(0.01f));
                }
                // 甲方's above 乙方's, not overlapping
                var a = stamps.get(1).getRectangle();
                var b = stamps.get(0).getRectangle();
                assertThat(a.getLowerLeftY()).isGreaterThan(b.getUpperRightY());
            }
            var widgets = document.getPage(pages - 1).getAnnotations().stream()
                    .filter(a -> a instanceof PDAnnotationWidget).toList();
            assertThat(widgets).hasSize(2);
            var b = widgets.get(0).getRectangle();
            var a = widgets.get(1).getRectangle();
            // 乙方 in the right column, 甲方 in the left, both at the full seal size
            assertThat(a.getLowerLeftX() + a.getWidth() / 2).isLessThan(document.getPage(pages - 1).getMediaBox().getWidth() / 2);
            assertThat(b.getLowerLeftX() + b.getWidth() / 2).isGreaterThan(document.getPage(pages - 1).getMediaBox().getWidth() / 2);
            assertThat(a.getWidth()).isCloseTo(Seals.SEAL_POINTS, org.assertj.core.data.Offset.offset(0.5f));
        }
    }

    /**
     * Outside tester: the signature page printed both legal representatives after "法定代表人或授权代表（签字）：" while
     * others signed, and the actual signers appeared nowhere on it. The frozen document leaves the line blank; each
     * signature writes its signer there, in its own column, beside the day it signed.
     */
    @Test
    void theSignaturePageNamesWhoSignedNotWhoWasPrinted() throws IOException {
        try (var document = Loader.loadPDF(contract)) {
            int last = document.getNumberOfPages();
            String page = pageText(document, last);
            assertThat(page).contains("法定代表人或授权代表（签字）：签署日期")
                    .as("the sample's legal representatives are not printed as signers")
                    .doesNotContain("（签字）：张三", "（签字）：王五");
        }
        try (var document = Loader.loadPDF(signedByBoth)) {
            var page = document.getPage(document.getNumberOfPages() - 1);
            float middle = page.getMediaBox().getWidth() / 2;
            var names = page.getAnnotations().stream().filter(a -> a instanceof PDAnnotationRubberStamp)
                    .filter(a -> a.getContents().startsWith(SignerLine.MARK)).toList();
            assertThat(names).extracting(a -> a.getContents())
                    .containsExactly("签字 张三（电子签名） 乙方", "签字 李四（电子签名） 甲方");
            // 乙方's signer in the right column, 甲方's in the left, each under its label, above the signing date
            assertThat(names.get(0).getRectangle().getLowerLeftX()).isGreaterThan(middle);
            assertThat(names.get(1).getRectangle().getUpperRightX()).isLessThan(middle);
            var dates = page.getAnnotations().stream().filter(a -> a.getContents() != null
                    && a.getContents().startsWith("签署日期 ")).toList();
            assertThat(dates).hasSize(2);
            assertThat(names.get(0).getRectangle().getLowerLeftY())
                    .isGreaterThan(dates.get(0).getRectangle().getUpperRightY());
            assertThat(names.get(0).getAppearance().getNormalAppearance().getAppearanceStream().getResources()
                    .getFontNames()).as("the name is drawn with an embedded font").hasSize(1);
        }
        // a second signer of ours (two of two) goes on the line below the first, not over it
        byte[] twoOfOurs = services.signatures().sign(signedByB, new SignatureRequest(new SignerIdentity("user:zhao",
                "赵七", "上海契约信息技术有限公司", null), PartySide.PARTY_B, "同意", "上海", Instant.now(),
                SigningFixtures.companySeal("上海契约信息技术有限公司"), false));
        try (var document = Loader.loadPDF(twoOfOurs)) {
            var names = document.getPage(document.getNumberOfPages() - 1).getAnnotations().stream()
                    .filter(a -> a instanceof PDAnnotationRubberStamp)
                    .filter(a -> a.getContents().startsWith(SignerLine.MARK)).map(a -> a.getRectangle()).toList();
            assertThat(names).hasSize(2);
            assertThat(names.get(1).getUpperRightY()).isLessThanOrEqualTo(names.get(0).getLowerLeftY() + 0.01f);
            assertThat(names.get(1).getLowerLeftX()).isEqualTo(names.get(0).getLowerLeftX());
        }
        String shown = popplerText(OUT.resolve("signed-by-both.pdf"), 6);
        if (shown != null) {
            assertThat(shown).contains("张三（电子签名）", "李四（电子签名）");
        }
    }

    /** The signature that concludes the contract dates it, where the document left 签订日期 blank, and only there. */
    @Test
    void theConcludingSignatureFillsInABlankDateOfTheContract() throws IOException {
        var date = java.time.LocalDate.ofInstant(A_TIME, java.time.ZoneId.of("Asia/Shanghai"));
        String day = "签订日期 " + date;
        assertThat(concluded(signedByB)).as("not before the last signature").isEmpty();
        assertThat(concluded(signedByBoth)).containsExactly(day);
        try (var document = Loader.loadPDF(contract)) {
            assertThat(pageText(document, 1)).contains("签订日期：年月日");
        }
        String shown = popplerText(OUT.resolve("signed-by-both.pdf"), 1);
        if (shown != null) {
            assertThat(shown).contains(date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日");
        }

        byte[] agreed = SigningSamples.contractPdfWithSigningDate();
        byte[] signed = services.signatures().sign(agreed, new SignatureRequest(CUSTOMER, PartySide.PARTY_A, "同意",
                "北京", A_TIME, SigningFixtures.companySeal("杭州示例科技有限公司"), true, true));
        assertThat(services.signatures().verify(signed).getFirst().valid()).isTrue();
        assertThat(concluded(signed)).as("a date the parties agreed and printed stays as it is").isEmpty();
        try (var document = Loader.loadPDF(signed)) {
            assertThat(pageText(document, 1)).contains("签订日期：2026年12月20日");
        }
    }

    private static List<String> concluded(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return document.getPage(0).getAnnotations().stream().map(a -> a.getContents())
                    .filter(c -> c != null && c.startsWith("签订日期")).toList();
        }
    }

    private static String pageText(org.apache.pdfbox.pdmodel.PDDocument document, int page) throws IOException {
        var stripper = new org.apache.pdfbox.text.PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document).replaceAll("[\\s\\u3000]+", "");
    }

    /** What poppler's pdftotext reads on a page (annotations' appearances included), or null without it. */
    private static String popplerText(Path file, int page) throws IOException {
        Path pdftotext = Path.of("/usr/bin/pdftotext");
        if (!Files.isExecutable(pdftotext)) {
            return null;
        }
        var process = new ProcessBuilder(pdftotext.toString(), "-f", String.valueOf(page), "-l",
                        String.valueOf(page), file.toString(), "-")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return output.replaceAll("[\\s\\u3000]+", "");
    }

    @Test
    void aNaturalPersonsNameStampGoesOverTheNameInTheLeftColumn() throws IOException {
        byte[] contract = SigningSamples.personContractPdf();
        var person = new SignerIdentity("contact:zhao", "赵六", null, null);
        byte[] signed = services.signatures().sign(contract, new SignatureRequest(person, PartySide.PARTY_A, "同意",
                "北京", Instant.now(), SigningFixtures.nameStamp("赵六"), true));
        Files.write(OUT.resolve("signed-by-person.pdf"), signed);
        assertThat(services.signatures().verify(signed).getFirst().valid()).isTrue();
        try (var document = Loader.loadPDF(signed)) {
            int last = document.getNumberOfPages() - 1;
            var widget = document.getPage(last).getAnnotations().stream()
                    .filter(a -> a instanceof PDAnnotationWidget).findFirst().orElseThrow().getRectangle();
            float width = document.getPage(last).getMediaBox().getWidth();
            assertThat(widget.getLowerLeftX() + widget.getWidth() / 2).isBetween(width * 0.15f, width / 2);
            // near the top of the signature table, not the page's bottom fallback
            assertThat(widget.getLowerLeftY()).isGreaterThan(document.getPage(last).getMediaBox().getHeight() / 3);
        }
    }

    @Test
    void popplerAgreesThatBothSignaturesAreValid() throws Exception {
        String output = pdfsig(OUT.resolve("signed-by-both.pdf"));
        assertThat(output.split("Signature is Valid", -1)).as(output).hasSize(3);
        assertThat(output).contains("ETSI.CAdES.detached").contains("Total document signed");
    }

    /**
     * poppler's pdfsig (NSS) on the file: skipped without /usr/bin/pdfsig, except on CI. Our CA is unknown to NSS
     * ("Certificate issuer isn't Trusted"); the signature itself must be valid.
     */
    static String pdfsig(Path file) throws Exception {
        Path pdfsig = Path.of("/usr/bin/pdfsig");
        if (!Files.isExecutable(pdfsig)) {
            assertThat(System.getenv("CI")).as("pdfsig (poppler-utils) is required on CI").isNotEqualTo("true");
            System.out.println("SKIPPED: /usr/bin/pdfsig not installed (apt-get install poppler-utils)");
            assumeTrue(false);
        }
        var process = new ProcessBuilder(pdfsig.toString(), file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println(output);
        return output;
    }
}
