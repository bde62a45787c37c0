package io.qiyue.review.rules;

import io.qiyue.customer.ContractParty;
import io.qiyue.customer.CustomerKind;
import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.ArrayList;
import java.util.List;

/** QY-L005: organisation names written in the text that nearly match a party are its registered name. */
final class L005PartyNames implements Rule {
    @Override
    public String id() {
        return "QY-L005";
    }

    private static final int MAX_NAME = 60;
    private final List<String> suffixes;
    private final double maxEditRatio;

    L005PartyNames(RuleConfig config) {
        this.suffixes = List.copyOf(config.strings("organisationSuffixes"));
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
            String text = clause.text();
            // every end of an organisation suffix, once; the name is the run of name characters before it
            var ends = new java.util.TreeSet<Integer>();
            for (String suffix : suffixes) {
                for (int i = text.indexOf(suffix); i >= 0; i = text.indexOf(suffix, i + 1)) {
                    ends.add(i + suffix.length());
                }
            }
            int previousEnd = 0;
            for (int end : ends) {
                int start = end;
                while (start > previousEnd && end - start < MAX_NAME && nameCharacter(text.charAt(start - 1))) {
                    start--;
                }
                if (end - start >= 4) {
                    check(clause, start, normalise(text.substring(start, end)), registered, f);
                }
                previousEnd = end;
            }
        }
    }

    private static boolean nameCharacter(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN || (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '（' || c == '）' || c == '(' || c == ')';
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
        return io.qiyue.shared.Text.halfWidthBrackets(s);
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
