package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link Xhtml#collapseSpaces} collapses white space by hand; it must do what the pattern it replaced did. And
 * {@link Xhtml#text(String)} reads the text while parsing; it must give what the DOM's walk gives.
 */
class XhtmlTextTest {
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0&&[^\\u3000]]+");

    private static String collapsed(String text) {
        var out = new StringBuilder();
        Xhtml.collapseSpaces(out, text);
        return out.toString();
    }

    @Test
    void runsOfWhiteSpaceBecomeOneSpaceAsWithThePattern() {
        char[] alphabet = {' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u3000', '\u2003', 'a', '合', '\u001C',
                '\u0085', '\u2028', '\uD83D', '\uDE00'};
        var random = new Random(16);
        for (int i = 0; i < 50_000; i++) {
            var text = new StringBuilder();
            int n = random.nextInt(20);
            for (int j = 0; j < n; j++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = text.toString();
            assertThat(collapsed(s)).as(s).isEqualTo(SPACES.matcher(s).replaceAll(" ").replace('\n', ' '));
        }
        assertThat(collapsed("甲方\n\t  乙方\u3000丙方\u00A0 丁")).isEqualTo("甲方 乙方\u3000丙方 丁");
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void shippedDocumentsReadTheSameWithoutTheDom(ContractType type) {
        Contract c = SampleContracts.contract(type);
        var model = DocumentModels.of(c, SampleContracts.customer(), SampleContracts.ourEntity());
        var renderer = new Renderer();
        var doc = renderer.render(DefaultTemplates.body(type), model, "t", 1, c.updatedAt());
        var kept = renderer.forRecord(DefaultTemplates.body(type), model);
        assertThat(kept.text()).isEqualTo(doc.text()).contains("第一条");
        assertThat(kept.markup()).isEqualTo(doc.xhtml());
        assertThat(Xhtml.text(doc.xhtml())).isEqualTo(doc.text());
        // the files of a version made from the markup it kept are those of the rendering
        var fromKept = Renderer.fromKept(kept.markup(), model.number(), model.title(), model.partyB().name(), "t", 1,
                c.updatedAt());
        assertThat(fromKept.pdf()).isEqualTo(doc.pdf());
        assertThat(fromKept.docx()).isEqualTo(doc.docx());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html/>", "<p>root is a block<br/>x</p>", "<head>root skipped? <b>no</b></head>",
            "<html><head><title>T</title><style>p{}</style></head><body><h1>标题</h1><p>a  b\n\tc</p></body></html>",
            "<html><body><p>a<!-- c -->  b</p><p>x<![CDATA[ <y> ]]>  z</p><p>p<?pi data?> q</p></body></html>",
            "<html><body><div class=\"text\">line 1\r\nline 2   spaced</div><p class=\"a text b\">t\u00A0 t</p></body></html>",
            "<html><body><table><tr><th>h</th><td>1 &amp; 2</td><td>&lt;3&#x4E00;</td></tr></table></body></html>",
            "<html><body><script>var x = 1;</script><p>after <span>inline <i>deep</i></span> text</p></body></html>",
            "<html><body><div><head>nested skipped <p>inside</p></head>kept</div>\u3000全角\u3000</body></html>",
            "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><ul><li>one</li><li>two<br/>three</li></ul></body></html>",
            "<html><body>\n   \n<p>\n</p>   <pre>  keep?  </pre></body></html>\n<!-- after -->"})
    void markupReadsTheSameWithoutTheDom(String xhtml) {
        assertThat(Xhtml.text(xhtml)).isEqualTo(Xhtml.text(Xhtml.parse(xhtml)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html>", "<html><p>a</html>", "text", "<!DOCTYPE html><html/>",
            "<html>\n<body>\n<p>a & b</p></body></html>", "<html/><html/>"})
    void malformedMarkupIsRefusedAsByTheDom(String xhtml) {
        var dom = catchThrowableOfType(Xhtml.InvalidXhtmlException.class, () -> Xhtml.parse(xhtml));
        var sax = catchThrowableOfType(Xhtml.InvalidXhtmlException.class, () -> Xhtml.text(xhtml));
        assertThat(dom).isNotNull();
        assertThat(sax).isNotNull();
        assertThat(sax.getMessage()).isEqualTo(dom.getMessage());
        assertThat(sax.line()).isEqualTo(dom.line());
        assertThat(sax.excerpt()).isEqualTo(dom.excerpt());
    }

    @Test
    void linesAreTrimmedAndEmptyOnesDroppedAsBySplitAndStrip() {
        char[] alphabet = {' ', '\t', '\n', '\r', '\u3000', '\u00A0', '\u2003', 'a', '合', '\uD83D', '\uDE00', '\n'};
        var random = new Random(16);
        for (int i = 0; i < 50_000; i++) {
            var text = new StringBuilder();
            int n = random.nextInt(20);
            for (int j = 0; j < n; j++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            var expected = new StringBuilder();
            for (String line : text.toString().split("\n")) {
                String l = line.strip();
                if (!l.isEmpty()) {
                    expected.append(l).append('\n');
                }
            }
            assertThat(Xhtml.lines(text)).as(text.toString()).isEqualTo(expected.toString());
        }
    }
}
