package io.qiyue.shared.web;

import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.UnrenderableTextException;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a JSON tree (e.g. the result of a merge patch) into a validated input record, with the same
 * field-named errors as a request body read by Spring MVC.
 */
public final class JsonInput {
    private JsonInput() {
    }

    public static <T> T read(JsonMapper json, Validator validator, JsonNode tree, Class<T> type) {
        return read(json, validator, tree, type, null);
    }

    private static <T> T read(JsonMapper json, Validator validator, JsonNode tree, Class<T> type,
                              Function<T, List<FieldViolation>> rules) {
        if (tree == null || !tree.isObject()) {
            // a merge patch of null, [], 1 or "x" replaces the whole resource by something that is not one
            throw new InvalidInputException("body", "qiyue.json.object");
        }
        String hole = nullInArray(tree, "");
        if (hole != null) {
            // a merge patch may put null where a list item belongs ("schedule": [null]): no item is nothing
            throw new InvalidInputException(hole, "qiyue.validation.required");
        }
        T value;
        try {
            value = json.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw new InvalidInputException(everyProblem(json, validator, tree, type, e, rules));
        }
        var violations = validator == null ? List.<FieldViolation>of() : FieldViolation.of(validator.validate(value));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return value;
    }

    /**
     * The problem Jackson found first and those it finds once each field found so far is taken out of the body (at
     * most 20): one request reports every field it has to correct (outside tester: of two fields with control
     * characters, a merge patch named the first only). Once the rest binds, its problems too: those {@code rules}
     * find (the module's, the fields' constraints included), else the fields' constraints (outside tester: an
     * unknown kind hid a bad credit code).
     */
    private static <T> List<FieldViolation> everyProblem(JsonMapper json, Validator validator, JsonNode tree,
                                                         Class<T> type, JacksonException first,
                                                         Function<T, List<FieldViolation>> rules) {
        var violations = new java.util.ArrayList<FieldViolation>();
        var work = tree.deepCopy();
        JacksonException e = first;
        T rest = null;
        while (e != null && violations.size() < 20) {
            var found = problemOf(e);
            if (violations.stream().anyMatch(v -> v.field().equals(found.field()))) {
                break;
            }
            violations.add(found);
            if ("body".equals(found.field()) || !BodyErrors.remove(work, found.field())) {
                break;
            }
            try {
                rest = json.treeToValue(work, type);
                e = null;
            } catch (JacksonException next) {
                e = next;
            }
        }
        if (rest != null) {
            List<FieldViolation> more = rules != null ? rules.apply(rest)
                    : validator != null ? FieldViolation.of(validator.validate(rest)) : List.of();
            var removed = violations.stream().map(FieldViolation::field).toList();
            for (var v : more) {
                if (!BodyErrors.within(v, removed)) {
                    violations.add(v);
                }
            }
        }
        return violations;
    }

