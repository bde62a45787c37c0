package io.qiyue.shared.web;

import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.InvalidInputException;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Comparator;

/**
 * Turns a JSON tree (e.g. the result of a merge patch) into a validated input record, with the same
 * field-named errors as a request body read by Spring MVC.
 */
public final class JsonInput {
    private JsonInput() {
    }

    public static <T> T read(JsonMapper json, Validator validator, JsonNode tree, Class<T> type) {
        T value;
        try {
            value = json.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(path(e), "qiyue.json.unknown-field", e.getPropertyName());
        } catch (JacksonException e) {
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
}
