package io.qiyue.importing;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link Reason}s as stored (a small JSON: {@code {"c": code, "a": [args]}}, an argument a string, a whole number,
 * {@code {"d": "12.50"}} for a decimal, a reason, {@code {"l": [items]}} for a listing or {@code {"n": name, "v":
 * [value]}} for a named one) and in the words of a
 * language.
 */
@Component
class Reasons {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MessageSource messages;
    private final JsonMapper json;

    Reasons(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    String words(Reason reason, Locale locale) {
        if (reason.args().stream().anyMatch(Reason.Named.class::isInstance)) {
            // a constraint's message: its names filled in ('{max}' in the bundles, for MessageFormat to leave alone)
            String text = messages.getMessage(reason.code(), new Object[0], reason.code(), locale);
            for (var arg : reason.args()) {
                if (arg instanceof Reason.Named named) {
                    text = text.replace("{" + named.name() + "}", String.valueOf(resolved(named.value(), locale)));
                }
            }
            return text;
        }
        var args = reason.args().stream().map(arg -> resolved(arg, locale)).toArray();
        return messages.getMessage(reason.code(), args, reason.code(), locale);
    }

    private Object resolved(Object arg, Locale locale) {
        if (arg instanceof Reason nested) {
            return words(nested, locale);
        }
        if (arg instanceof Reason.Listing listing) {
            String separator = "zh".equals(locale.getLanguage()) ? "、" : ", ";
            return String.join(separator, listing.items().stream().map(item -> String.valueOf(resolved(item, locale)))
                    .toList());
        }
        return arg;
    }

    String stored(Reason reason) {
        return json.writeValueAsString(node(reason));
    }

    /** A stored reason; null for null (rows written before reasons were kept). */
    Reason read(String stored) {
        return stored == null || stored.isBlank() ? null : reason(json.readTree(stored));
    }

    private static ObjectNode node(Reason reason) {
        var node = NODES.objectNode();
        node.put("c", reason.code());
        var args = node.putArray("a");
        reason.args().forEach(arg -> add(args, arg));
        return node;
    }

    private static void add(ArrayNode array, Object arg) {
        switch (arg) {
            case Reason nested -> array.add(node(nested));
            case Reason.Named named -> {
                var item = array.addObject();
                item.put("n", named.name());
                add(item.putArray("v"), named.value());
            }
            case Reason.Listing listing -> {
                var items = array.addObject().putArray("l");
                listing.items().forEach(item -> add(items, item));
            }
            case Integer i -> array.add(i.longValue());
            case Long l -> array.add(l);
            case Short s -> array.add(s.longValue());
            case Byte b -> array.add(b.longValue());
            // as text: a JSON number is read back as a double, which loses the scale (12.50) and digits beyond 17
            case java.math.BigInteger b -> array.addObject().put("d", b.toString());
            case BigDecimal d -> array.addObject().put("d", d.toPlainString());
            default -> array.add(String.valueOf(arg));
        }
    }

    private static Reason reason(JsonNode node) {
        var args = new ArrayList<>();
        node.path("a").forEach(arg -> args.add(argument(arg)));
        return new Reason(node.path("c").asString(), args);
    }

    private static Object argument(JsonNode arg) {
        if (arg.isObject() && arg.has("n")) {
            return new Reason.Named(arg.get("n").asString(), argument(arg.path("v").path(0)));
        }
        if (arg.isObject() && arg.has("l")) {
            List<Object> items = new ArrayList<>();
            arg.get("l").forEach(item -> items.add(argument(item)));
            return new Reason.Listing(items);
        }
        if (arg.isObject() && arg.has("d")) {
            return new BigDecimal(arg.get("d").asString());
        }
        if (arg.isObject()) {
            return reason(arg);
        }
        if (arg.isIntegralNumber()) {
            return arg.longValue();
        }
        if (arg.isNumber()) {
            return arg.decimalValue();
        }
        return arg.asString();
    }
}
