package io.qiyue.importing;

import org.springframework.context.MessageSourceResolvable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Why a row or a file was refused, kept as a message code with its arguments and put in words only when someone
 * reads it: an import started by a Chinese-speaking colleague reads in English for an English-speaking
 * administrator, and its failed-rows file is in one language throughout (an outside tester found both mixed).
 * An argument is a text or a number as the file or a module gave it, a {@code Reason} of its own (a label such as
 * an enum's, in the reader's words too) or a {@link Listing} of them.
 */
record Reason(String code, List<Object> args) {

    Reason {
        args = List.copyOf(args);
    }

    /** A reason with its arguments: numbers stay numbers (formatted for the reader), labels stay labels, the rest is text. */
    static Reason of(String code, Object... args) {
        return new Reason(code, Arrays.stream(args).map(Reason::argument).toList());
    }

    /** A label of the bundles (an enum's value, a column's name) without arguments. */
    static Reason label(String code) {
        return new Reason(code, List.of());
    }

    /**
     * A named argument, for a constraint's message written with names ({@code 长度不能超过 {max}}): a reason with
     * one is worded by putting each value in place of its name, as Bean Validation would have.
     */
    record Named(String name, Object value) {
        Named {
            value = argument(value);
        }
    }

    /** Several arguments read as one enumeration (甲、乙、丙 / a, b, c). */
    record Listing(List<Object> items) {
        Listing {
            items = items.stream().map(Reason::argument).toList();
        }
    }

    static Object argument(Object arg) {
        if (arg instanceof Reason || arg instanceof Listing || arg instanceof Named || arg instanceof String) {
            return arg;
        }
        if (arg instanceof Number number) {
            return number instanceof Integer || number instanceof Long || number instanceof Short
                    || number instanceof Byte || number instanceof java.math.BigDecimal
                    || number instanceof java.math.BigInteger ? number : new java.math.BigDecimal(number.toString());
        }
        if (arg instanceof MessageSourceResolvable resolvable && resolvable.getCodes() != null
                && resolvable.getCodes().length > 0) {
            var nested = resolvable.getArguments() == null ? new ArrayList<>() : Arrays.asList(resolvable.getArguments());
            return Reason.of(resolvable.getCodes()[0], nested.toArray());
        }
        return String.valueOf(arg);
    }
}
