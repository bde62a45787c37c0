package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractType;
import io.qiyue.customer.Customer;
import io.qiyue.shared.InvalidInputException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EscapingAndValidationTest {
    static final String EVIL = "<script>alert(1)</script> & Co";

    static RenderedDocument evil() {
        Contract s = SampleContracts.contract(ContractType.SERVICE);
        Customer c = SampleContracts.customer();
        var customer = new Customer(c.id(), c.kind(), EVIL, c.creditCode(), null, "<b>地址</b>", c.legalRepresentative(),
                c.industry(), c.level(), c.status(), c.owner(), c.contacts(), false, 1, c.createdAt(), c.updatedAt());
        var contract = new Contract(s.id(), s.number(), s.type(), "{{title}} </p><p>注入", s.customerId(), EVIL,
                s.ourEntityId(), s.owner(), s.amount(), s.startDate(), s.endDate(), s.autoRenew(), s.renewalNoticeDays(),
                s.status(), s.terms(), 1, s.createdAt(), s.createdBy(), s.updatedAt());
        var model = DocumentModels.withClauses(DocumentModels.of(contract, customer, SampleContracts.ourEntity()),
                List.of(new DocumentModel.ClauseText(1, "责任限制", "<i>" + EVIL + "</i>", true)));
        return new Renderer().render(DefaultTemplates.body(ContractType.SERVICE), model, "t", 1, contract.updatedAt());
    }

    @Test
    void htmlEscapesUserText() {
        var doc = evil();
        assertThat(doc.html()).doesNotContain("<script>").doesNotContain("<b>地址").doesNotContain("<i>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
        assertThat(doc.text()).contains(EVIL).contains("<b>地址</b>").contains("{{title}} </p><p>注入")
                .contains("<i>" + EVIL + "</i>");
    }

    @Test
    void pdfPrintsUserTextLiterally() throws Exception {
        try (var pd = Loader.loadPDF(evil().pdf())) {
            String text = new PDFTextStripper().getText(pd);
            assertThat(text).contains(EVIL).contains("{{title}} </p><p>注入");
        }
    }

    @Test
    void docxPrintsUserTextLiterally() throws Exception {
        try (var docx = new XWPFDocument(new ByteArrayInputStream(evil().docx()));
             var extractor = new XWPFWordExtractor(docx)) {
            assertThat(extractor.getText()).contains(EVIL).contains("<b>地址</b>");
            // the conspicuous clause prints bold
            var bold = docx.getParagraphs().stream().filter(p -> p.getText().contains("责任限制"))
                    .flatMap(p -> p.getRuns().stream()).filter(r -> r.getText(0) != null && r.getText(0).contains("责任限制"))
                    .findFirst().orElseThrow();
            assertThat(bold.isBold()).isTrue();
        }
    }

    @Test
    void defaultTemplatesAreValid() {
        for (ContractType type : ContractType.values()) {
            TemplateEngine.validate(DefaultTemplates.body(type), type);
        }
    }

    static String error(String body) {
        try {
            TemplateEngine.validate(body, ContractType.SERVICE);
        } catch (InvalidInputException e) {
            var v = e.violations().getFirst();
            assertThat(v.field()).isEqualTo("body");
            return v.code() + " " + v.args();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void brokenTemplatesAreRefusedWithLineAndReason() {
        String head = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>\n";
        // the engine's mistakes in our words with the tags named (an outside tester read its English in Chinese)
        assertThat(error(head + "<p>{{title}}</p>\n{{#service}}<p>x</p>\n</body></html>"))
                .startsWith("qiyue.template.syntax.unclosed [").endsWith(", service]");
        assertThat(error(head + "<p>{{title}}</p>\n{{/service}}\n</body></html>"))
                .isEqualTo("qiyue.template.syntax.unopened [3, service]");
        assertThat(error(head + "{{#service}}{{#maintenance}}\n{{/service}}{{/maintenance}}</body></html>"))
                .startsWith("qiyue.template.syntax.mismatched [3, ");
        assertThat(error(head + "<p>{{title}}</p>\n<p>{{nosuchThing}}</p>\n</body></html>"))
                .isEqualTo("qiyue.template.unknown-variable [3, nosuchThing]");
        // the XML parser's frequent complaints in our words, the element named (outside tester: its English)
        assertThat(error(head + "<p>{{title}}\n</body></html>")).startsWith("qiyue.template.xhtml.unclosed [");
        assertThat(error(head + "<p>{{title}}<br></p>\n</body></html>")).startsWith("qiyue.template.xhtml.unclosed [2, br, ");
        assertThat(error(head + "<p>&nbsp;{{title}}</p>\n</body></html>")).startsWith("qiyue.template.xhtml.entity [2, nbsp, ");
        // a variable's whole name, not the part the engine could not resolve (outside tester: "no")
        assertThat(error(head + "<p>{{title}}</p>\n<p>{{no.such.var}}</p>\n</body></html>"))
                .isEqualTo("qiyue.template.unknown-variable [3, no.such.var]");
        // no variable where it would become CSS (outside tester: a salesperson's words restyled the document)
        assertThat(error(head + "<p>{{title}}</p>\n<p style=\"margin: {{service.scope}}\">x</p>\n</body></html>"))
                .isEqualTo("qiyue.template.variable-in-style [3, ]");
        assertThat(error("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><style>\np { {{service.scope}} }</style>"
                + "</head><body><p>x</p></body></html>")).isEqualTo("qiyue.template.variable-in-style [2, ]");
        assertThat(error(head + "\n<p>{{{title}}}</p></body></html>")).isEqualTo("qiyue.template.unsafe-tag [3, {{{]");
        assertThat(error(head + "<p>{{& title}}</p></body></html>")).startsWith("qiyue.template.unsafe-tag [2");
        assertThat(error(head + "<p>{{> head}}</p></body></html>")).startsWith("qiyue.template.unsafe-tag [2");
        assertThat(error("<!DOCTYPE html [<!ENTITY x \"y\">]><html><body>&x;</body></html>")).startsWith("qiyue.template.xhtml");
        assertThatThrownBy(() -> TemplateEngine.validateClause("{{#x}}")).isInstanceOf(InvalidInputException.class);
        TemplateEngine.validateClause("甲方{{partyA.name}}应于{{period.end}}前付清{{fees.total.words}}。");
    }

    @Test
    void markupThatRunsOrLoadsSomethingIsRefusedByName() {
        String head = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><style>p { margin: 0 }</style></head><body>\n";
        String tail = "\n</body></html>";
        assertThat(error(head + "<script>alert(1)</script>" + tail)).isEqualTo("qiyue.template.unsafe-markup [<script>]");
        assertThat(error(head + "<p onclick=\"alert(1)\">{{title}}</p>" + tail))
                .isEqualTo("qiyue.template.unsafe-markup [<p onclick>]");
        assertThat(error(head + "<a href=\"javascript:alert(1)\">x</a>" + tail)).contains("javascript:alert(1)");
        assertThat(error(head + "<a href=\" JavaScript:alert(1)\">x</a>" + tail)).startsWith("qiyue.template.unsafe-markup");
        assertThat(error(head + "<img src=\"https://example.com/t.png\" alt=\"\"/>" + tail)).contains("https://example.com");
        assertThat(error(head + "<p style=\"background: u\\rl(https://x.example/)\">x</p>" + tail))
                .startsWith("qiyue.template.unsafe-markup");
        assertThat(error("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><style>@import 'https://x.example/a.css';</style></head><body/></html>"))
                .startsWith("qiyue.template.unsafe-markup [<style>");
        // CSS escapes are read as the renderer reads them: @\69mport is @import, u\72l( is url(
        for (String escaped : List.of("@\\69mport \"http://127.0.0.1:9/x.css\";", "body{background:u\\72l(http://x.example/)}",
                "body{background:u\\000072 l(http://x.example/)}", "@\\49 MPORT 'x.css';", "p{background:url/**/(x)}")) {
            assertThat(error("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><style>" + escaped
                    + "</style></head><body/></html>")).as(escaped).startsWith("qiyue.template.unsafe-markup [<style>");
        }
        TemplateEngine.validate("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><style>q::before { content: \"\\201C\" }"
                + "</style></head><body/></html>", ContractType.SERVICE);
        assertThat(error(head + "<iframe src=\"#\"></iframe>" + tail)).isEqualTo("qiyue.template.unsafe-markup [<iframe>]");
        assertThat(error(head + "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"1\"/></svg>" + tail))
                .isEqualTo("qiyue.template.unsafe-markup [<svg>]");
        assertThat(error("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta http-equiv=\"refresh\" content=\"0;url=https://x.example/\"/></head><body/></html>"))
                .isEqualTo("qiyue.template.unsafe-markup [<meta http-equiv>]");
        // layout markup, in-page anchors and embedded images stay allowed
        TemplateEngine.validate(head + "<h2 class=\"x\" style=\"color: #333\">{{title}}</h2><a href=\"#top\">上</a>"
                + "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"章\"/><table><tr><td colspan=\"2\">x</td></tr></table>" + tail,
                ContractType.SERVICE);
    }

    /**
     * Text a style hides or makes unreadable is refused: the PDF honours the style, the Word file prints every word
     * (outside tester: 甲方放弃一切索赔权利 hidden by display:none and a white 1px sentence, both plain in the DOCX).
     */
    @Test
    void textHiddenOrUnreadableByItsStyleIsRefused() {
        String tail = "</body></html>";
        var attributes = java.util.Map.ofEntries(
                java.util.Map.entry("display:none", "display"), java.util.Map.entry("DISPLAY : None !important", "display"),
                java.util.Map.entry("visibility:hidden", "visibility"), java.util.Map.entry("visibility: collapse", "visibility"),
                java.util.Map.entry("opacity:0", "opacity"), java.util.Map.entry("opacity: .5", "opacity"),
                java.util.Map.entry("opacity: 99%", "opacity"),
                java.util.Map.entry("font-size:1px", "font-size"), java.util.Map.entry("font-size:0", "font-size"),
                java.util.Map.entry("font-size: 7pt", "font-size"), java.util.Map.entry("font-size: 10px", "font-size"),
                java.util.Map.entry("font-size: 0.5em", "font-size"), java.util.Map.entry("font-size: x-small", "font-size"),
                java.util.Map.entry("font: bold 0/0 serif", "font-size"), java.util.Map.entry("line-height: 0", "line-height"),
                java.util.Map.entry("color:#fff", "colour"), java.util.Map.entry("color: #FFFFFF", "colour"),
                java.util.Map.entry("color: white", "colour"), java.util.Map.entry("color: rgb(255, 255, 255)", "colour"),
                java.util.Map.entry("color: #fefefe", "colour"), java.util.Map.entry("color: #ccc", "colour"),
                java.util.Map.entry("color: hsl(0, 0%, 97%)", "colour"), java.util.Map.entry("color: transparent", "opacity"),
                java.util.Map.entry("color: rgba(0,0,0,0)", "opacity"), java.util.Map.entry("color: #0000", "opacity"),
                java.util.Map.entry("color: papayawhip", "colour-unknown"),
                java.util.Map.entry("background: #000", "background"),
                java.util.Map.entry("background-image: linear-gradient(#000, #000)", "background"),
                java.util.Map.entry("height:0;overflow:hidden", "overflow"), java.util.Map.entry("text-indent:-9999px", "offset"),
                java.util.Map.entry("margin-left: -100mm", "offset"), java.util.Map.entry("letter-spacing: -1em", "offset"),
                java.util.Map.entry("position:absolute;left:-9999px", "position"),
                java.util.Map.entry("transform: scale(0)", "property"), java.util.Map.entry("clip-path: inset(50%)", "property"),
                java.util.Map.entry("-webkit-text-fill-color: transparent", "property"),
                java.util.Map.entry("font-size: calc(10px - 9px)", "computed"),
                java.util.Map.entry("direction: rtl", "direction"), java.util.Map.entry("unicode-bidi: bidi-override", "property"),
                java.util.Map.entry("text-decoration: line-through", "line-through"),
                java.util.Map.entry("c\\olor: #fff", "colour"), java.util.Map.entry("color:/**/#fff", "colour"));
        String head = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>\n<p>{{title}}</p>";
        attributes.forEach((css, reason) -> assertThat(error(head + "<p style=\"" + css + "\">甲方放弃一切索赔权利</p>" + tail))
                .as(css).startsWith("qiyue.template.hidden-text." + reason + " [<p style>, "));
        // the tester's two sentences, as sent
        assertThat(error(head + "<p style=\"display:none\">甲方放弃一切索赔权利</p><p style=\"color:#fff;font-size:1px\">"
                + "乙方对任何损失不承担任何责任</p>" + tail)).isEqualTo("qiyue.template.hidden-text.display [<p style>, display: none]");
        // the same in a style sheet, by class, inside @media, and text a style adds that the Word file does not have
        for (String sheet : List.of(".x { display: none }", "@media print { p.x { color: #ffffff } }",
                "p { margin: 0 } .x{font-size:1px}", ".x::before { content: \"甲方放弃一切索赔权利\" }",
                "ol li::before { content: counter(item) }", ".x { overflow: hidden; height: 0 }")) {
            assertThat(error("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><style>" + sheet + "</style></head><body>"
                    + "<p class=\"x\">{{title}}</p>" + tail)).as(sheet).startsWith("qiyue.template.hidden-text.")
                    .contains("[<style>, ");
        }
        // markup the Word file prints otherwise: right to left, a table inside a cell, <small> in <small>
        assertThat(error(head + "<p dir=\"rtl\">x</p>" + tail)).startsWith("qiyue.template.hidden-text.direction [<p dir>");
        assertThat(error(head + "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>" + tail))
                .startsWith("qiyue.template.hidden-text.nested-table [<table>");
        assertThat(error(head + "<p><small>a<small>b</small></small></p>" + tail))
                .startsWith("qiyue.template.hidden-text.font-size [<small>");
        // what prints the same, readable, in both stays allowed: the shipped sheet, dark and mid-grey text, light
        // backgrounds, readable sizes, a hanging indent, page numbers in the page margin, a quotation mark
        TemplateEngine.validate("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><style>"
                + "@page { @bottom-center { content: \"第 \" counter(page) \" 页\"; color: #444 } }"
                + " q::before { content: \"\\201C\" } th { background: #f0f0f0 } .seal { color: #888 }"
                + " .running-header { position: running(header) } td { overflow-wrap: anywhere }</style></head><body>"
                + "<p style=\"color: #333; font-size: 9pt; line-height: 1.5; text-indent: -2em; padding-left: 2em\">{{title}}</p>"
                + "<p style=\"color: red; background: yellow; font: bold 12px/1.6 sans-serif; margin: 0 auto\">x</p>"
                + "<p style=\"color: rgb(0 0 0 / 100%); opacity: 1; display: block; visibility: visible\">x</p>"
                + "<p><small>注</small></p>" + tail, ContractType.SERVICE);
    }

    /**
     * A template broken only for some contracts is refused, the sample it fails for named (outside tester: an unclosed
     * <p> inside {{#partyA.person}} was accepted, and natural persons' contracts then printed from the shipped default).
     */
    @Test
    void aTemplateBrokenForSomeContractsOnlyIsRefusedNamingTheSample() {
        String body = DefaultTemplates.body(ContractType.INFO_SHARING);
        var cases = java.util.Map.of("{{#partyA.person}}<p>{{/partyA.person}}", SampleContracts.TemplateSample.PERSON,
                "{{^period.autoRenew}}<p>{{/period.autoRenew}}", SampleContracts.TemplateSample.PERSON,
                "{{^period.end}}<p>{{/period.end}}", SampleContracts.TemplateSample.PERSON,
                "{{#fees.noConsideration}}<p>{{/fees.noConsideration}}", SampleContracts.TemplateSample.FREE,
                "{{^sharing.personalInformation}}<p>{{/sharing.personalInformation}}", SampleContracts.TemplateSample.BARE,
                "{{#partyA.person}}<p style=\"display:none\">x</p>{{/partyA.person}}", SampleContracts.TemplateSample.PERSON,
                "{{#partyA.person}}{{partyA.nickname}}{{/partyA.person}}", SampleContracts.TemplateSample.PERSON);
        cases.forEach((added, sample) -> {
            String broken = body.replace("</body>", added + "</body>");
            var e = catchThrowableOfType(InvalidInputException.class,
                    () -> TemplateEngine.validate(broken, ContractType.INFO_SHARING));
            assertThat(e).as(added).isNotNull();
            assertThat(e.subject()).isEqualTo("template");
            assertThat(e.violations()).as(added).hasSize(2);
            assertThat(e.violations().getLast().code()).isEqualTo("qiyue.template.sample-case");
            assertThat(e.violations().getLast().args()).as(added).containsExactly(sample);
            assertThat(e.violations()).allMatch(v -> v.field().equals("body"));
        });
        // broken for every contract: the first sample's error alone, as before
        var e = catchThrowableOfType(InvalidInputException.class, () -> TemplateEngine.validate(
                body.replace("</body>", "<p></body>"), ContractType.INFO_SHARING));
        assertThat(e.violations()).hasSize(1);
        assertThat(e.subject()).isEqualTo("template");
        // the inverted section the tester tried was refused already, by the first sample
        assertThat(error(DefaultTemplates.body(ContractType.SERVICE).replace("</body>", "{{^partyA.person}}<p>{{/partyA.person}}</body>")))
                .startsWith("qiyue.template.xhtml");
    }

    /** The Word file marks text as the PDF does: struck out, underlined, italic; a table's caption is printed. */
    @Test
    void docxMarksStruckUnderlinedAndItalicTextAndPrintsCaptions() throws Exception {
        String body = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>甲<s>删去</s><u>下划</u><em>斜体</em>乙</p>"
                + "<table><caption>附表一</caption><tr><td>x</td></tr></table></body></html>";
        TemplateEngine.validate(body, ContractType.SERVICE);
        var doc = new Renderer().render(body, SampleContracts.model(ContractType.SERVICE), "t", 1, java.time.Instant.EPOCH);
        try (var docx = new XWPFDocument(new ByteArrayInputStream(doc.docx()))) {
            var runs = docx.getParagraphs().stream().flatMap(p -> p.getRuns().stream()).toList();
            java.util.function.Function<String, org.apache.poi.xwpf.usermodel.XWPFRun> run = text -> runs.stream()
                    .filter(r -> text.equals(r.getText(0))).findFirst().orElseThrow();
            assertThat(run.apply("删去").isStrikeThrough()).isTrue();
            assertThat(run.apply("下划").getUnderline()).isEqualTo(org.apache.poi.xwpf.usermodel.UnderlinePatterns.SINGLE);
            assertThat(run.apply("斜体").isItalic()).isTrue();
            assertThat(run.apply("甲").isStrikeThrough()).isFalse();
            assertThat(run.apply("乙").isItalic()).isFalse();
            assertThat(docx.getParagraphs().stream().map(p -> p.getText())).contains("附表一");
        }
    }
}