    private static FieldViolation problemOf(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new FieldViolation(path(e), "qiyue.json.unknown-field", unknown.getPropertyName());
        }
        if (e.getCause() instanceof UnrenderableTextException text) {
            return new FieldViolation(path(e), "qiyue.validation.characters", text.characterName());
        }
        return violation(e);
    }

    /**
     * A PUT body (or merged PATCH) that may be what GET returned, as spec/api.md allows: a field of the stored
     * representation that the input does not have ({@code id}, {@code number}, {@code status},
     * {@code createdAt}, a name resolved for display …) is ignored when it equals the stored value and a 400
     * naming it when it differs — {@code version} then is a 412, like a stale If-Match; a field neither has
     * stays an unknown field.
     *
     * @param stored the resource as GET answers it to the caller
     */
    public static <T> T readUpdate(JsonMapper json, Validator validator, JsonNode body, Object stored, Class<T> type) {
        return readUpdateChecked(json, validator, body, stored, type, null);
    }

    /**
     * Like {@link #readUpdate(JsonMapper, Validator, JsonNode, Object, Class)}, without the input's own
     * constraints: for a module that checks them together with its rules between fields, so that one
     * request reports every problem.
     */
    public static <T> T readUpdate(JsonMapper json, JsonNode body, Object stored, Class<T> type) {
        return readUpdateChecked(json, null, body, stored, type, null);
    }

    /**
     * Like {@link #readUpdate(JsonMapper, JsonNode, Object, Class)}; when a value of the body cannot be bound, the
     * problems {@code rules} finds in the rest (those a save would be refused for, the fields' own constraints
     * included) are answered with it, so that one request reports every problem.
     */
    public static <T> T readUpdate(JsonMapper json, JsonNode body, Object stored, Class<T> type,
                                   Function<T, List<FieldViolation>> rules) {
        return readUpdateChecked(json, null, body, stored, type, rules);
    }

    private static <T> T readUpdateChecked(JsonMapper json, Validator validator, JsonNode body, Object stored,
                                           Class<T> type, Function<T, List<FieldViolation>> rules) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "qiyue.json.object");
        }
        JsonNode representation = json.valueToTree(stored);
        ObjectNode work = (ObjectNode) body.deepCopy();
        // each pass removes one read-only field, so there are at most as many passes as the body has fields
        while (true) {
            try {
                json.treeToValue(work, type);
            } catch (UnrecognizedPropertyException e) {
                String name = e.getPropertyName();
                JsonNode parentInBody = at(work, e.getPath());
                JsonNode parentStored = at(representation, e.getPath());
                if (!(parentInBody instanceof ObjectNode holder) || parentStored == null || !parentStored.has(name)) {
                    throw new InvalidInputException(path(e), "qiyue.json.unknown-field", name);
                }
                JsonNode kept = parentStored.get(name);
                if (!same(holder.get(name), kept)) {
                    if (name.equals("version") && e.getPath().size() == 1 && kept.isNumber()) {
                        throw new PreconditionFailedException("qiyue.problem.stale", kept.asInt());
                    }
                    if (kept.isNull()) {
                        // "（当前值为 ）" said nothing: the field is computed and has no value yet
                        throw new InvalidInputException(path(e), "qiyue.json.read-only-unset");
                    }
                    throw new InvalidInputException(path(e), "qiyue.json.read-only",
                            kept.isValueNode() ? kept.asString() : kept.toString());
                }
                holder.remove(name);
                continue;
            } catch (JacksonException e) {
                // any other problem of the body is reported by read, with its field
            }
            return read(json, validator, work, type, rules);
        }
    }

    /** The node that holds the field a Jackson path ends with, following the path's names and indexes. */
    private static JsonNode at(JsonNode root, List<JacksonException.Reference> path) {
        JsonNode node = root;
        for (var ref : path.subList(0, Math.max(0, path.size() - 1))) {
            if (node == null) {
                return null;
            }
            node = ref.getPropertyName() != null ? node.get(ref.getPropertyName())
                    : ref.getIndex() >= 0 ? node.get(ref.getIndex()) : null;
        }
        return node;
    }

    /**
     * Equal JSON, where two texts that are the same instant written differently count as equal — to the
     * millisecond, since a create answers its timestamps more precisely than a database keeps them.
     */
    private static boolean same(JsonNode sent, JsonNode kept) {
        if (sent == null || sent.isNull()) {
            return kept == null || kept.isNull();
        }
        if (sent.equals(kept)) {
            return true;
        }
        if (sent.isNumber() && kept != null && kept.isNumber()) {
            // 1e400 reads as an infinite double, which has no decimal value and equals nothing kept
            return finite(sent) && finite(kept) && sent.decimalValue().compareTo(kept.decimalValue()) == 0;
        }
        if (sent.isString() && kept != null && kept.isString()) {
            try {
                return OffsetDateTime.parse(sent.asString()).toInstant().truncatedTo(ChronoUnit.MILLIS)
                        .equals(OffsetDateTime.parse(kept.asString()).toInstant().truncatedTo(ChronoUnit.MILLIS));
            } catch (DateTimeParseException notInstants) {
                return false;
            }
        }
        return false;
    }

    private static boolean finite(JsonNode number) {
        return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
    }

    static String path(JacksonException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    /** The path of the first null item of an array in the tree ({@code terms.payment.schedule[0]}), or null. */
    private static String nullInArray(JsonNode node, String path) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String item = path + "[" + i + "]";
                if (node.get(i).isNull()) {
                    return item;
                }
                String inner = nullInArray(node.get(i), item);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node.isObject()) {
            for (var entry : node.properties()) {
                String inner = nullInArray(entry.getValue(), path.isEmpty() ? entry.getKey() : path + "." + entry.getKey());
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /**
     * What is wrong with a value Jackson could not bind, in words for the client: the type it should have, or
     * the enumeration's values; never Jackson's own message, which names Java classes.
     */
    static io.qiyue.shared.FieldViolation violation(JacksonException e) {
        String field = path(e);
        if (e instanceof tools.jackson.databind.exc.InvalidNullException) {
            return new io.qiyue.shared.FieldViolation(field, "qiyue.validation.required");
        }
        if (e instanceof StrictJson.DateOutOfRangeException range) {
            return io.qiyue.shared.DateBounds.outside(field, (java.time.LocalDate) range.getValue());
        }
        if (e instanceof tools.jackson.databind.exc.MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            if (target.isEnum()) {
                return new io.qiyue.shared.FieldViolation(field, "qiyue.json.enum-values", target);
            }
            return new io.qiyue.shared.FieldViolation(field, "qiyue.json.type", ProblemHandler.typeName(target));
        }
        if (e instanceof StrictJson.ExponentInText) {
            return new io.qiyue.shared.FieldViolation(field, "qiyue.json.decimal-exponent");
        }
        if (e instanceof tools.jackson.core.exc.InputCoercionException range) {
            return new io.qiyue.shared.FieldViolation(field, "qiyue.json.number-range",
                    ProblemHandler.typeName(range.getTargetType()));
        }
        return new io.qiyue.shared.FieldViolation(field, "qiyue.json.invalid-value");
    }

    /** A value of the wrong form: an enumeration's unknown value, or a date or number it cannot be, with the value. */
    static io.qiyue.shared.FieldViolation formatViolation(tools.jackson.databind.exc.InvalidFormatException format) {
        if (format instanceof RefusedValueException refused) {
            return new io.qiyue.shared.FieldViolation(path(format), refused.code());
        }
        Class<?> target = format.getTargetType();
        if (target != null && target.isEnum()) {
            return new io.qiyue.shared.FieldViolation(path(format), "qiyue.json.enum", String.valueOf(format.getValue()),
                    target);
        }
        return new io.qiyue.shared.FieldViolation(path(format), "qiyue.json.format", String.valueOf(format.getValue()),
                ProblemHandler.typeName(target));
    }

    /** Bytes that are not UTF-8 inside the JSON text: the client's encoding is wrong, not its JSON. */
    static boolean isEncodingError(StreamReadException e) {
        String message = e.getOriginalMessage();
        return message != null && message.contains("Invalid UTF-8");
    }

    /** A field given twice in one object (StreamReadFeature.STRICT_DUPLICATE_DETECTION); the parser stands on it. */
    static boolean isDuplicateField(StreamReadException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Duplicate ");
    }

    /** Where the parser stood when it failed ({@code contacts[0].name}), or {@code body}. */
    static String path(StreamReadException e) {
        JsonParser parser = e.processor();
        var contexts = new ArrayDeque<TokenStreamContext>();
        for (var c = parser == null ? null : parser.streamReadContext(); c != null && !c.inRoot(); c = c.getParent()) {
            contexts.addFirst(c);
        }
        var sb = new StringBuilder();
        for (var c : contexts) {
            if (c.inObject() && c.currentName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(c.currentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                sb.append('[').append(c.getCurrentIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }
}
