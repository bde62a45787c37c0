package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

import java.util.regex.Pattern;

/**
 * QY-V004: exemption from liability for personal injury, or for property loss caused intentionally or by gross
 * negligence, is void (民法典第506条). The patterns skip negated forms (不得免除, 不因…而免除, 主张其不承担);
 * a sentence that keeps the lawful exemptions — force majeure (第590条) or a carve-out of intent and gross
 * negligence (除故意或重大过失外) — is not reported unless it also exempts personal injury, and one that excepts
 * personal injury from its exemption (但…人身伤害的除外) keeps the liability the law requires. Words between the
 * injury and the exempting verb that keep a liability (承担全部责任，甲方对…不承担) end the match.
 * <p>
 * Two warnings of liability clauses beside it: an exemption from liability for one's own breach (逾期付款的，
 * 不承担任何违约责任; 民法典第577条, and void as a standard term under 第497条) unless the sentence gives a lawful
 * reason (force majeure, the other party's cause, a grace period), and a promise of unlimited liability (承担一切
 * 损失), which the law limits to the foreseeable loss (第584条) unless the sentence sets a cap.
 */
final class V004Exemption implements Rule {
    private static final Pattern INJURY = Pattern.compile("人身伤害|人身损害|人身伤亡|人员伤亡|伤亡|受伤|死亡|人身安全事故");
    private static final Pattern FAULT = Pattern.compile("故意|重大过失");
    private static final Pattern PARTY = Pattern.compile("任何一方|第三方|甲方|乙方|对方|一方");

    private final int[] patterns;
    private final Pattern lawfulContext;
    private final Pattern injuryCarvedOut;
    private final int[] breachExemptions;
    private final Pattern breachLawfulContext;
    private final int[] unlimited;
    private final Pattern capContext;

    V004Exemption(RuleConfig config, TextScanner scanner) {
        // the breach pattern's lazy gaps backtrack at every 逾期, 拒绝 …: half of a ten-page review's pattern time in a
        // clause that exempts nobody
        this.breachExemptions = Texts.register(scanner, config.strings("breachExemptionPatterns"),
                config.strings("breachExemptionRequiredWords"));
        this.breachLawfulContext = Pattern.compile(config.parameter("breachLawfulContext").asString());
        this.unlimited = Texts.register(scanner, config.strings("unlimitedPatterns"));
        this.capContext = Pattern.compile(config.parameter("capContext").asString());
        this.patterns = Texts.register(scanner, config.strings("patterns"), config.strings("requiredWords"));
        this.lawfulContext = Pattern.compile(config.parameter("lawfulContext").asString());
        this.injuryCarvedOut = Pattern.compile(config.parameter("injuryCarvedOut").asString());
    }

    @Override
    public String id() {
        return "QY-V004";
    }

    /**
     * Whether the intent or gross negligence is another party's than the one exempted: 甲方因故意或重大过失导致…，
     * 乙方不承担违约责任 is no exemption of one's own fault (第506条 voids only that).
     */
    private static boolean othersFault(String text, int start, String words) {
        if (!FAULT.matcher(words).lookingAt()) {
            return false;
        }
        String actor = last(text.substring(Texts.sentenceStart(text, start), start));
        // the one exempted is named in the last part before the verb (…的，乙方不承担); without a name there the
        // subject carries on from the start of the sentence, which is the one at fault
        int comma = Math.max(words.lastIndexOf('，'), words.lastIndexOf(','));
        String exempted = last(words.substring(comma + 1));
        return actor != null && exempted != null && !actor.equals(exempted);
    }

    private static String last(String s) {
        var m = PARTY.matcher(s);
        String found = null;
        while (m.find()) {
            found = m.group();
        }
        return found;
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            String text = clause.text();
            var exemptions = new java.util.ArrayList<int[]>();
            for (int[] m : f.scan().merged(ci, breachExemptions)) {
                if (!breachLawfulContext.matcher(Texts.sentence(text, m[0], m[1])).find()) {
                    exemptions.add(m);
                    f.report(Severity.WARNING, clause.id(), new io.qiyue.review.Span(clause.id(), m[0], m[1]),
                            "breachExemption", "breach", text.substring(m[0], m[1]));
                }
            }
            for (int[] m : f.scan().merged(ci, unlimited)) {
                if (!capContext.matcher(Texts.sentence(text, m[0], m[1])).find()) {
                    f.report(Severity.WARNING, clause.id(), new io.qiyue.review.Span(clause.id(), m[0], m[1]),
                            "unlimited", "unlimited", text.substring(m[0], m[1]));
                }
            }
            for (int[] m : f.scan().merged(ci, patterns)) {
                // an exemption for one's own breach said once, as that, not again as an exemption of damage
                if (exemptions.stream().anyMatch(e -> e[0] < m[1] && m[0] < e[1])) {
                    continue;
                }
                String words = text.substring(m[0], m[1]);
                String sentence = Texts.sentence(text, m[0], m[1]);
                if (INJURY.matcher(words).find() ? injuryCarvedOut.matcher(sentence).find()
                        : lawfulContext.matcher(sentence).find() || othersFault(text, m[0], words)) {
                    continue;
                }
                f.reportSpan(Severity.BLOCKER, clause.id(), m[0], m[1], "exemption", words);
            }
        }
    }
}
