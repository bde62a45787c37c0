package io.qiyue.review;

import io.qiyue.review.rules.Catalogue;
import io.qiyue.review.rules.Findings;
import io.qiyue.review.rules.Rule;
import io.qiyue.review.rules.RuleConfig;
import io.qiyue.review.rules.TextScanner;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every rule that applies to a contract's type. Pure and thread-safe: no database, no clock (the
 * review date is part of the subject), so the same subject, ruleset version and settings always give the
 * same findings in the same order: by rule id, then path (numeric segments compared as numbers), then span.
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
    private final RuleConfig[] configs;
    private final TextScanner scanner;
    private final MessageSource messages;

    public ReviewEngine(Ruleset ruleset, MessageSource messages) {
        this.ruleset = ruleset;
        var catalogue = Catalogue.of(ruleset::config);
        this.rules = catalogue.rules();
        this.scanner = catalogue.scanner();
        this.configs = rules.stream().map(r -> ruleset.config(r.id())).toArray(RuleConfig[]::new);
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

    /** Which settings this engine applies: 0 for the ruleset's defaults, else a revision of the stored settings. */
    public int settingsRevision() {
        return ruleset.settingsRevision();
    }

    public List<String> ruleIds() {
        return rules.stream().map(Rule::id).toList();
    }

    /** Runs the rules; a rule that throws reports nothing and is recorded in {@link Evaluation#errors()}. */
    public Evaluation evaluate(ReviewSubject subject) {
        var findings = new ArrayList<RawFinding>();
        var errors = new ArrayList<RuleError>();
        var scan = scanner.scan(subject.clauses());
        for (int i = 0; i < configs.length; i++) {
            Rule rule = rules.get(i);
            try {
                if (!rule.appliesTo(subject)) {
                    continue;
                }
                var out = new Findings(configs[i], subject, scan);
                rule.check(subject, out);
                findings.addAll(out.reported());
            } catch (RuntimeException | StackOverflowError e) {
                errors.add(new RuleError(rule.id(), e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            }
        }
        findings.sort(ORDER);
        return new Evaluation(ruleset.version(), ruleset.settingsRevision(), List.copyOf(findings), List.copyOf(errors));
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
            Object[] args = withMoney(f.messageCode(), f.args().toArray());
            String message = messages.getMessage(f.messageCode(), args, f.messageCode(), target);
            String suggestion = messages.getMessage(f.messageCode() + ".suggestion", args, null, target);
            findings.add(new Finding(f.ruleId(), f.severity(), f.path(), f.span(), message,
                    f.citation() == null ? null : f.citation().localised(english), suggestion, Fixes.applicable(f),
                    null));
            switch (f.severity()) {
                case BLOCKER -> blockers++;
                case WARNING -> warnings++;
                case INFO -> infos++;
            }
        }
        return new Review(evaluation.rulesetVersion(), evaluation.settingsRevision(), List.copyOf(findings), blockers,
                warnings, infos, evaluation.errors());
    }

    /**
     * The arguments of a message that are sums of money, by position: a finding keeps them as plain numbers
     * (180000.00, what its acceptance is matched by), its message shows them as money (¥180,000.00).
     */
    private static final Map<String, List<Integer>> MONEY_ARGS = Map.ofEntries(
            Map.entry("review.QY-C008.sum", List.of(0, 1)),
            Map.entry("review.QY-C008.depositOnTop", List.of(0, 1)),
            Map.entry("review.QY-C008.depositOffset", List.of(0, 1)),
            Map.entry("review.QY-L003.mismatch", List.of(1)),
            Map.entry("review.QY-L003.field", List.of(0, 1)),
            Map.entry("review.QY-L003.total", List.of(0, 1)),
            Map.entry("review.QY-L007.fixed", List.of(1)),
            Map.entry("review.QY-L007.capBelow.fixed", List.of(1)),
            Map.entry("review.QY-L007.contradicted.fixed", List.of(1)),
            Map.entry("review.QY-V002.excessive", List.of(0, 1, 2)),
            Map.entry("review.QY-V002.noAmount", List.of(0)));

    static Object[] withMoney(String messageCode, Object[] args) {
        for (int i : MONEY_ARGS.getOrDefault(messageCode, List.of())) {
            if (i < args.length && args[i] instanceof String plain) {
                try {
                    args[i] = io.qiyue.shared.Money.written(io.qiyue.shared.Money.parsePlain(plain));
                } catch (NumberFormatException notANumber) {
                    // an argument of an older ruleset's finding that was not a number stays as it is
                }
            }
        }
        return args;
    }

    /** JSON pointers compared segment by segment, numeric segments as numbers (/items/2 before /items/10). */
    static int comparePointers(String a, String b) {
        int i = 0;
        int j = 0;
        while (true) {
            int ei = a.indexOf('/', i);
            int ej = b.indexOf('/', j);
            if (ei < 0) {
                ei = a.length();
            }
            if (ej < 0) {
                ej = b.length();
            }
            int c;
            int li = ei - i;
            int lj = ej - j;
            if (isNumber(a, i, ei) && isNumber(b, j, ej) && li != lj) {
                c = li - lj;
            } else {
                c = compareSegments(a, i, ei, b, j, ej);
            }
            if (c != 0) {
                return c;
            }
            boolean endA = ei == a.length();
            boolean endB = ej == b.length();
            if (endA || endB) {
                return endA == endB ? 0 : endA ? -1 : 1;
            }
            i = ei + 1;
            j = ej + 1;
        }
    }

    private static int compareSegments(String a, int i, int ei, String b, int j, int ej) {
        int n = Math.min(ei - i, ej - j);
        for (int k = 0; k < n; k++) {
            char x = a.charAt(i + k);
            char y = b.charAt(j + k);
            if (x != y) {
                return x - y;
            }
        }
        return (ei - i) - (ej - j);
    }

    private static boolean isNumber(String s, int from, int to) {
        if (to == from || to - from > 9) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }
}
