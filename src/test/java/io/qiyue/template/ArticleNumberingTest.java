package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Renderer#number} scans the rendered XHTML by hand for speed; it must number exactly as the regular expression
 * it replaced did, on the shipped templates and on markup shaped to trip a hand-written scanner.
 */
class ArticleNumberingTest {
    private static final Pattern NUMBERED = Pattern.compile("<(h2|p)\\s+class=\"([^\"]*)\"[^>]*>");

    /** The numbering as it was written with the pattern's matcher: the reference. */
    private static String byPattern(String xhtml) {
        Matcher m = NUMBERED.matcher(xhtml);
        var out = new StringBuilder();
        int article = 0;
        int clause = 0;
        int from = 0;
        while (m.find()) {
            String classes = " " + m.group(2) + " ";
            String number = "";
            if (m.group(1).equals("h2") && classes.contains(" article ")) {
                article++;
                clause = 0;
                number = "第" + ChineseNumbers.of(article) + "条　";
            } else if (m.group(1).equals("p") && classes.contains(" clause ") && article > 0) {
                clause++;
                number = article + "." + clause + "　";
            }
            out.append(xhtml, from, m.end()).append(number);
            from = m.end();
        }
        return out.append(xhtml, from, xhtml.length()).toString();
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void shippedTemplatesAreNumberedAsByThePattern(ContractType type) {
        Contract c = SampleContracts.contract(type);
        var model = DocumentModels.of(c, SampleContracts.customer(), SampleContracts.ourEntity());
        String xhtml = new TemplateEngine().render(DefaultTemplates.body(type), model);
        String numbered = Renderer.number(xhtml);
        assertThat(numbered).isEqualTo(byPattern(xhtml)).contains("第一条　").contains("1.1　");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<", "<p", "<h2", "<p class=\"clause\"", "<p class=\"clause>", "<p\tclass=\"clause\">x",
            "<h2 class=\"article\"><p class=\"clause\">a</p><p\nclass=\"x clause y\" id=\"q\">b</p>",
            "<p class=\"clause\">before any article</p><h2 class=\"article\">A</h2>",
            "<h2class=\"article\">no space</h2><h2 class=\"article\">ok</h2><pre class=\"clause\">pre</pre>",
            "<h2  \r\n class=\"article big\" data-x=\">\">t</h2><p class=\"clause\"><p class=\"clause\"/>",
            "<<h2 class=\"article\">", "<p class=\"\">", "<h2 class=\"articles\">x</h2><h3 class=\"article\">",
            "<p class=\"clause\" <h2 class=\"article\">>", "<h2 class='article'>single quotes</h2>",
            "<p class=\"clause\" unterminated", "text < 3 and <p class=\"clause\">x</p>"})
    void edgeCasesAreNumberedAsByThePattern(String xhtml) {
        assertThat(Renderer.number(xhtml)).isEqualTo(byPattern(xhtml));
    }

    @Test
    void randomMarkupIsNumberedAsByThePattern() {
        String[] pieces = {"<", ">", "h2", "p", " ", "\t", "\n", "class=\"", "\"", "article", "clause", " ", "x", "=",
                "<h2 class=\"article\">", "<p class=\"clause\">", "</p>", "第", "/>"};
        var random = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            var text = new StringBuilder();
            int n = random.nextInt(30);
            for (int j = 0; j < n; j++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String xhtml = text.toString();
            assertThat(Renderer.number(xhtml)).as(xhtml).isEqualTo(byPattern(xhtml));
        }
    }
}
