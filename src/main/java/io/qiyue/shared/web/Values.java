package io.qiyue.shared.web;

import org.springframework.context.MessageSource;

import java.util.ArrayList;
import java.util.Locale;

/**
 * Message arguments that are values of the program, in the reader's words: an enum constant by its
 * {@code enum.Type.NAME} label (NEGOTIATION_THEN_ARBITRATION → 先协商，协商不成提交仲裁), an enum type by the labels
 * of all its constants, each after its code in quotes, the value an API client sends (the values a field allows:
 * “DRAFT”（草稿）、“IN_APPROVAL”（审批中）…). Anything else is left for the message source, which
 * resolves a {@link org.springframework.context.MessageSourceResolvable} by itself. Used by the problem+json
 * answers and the HTML error pages alike.
 */
final class Values {
    private Values() {
    }

    static Object[] words(MessageSource messages, Object[] args, Locale locale) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Enum<?> constant) {
                out[i] = label(messages, constant, locale);
            } else if (out[i] instanceof Class<?> type && type.isEnum()) {
                var labels = new ArrayList<String>();
                for (Object constant : type.getEnumConstants()) {
                    // the label for the reader, the code for an API client, which sends the code
                    labels.add(messages.getMessage("common.valueWithCode", new Object[]{
                            label(messages, (Enum<?>) constant, locale), ((Enum<?>) constant).name()},
                            locale));
                }
                out[i] = String.join(messages.getMessage("common.listSeparator", null, "、", locale), labels);
            }
        }
        return out;
    }

    /**
     * As {@link #words}, and a resource noun of a problem ({@code qiyue.problem.not-found}'s "obligation") by its
     * {@code resource.noun} label (履约事项), so that no sentence reads 找不到obligation.
     */
    static Object[] nouns(MessageSource messages, Object[] args, Locale locale) {
        Object[] out = words(messages, args, locale);
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof String noun && noun.matches("[a-z][a-z -]*")) {
                out[i] = messages.getMessage("resource." + noun, null, noun, locale);
            }
        }
        return out;
    }

    static String label(MessageSource messages, Enum<?> constant, Locale locale) {
        return messages.getMessage("enum." + constant.getDeclaringClass().getSimpleName() + "." + constant.name(),
                null, constant.name(), locale);
    }
}
