package io.qiyue.shared.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A field's name as people read it, from the message bundles: {@code terms.payment.deposit.value} and
 * {@code /terms/payment/deposit} both read 付款条款 › 定金 (Payment › Deposit), {@code schedule[1].amount}
 * 付款计划 › 第 2 项 › 金额. Each segment is looked up as {@code field.<parent>.<segment>} (a name that means
 * something else under that parent, e.g. a recipient's name) and then as {@code field.<segment>}; a
 * segment whose key is empty is silent (the terms are the contract's, not a heading; an amount's value is
 * the amount). A segment without any key stays as it is, so that a missing label shows, and the wording
 * scan fails, instead of being dropped without a word. Templates call it as {@code ${@fieldLabels.of(path)}}.
 */
@Component("fieldLabels")
public class FieldLabels {
    static final String SEPARATOR_KEY = "field.separator";
    private static final Pattern SEGMENTS = Pattern.compile("[./\\[\\]]+");
    private static final Pattern INDEX = Pattern.compile("\\d{1,9}");

    private final MessageSource messages;

    FieldLabels(MessageSource messages) {
        this.messages = messages;
    }

    /** The label path in the current request's language. */
    public String of(String path) {
        return of(path, LocaleContextHolder.getLocale());
    }

    public String of(String path, Locale locale) {
        return of(path, locale, null);
    }

    /**
     * The label path of a field of {@code subject} (null: of the request's main subject): its first segment is
     * looked up as {@code field.<subject>.<segment>} first, as if the subject were its parent.
     */
    public String of(String path, Locale locale, String subject) {
        if (path == null || path.isBlank()) {
            return "";
        }
        var parts = new ArrayList<String>();
        String parent = subject;
        boolean silent = false;
        for (String raw : SEGMENTS.split(path.strip())) {
            if (raw.isEmpty()) {
                continue;
            }
            String segment = raw.replace("~1", "/").replace("~0", "~");
            if (INDEX.matcher(segment).matches()) {
                // the n-th of something unnamed (a document version the page is about) says nothing either
                if (!silent) {
                    parts.add(messages.getMessage("field.item", new Object[]{Integer.parseInt(segment) + 1},
                            "#" + (Integer.parseInt(segment) + 1), locale));
                }
                continue;
            }
            String label = label(parent, segment, locale);
            silent = label.isEmpty();
            if (!silent) {
                parts.add(label);
            }
            parent = segment;
        }
        return join(parts, locale);
    }

    /** "label：message" (zh) or "label: message" (en); the message alone when the path has no words. */
    public String withMessage(String path, String message, Locale locale) {
        return withMessage(path, message, locale, null);
    }

    /** {@link #withMessage(String, String, Locale)} for a field of {@code subject}, as {@link #of(String, Locale, String)}. */
    public String withMessage(String path, String message, Locale locale, String subject) {
        String label = of(path, locale, subject);
        return label.isEmpty() ? message
                : messages.getMessage("field.message", new Object[]{label, message}, label + ": " + message, locale);
    }

    private String label(String parent, String segment, Locale locale) {
        if (parent != null) {
            String qualified = messages.getMessage("field." + parent + "." + segment, null, null, locale);
            if (qualified != null) {
                return qualified;
            }
        }
        return messages.getMessage("field." + segment, null, segment, locale);
    }

    private String join(List<String> parts, Locale locale) {
        return String.join(messages.getMessage(SEPARATOR_KEY, null, " › ", locale), parts);
    }
}
