package io.qiyue.review;

import io.qiyue.review.rules.Catalogue;
import io.qiyue.review.rules.Findings;
import io.qiyue.review.rules.Rule;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Runs every rule that applies to a contract's type. Pure and thread-safe: no database, no clock (the
 * review date is part of the subject), so the same subject and ruleset always give the same findings in
 * the same order: by rule id, then path (numeric segments compared as numbers), then span.
 */
public final class ReviewEngine {
    static final Comparator<RawFinding> ORDER = Comparator.comparing(RawFinding::ruleId)
            .thenComparing(RawFinding::path, ReviewEngine::comparePointers)
            .thenComparing(RawFinding::span, Comparator.nullsFirst(Comparator.comparing(Span::clauseId,
                    ReviewEngine::comparePointers).thenComparingInt(Span::start).thenComparingInt(Span::end)))
            .thenComparing(RawFinding::messageCode)
            .thenComparing(f -> String.join("\u0000", f.args()));

    private final Ruleset ruleset;
    private final List<Rule> rules;
    private final MessageSource messages;

    public ReviewEngine(Ruleset ruleset, MessageSource messages) {
        this.ruleset = ruleset;
        this.rules = Catalogue.create(ruleset::config);
        this.messages = messages;
    }

    /** The shipped ruleset with default settings and the shipped messages. */
    public static ReviewEngine standard() {
        return new ReviewEngine(Ruleset.standard(), defaultMessages());
    }

    /** The review messages ({@code review/messages.properties}, zh-CN; {@code _en}). */
    public static MessageSource defaultMessages() {
        var source = new ResourceBundleMessageSource();
        source.setBasename("review/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    public String rulesetVersion() {
        return ruleset.version();
    }

    public List<String> ruleIds() {
        return rules.stream().map(Rule::id).toList();
    }

    /** Runs the rules; a rule that throws reports nothing and is recorded in {@link Evaluation#errors()}. */
    public Evaluation evaluate(ReviewSubject subject) {
        var findings = new ArrayList<RawFinding>();
        var errors = new ArrayList<RuleError>();
        for (Rule rule : rules) {
            try {
                if (!rule.appliesTo(subject)) {
                    continue;
                }
                var out = new Findings(ruleset.config(rule.id()), subject);
                rule.check(subject, out);
                findings.addAll(out.reported());
            } catch (RuntimeException | StackOverflowError e) {
                errors.add(new RuleError(rule.id(), e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            }
        }
        findings.sort(ORDER);
        return new Evaluation(ruleset.version(), List.copyOf(findings), List.copyOf(errors));
    }

    public Review review(ReviewSubject subject, Locale locale) {
        return localise(evaluate(subject), locale);
    }

    /** The evaluation in a language (zh-CN unless {@code locale} is English). */
    public Review localise(Evaluation evaluation, Locale locale) {
        return localise(evaluation, locale, messages);
    }

    static Review localise(Evaluation evaluation, Locale locale, MessageSource messages) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        Locale target = english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        var findings = new ArrayList<Finding>(evaluation.findings().size());
        int blockers = 0;
        int warnings = 0;
        int infos = 0;
        for (RawFinding f : evaluation.findings()) {
            Object[] args = f.args().toArray();
            String message = messages.getMessage(f.messageCode(), args, f.messageCode(), target);
            String suggestion = messages.getMessage(f.messageCode() + ".suggestion", args, null, target);
            findings.add(new Finding(f.ruleId(), f.severity(), f.path(), f.span(), message,
                    f.citation() == null ? null : f.citation().localised(english), suggestion));
            switch (f.severity()) {
                case BLOCKER -> blockers++;
                case WARNING -> warnings++;
                case INFO -> infos++;
            }
        }
        return new Review(evaluation.rulesetVersion(), List.copyOf(findings), blockers, warnings, infos,
                evaluation.errors());
    }

    /** JSON pointers compared segment by segment, numeric segments as numbers (/items/2 before /items/10). */
    static int comparePointers(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            if (isNumber(x[i]) && isNumber(y[i])) {
                c = x[i].length() != y[i].length() ? x[i].length() - y[i].length() : x[i].compareTo(y[i]);
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return x.length - y.length;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
