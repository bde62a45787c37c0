package io.qiyue.shared.web;

import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.UnrenderableTextException;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.ArrayDeque;
import java.util.Comparator;

/**
 * Turns a JSON tree (e.g. the result of a merge patch) into a validated input record, with the same
 * field-named errors as a request body read by Spring MVC.
 */
public final class JsonInput {
    private JsonInput() {
    }

    public static <T> T read(JsonMapper json, Validator validator, JsonNode tree, Class<T> type) {
        if (tree == null || !tree.isObject()) {
            // a merge patch of null, [], 1 or "x" replaces the whole resource by something that is not one
            throw new InvalidInputException("body", "qiyue.json.object");
        }
        T value;
        try {
            value = json.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(path(e), "qiyue.json.unknown-field", e.getPropertyName());
        } catch (JacksonException e) {
            if (e.getCause() instanceof UnrenderableTextException text) {
                throw new InvalidInputException(path(e), "qiyue.validation.characters", text.characterName());
            }
            throw new InvalidInputException(path(e), "qiyue.json.invalid", e.getOriginalMessage());
        }
        var violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.stream()
                    .map(v -> new FieldViolation(v.getPropertyPath().toString().replaceAll("\\.<[^>]+>", ""), v.getMessage()))
                    .sorted(Comparator.comparing(FieldViolation::field))
                    .toList());
        }
        return value;
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

    /** Bytes that are not UTF-8 inside the JSON text: the client's encoding is wrong, not its JSON. */
    static boolean isEncodingError(StreamReadException e) {
        String message = e.getOriginalMessage();
        return message != null && message.contains("Invalid UTF-8");
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
