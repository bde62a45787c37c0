package io.qiyue.template;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Xhtml#collapseSpaces} collapses white space by hand; it must do what the pattern it replaced did. */
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
}
