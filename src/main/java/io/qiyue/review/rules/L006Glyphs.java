package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import io.qiyue.shared.CjkFonts;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * QY-L006: the contract's PDF can print every character of its own text. Its font (Noto Sans SC) lacks the rarest
 * Han characters (CJK Extension B and later, found in personal and place names) and emoji, and the PDF shows '#'
 * for each: a party named 刘䶮𡘙 would sign a PDF that names 刘䶮#. The Word document and the pages show them. The
 * title, both parties' names and addresses and the structured terms are checked; an uploaded document is printed
 * by its authors, not by us.
 */
final class L006Glyphs implements Rule {
    /** At most this many characters are named in one finding. */
    private static final int NAMED = 5;

    @Override
    public String id() {
        return "QY-L006";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        check(f, "/title", s.contract().title());
        if (s.customer() != null) {
            check(f, "/customerId", s.customer().name(), s.customer().address());
        }
        if (s.ourEntity() != null) {
            check(f, "/ourEntityId", s.ourEntity().name(), s.ourEntity().address());
        }
        if (s.clauses().equals(ReviewSubject.clausesOf(s.terms()))) {
            s.clauses().forEach(clause -> check(f, clause.id(), clause.text()));
        }
    }

    private static void check(Findings f, String path, String... texts) {
        Set<String> missing = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isISOControl(c)
                            && Character.getType(c) != Character.FORMAT && !CjkFonts.draws(c))
                    .limit(NAMED).forEach(c -> missing.add(Character.toString(c)));
        }
        if (!missing.isEmpty()) {
            f.report(Severity.WARNING, path, "missing", String.join("", missing.stream().limit(NAMED).toList()));
        }
    }
}
