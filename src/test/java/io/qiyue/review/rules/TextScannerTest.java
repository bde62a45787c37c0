package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.Ruleset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TextScannerTest {

    @Test
    void firstCharactersOfTheSupportedSyntax() {
        assertThat(TextScanner.firstCharacters(Pattern.compile("若干"))).isEqualTo("若");
        assertThat(TextScanner.firstCharacters(Pattern.compile("(人身伤害|人身损害)[^。]{0,3}不"))).isEqualTo("人人");
        assertThat(TextScanner.firstCharacters(Pattern.compile("(?<=[及和])其他"))).isEqualTo("其");
        assertThat(TextScanner.firstCharacters(Pattern.compile("(?<![平同])等等?"))).isEqualTo("等");
        assertThat(TextScanner.firstCharacters(Pattern.compile("\\Q及时\\E|\\Q随时\\E"))).isEqualTo("及随");
        assertThat(TextScanner.firstCharacters(Pattern.compile("(\\d{4})年|(?<!\\d)(\\d{4})-"))).hasSize(20);
        assertThat(TextScanner.firstCharacters(Pattern.compile("[零壹a-c]{2,}"))).isEqualTo("零壹abc");
        assertThat(TextScanner.firstCharacters(Pattern.compile("(法律)?责任"))).isNull();
        assertThat(TextScanner.firstCharacters(Pattern.compile("\\p{IsHan}+"))).isNull();
        assertThat(TextScanner.firstCharacters(Pattern.compile(".责任"))).isNull();
        assertThat(TextScanner.firstCharacters(Pattern.compile("a|"))).isNull();
        assertThat(TextScanner.firstCharacters(Pattern.compile("a{0,2}b"))).isNull();
        assertThat(TextScanner.firstCharacters(Pattern.compile("a", Pattern.CASE_INSENSITIVE))).isNull();
    }

    /** The scanner gives exactly the matches of a find() loop for every pattern of the shipped ruleset. */
    @Test
    void sameMatchesAsFindForTheRulesetPatternsOverRandomText() {
        var scanner = new TextScanner();
        var patterns = new ArrayList<Pattern>();
        var catalogue = Catalogue.of(Ruleset.standard()::config);
        assertThat(catalogue.rules()).hasSize(42);
        for (String rule : List.of("QY-L002", "QY-V003", "QY-V004", "QY-V005", "QY-V007")) {
            for (String re : Ruleset.standard().config(rule).strings("patterns")) {
                patterns.add(Pattern.compile(re));
            }
        }
        for (String[] list : List.of(new String[]{"QY-V004", "breachExemptionPatterns"},
                new String[]{"QY-V004", "unlimitedPatterns"}, new String[]{"QY-P001", "sharingTextPatterns"},
                new String[]{"QY-P003", "sensitiveTextPatterns"}, new String[]{"QY-P004", "abroadTextPatterns"})) {
            for (String re : Ruleset.standard().config(list[0]).strings(list[1])) {
                patterns.add(Pattern.compile(re));
            }
        }
        patterns.add(Ruleset.standard().config("QY-L001").wordPattern("words"));
        patterns.add(Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日|(?<!\\d)(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)"));
        patterns.add(Pattern.compile("(法律)?责任")); // a pattern scanned without the shortcut
        int[] handles = patterns.stream().mapToInt(scanner::register).toArray();
        scanner.freeze();
        String alphabet = "人身伤害损亡不承担负概责任免除故意重大过失非定金违约并处同时适用且和与及仲裁或者起诉讼民法院若干相关其他等待级"
                + "以为限赔偿总额最高超过间接得要求退款索主张上额时快早合理期一段随年月日2026-01-0159，。；、 ";
        var random = new Random(42);
        var clauses = new ArrayList<Clause>();
        for (int n = 0; n < 400; n++) {
            var sb = new StringBuilder();
            int len = random.nextInt(120);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            clauses.add(new Clause("/c/" + n, sb.toString()));
        }
        var scan = scanner.scan(clauses);
        for (int ci = 0; ci < clauses.size(); ci++) {
            for (int p = 0; p < patterns.size(); p++) {
                var expected = new ArrayList<String>();
                Matcher m = patterns.get(p).matcher(clauses.get(ci).text());
                while (m.find()) {
                    if (m.end() > m.start()) {
                        expected.add(m.start() + "-" + m.end());
                    }
                }
                assertThat(scan.matches(ci, handles[p]).stream().map(a -> a[0] + "-" + a[1]).toList())
                        .as("pattern %s in %s", patterns.get(p), clauses.get(ci).text())
                        .isEqualTo(expected);
            }
        }
    }
}
