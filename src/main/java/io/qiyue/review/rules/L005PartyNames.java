package io.qiyue.review.rules;

import io.qiyue.customer.ContractParty;
import io.qiyue.customer.CustomerKind;
import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** QY-L005: organisation names written in the text that nearly match a party are its registered name. */
final class L005PartyNames implements Rule {
    @Override
    public String id() {
        return "QY-L005";
    }

    private final Pattern names;
    private final double maxEditRatio;

    L005PartyNames(RuleConfig config) {
        var suffixes = new ArrayList<>(config.strings("organisationSuffixes"));
        suffixes.sort((a, b) -> b.length() - a.length());
        this.names = Pattern.compile("[\\p{IsHan}A-Za-z0-9（）()]{2,60}?(?:"
                + String.join("|", suffixes.stream().map(Pattern::quote).toList()) + ")");
        this.maxEditRatio = config.decimal("maxEditRatio").doubleValue();
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var registered = new ArrayList<String>();
        for (ContractParty p : new ContractParty[]{s.customer(), s.ourEntity()}) {
            if (p != null && p.kind() == CustomerKind.ORGANIZATION && !Texts.blank(p.name())) {
                registered.add(normalise(p.name().strip()));
            }
        }
        if (registered.isEmpty()) {
            return;
        }
        for (Clause clause : s.clauses()) {
            Matcher m = names.matcher(clause.text());
            while (m.find()) {
                check(clause, m.start(), normalise(m.group()), registered, f);
            }
        }
    }

    private void check(Clause clause, int offset, String written, List<String> registered, Findings f) {
        int bestDistance = Integer.MAX_VALUE;
        int bestLength = 0;
        String bestName = null;
        for (String name : registered) {
            if (written.endsWith(name)) {
                return;
            }
            int allowed = Math.max(1, (int) Math.floor(name.length() * maxEditRatio));
            for (int len = Math.max(2, name.length() - allowed); len <= Math.min(written.length(), name.length() + allowed); len++) {
                int d = distance(written.substring(written.length() - len), name);
                if (d <= allowed && (d < bestDistance || (d == bestDistance && Math.abs(len - name.length())
                        < Math.abs(bestLength - bestName.length())))) {
                    bestDistance = d;
                    bestLength = len;
                    bestName = name;
                }
            }
        }
        if (bestName != null) {
            int end = offset + written.length();
            int start = end - bestLength;
            f.reportSpan(Severity.WARNING, clause.id(), start, end, "mismatch",
                    clause.text().substring(start, end), bestName);
        }
    }

    /** Full-width and half-width brackets are the same name. */
    private static String normalise(String s) {
        return s.replace('（', '(').replace('）', ')');
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
