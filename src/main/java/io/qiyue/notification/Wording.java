package io.qiyue.notification;

import org.springframework.context.MessageSource;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Locale;

/**
 * What an in-app notification says, kept as its kind's message arguments rather than as finished text, so that the
 * notification reads in the language of whoever opens it, not of whoever caused it. {@code noted}: the event's detail,
 * argument {@value #DETAIL}, is set below the body ("说明：…") rather than in it. {@code bodyVariant}: which of the
 * kind's bodies says it — {@code notification.kind.RETURNED.body.step} names the step a flow went back to, where the
 * plain body (and every notification written before it had one) does not; null for the plain body.
 * <p>
 * Kept in a column of {@value #STORED_LENGTH} characters: no argument is longer than {@value #ARGUMENT_LENGTH}, which
 * the body (at most {@value #BODY_LENGTH}) would cut anyway, so that even a detail of quotes and line breaks, each
 * written as two characters in JSON, fits beside the title.
 */
record Wording(List<String> args, boolean noted, String bodyVariant) {
    static final int TITLE_LENGTH = 500;
    static final int BODY_LENGTH = 2000;
    static final int DETAIL = 3;
    static final int STORED_LENGTH = 4000;
    static final int ARGUMENT_LENGTH = 1000;

    Wording {
        args = args == null ? null : args.stream().map(a -> a == null ? "" : cut(a, ARGUMENT_LENGTH)).toList();
    }

    /** The wording of these arguments, a missing one as empty, by the kind's plain body. */
    static Wording of(boolean noted, String... args) {
        return new Wording(java.util.Arrays.asList(args), noted, null);
    }

    /** The same, said by the body {@code notification.kind.<kind>.body.<variant>} (the plain one for null). */
    Wording in(String variant) {
        return new Wording(args, noted, variant);
    }

    String title(EventKind kind, MessageSource messages, Locale locale) {
        return cut(text(kind, "title", messages, locale), TITLE_LENGTH);
    }

    String body(EventKind kind, MessageSource messages, Locale locale) {
        String body = text(kind, bodyVariant == null ? "body" : "body." + bodyVariant, messages, locale);
        if (noted) {
            body = body + messages.getMessage("notification.detail", new Object[]{args.get(DETAIL)}, locale);
        }
        return cut(body, BODY_LENGTH);
    }

    private String text(EventKind kind, String part, MessageSource messages, Locale locale) {
        return messages.getMessage("notification.kind." + kind.name() + "." + part, args.toArray(), locale);
    }

    String toJson(JsonMapper json) {
        return json.writeValueAsString(this);
    }

    /** The stored wording; null for a notification written before wordings were kept, or one not readable. */
    static Wording fromJson(JsonMapper json, String stored) {
        if (stored == null) {
            return null;
        }
        try {
            var wording = json.readValue(stored, Wording.class);
            return wording.args() == null ? null : wording;
        } catch (tools.jackson.core.JacksonException unreadable) {
            return null;
        }
    }

    /** At most {@code max} characters, an ellipsis marking a cut: every text of a notification is held to its column. */
    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
