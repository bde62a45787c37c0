package io.qiyue.shared.web;

import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.UnrenderableTextException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every value of a JSON body that cannot be bound, not only the first. Jackson stops at the first ("method":
 * "FIGHT"), and a client fixing one field per round trip would learn of a blank title and a bad date only after it.
 * The body read for a handler is kept (bodies are at most {@link RequestSizeLimit}'s size) with the type it was
 * read as; when binding fails, {@link #besides} binds it again without each value found wrong, until it binds,
 * and then checks the rest's constraints, so that one answer names every field Jackson and Bean Validation can.
 * Rules between fields belong to the modules and run once the body binds.
 */
@ControllerAdvice
final class BodyErrors extends RequestBodyAdviceAdapter {
    private static final String BODY = BodyErrors.class.getName() + ".body";
    /** Enough for any form; a body with more wrong values than this is answered with these. */
    private static final int MAX_ERRORS = 50;

    private record ReadBody(byte[] bytes, Type type) {
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJacksonHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] bytes = input.getBody().readAllBytes();
        var attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(BODY, new ReadBody(bytes, targetType), RequestAttributes.SCOPE_REQUEST);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    /**
     * What the request's body is about, from the type it is read into ({@code ReceiptInput}: {@code receipt}), for
     * {@link FieldLabels} to label its fields as that subject's: a receipt's {@code amount} is 收款金额, not the
     * contract's 合同金额. Null when no JSON body was read.
     */
    static String subject(HttpServletRequest request) {
        if (!(request.getAttribute(BODY) instanceof ReadBody body)) {
            return null;
        }
        String name = tools.jackson.databind.type.TypeFactory.rawClass(body.type()).getSimpleName();
        if (name.endsWith("Input")) {
            name = name.substring(0, name.length() - "Input".length());
        }
        return name.isEmpty() ? null : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * The violations of the request's body other than the one at {@code reported}, which Jackson found first;
     * empty when the body was not kept or is not a JSON object.
     */
    static List<FieldViolation> besides(HttpServletRequest request, String reported, JsonMapper json,
                                        Validator validator) {
        return besides(request, reported, json, validator, null);
    }

    /**
     * The same, where the rest is checked by {@code rules} (the module's {@link BodyRules} of the body's type, its
     * fields' constraints included) when it gives an answer, else by the fields' constraints alone.
     */
    static List<FieldViolation> besides(HttpServletRequest request, String reported, JsonMapper json,
                                        Validator validator,
                                        java.util.function.Function<Object, List<FieldViolation>> rules) {
        if (!(request.getAttribute(BODY) instanceof ReadBody body) || "body".equals(reported)) {
            return List.of();
        }
        JsonNode tree;
        try {
            tree = json.readTree(body.bytes());
        } catch (JacksonException e) {
            return List.of();
        }
        if (!(tree instanceof ObjectNode) || !remove(tree, reported)) {
            return List.of();
        }
        Set<String> removed = new LinkedHashSet<>(List.of(reported));
        // lists an item was taken out of: what is found in them later has been renumbered
        Set<String> renumbered = new LinkedHashSet<>();
        if (reported.endsWith("]")) {
            renumbered.add(reported.substring(0, reported.lastIndexOf('[')));
        }
        var found = new ArrayList<FieldViolation>();
        var type = json.constructType(body.type());
        while (found.size() < MAX_ERRORS) {
            Object value;
            try {
                value = json.readerFor(type).readValue(tree);
            } catch (JacksonException e) {
                var violation = violation(e);
                // a value that cannot be taken out, or one met again, ends the search: the violations found so
                // far are certain
                boolean moved = violation != null
                        && renumbered.stream().anyMatch(l -> violation.field().startsWith(l + "["));
                if (violation == null || moved || removed.contains(violation.field())
                        || !remove(tree, violation.field())) {
                    if (violation != null && !moved && !removed.contains(violation.field())) {
                        found.add(violation);
                    }
                    return found;
                }
                removed.add(violation.field());
                if (violation.field().endsWith("]")) {
                    renumbered.add(violation.field().substring(0, violation.field().lastIndexOf('[')));
                }
                found.add(violation);
                continue;
            }
            List<FieldViolation> rest = value == null || rules == null ? null : rules.apply(value);
            if (rest == null && validator != null && value != null) {
                rest = FieldViolation.of(validator.validate(value));
            }
            for (var v : rest == null ? List.<FieldViolation>of() : rest) {
                if (!within(v, removed)) {
                    found.add(v);
                }
            }
            return found;
        }
        return found;
    }

    /**
     * Whether a violation found once the values at {@code removed} were taken out is about one of them (their
     * value is missing now, not wrong) or about an item of a list one of them was taken from (renumbered since).
     */
    static boolean within(FieldViolation v, java.util.Collection<String> removed) {
        for (String r : removed) {
            if (v.field().equals(r) || v.field().startsWith(r + ".") || v.field().startsWith(r + "[")) {
                return true;
            }
            if (r.endsWith("]") && v.field().startsWith(r.substring(0, r.lastIndexOf('[')) + "[")) {
                return true;
            }
        }
        return false;
    }

    private static FieldViolation violation(JacksonException e) {
        String field = JsonInput.path(e);
        if ("body".equals(field)) {
            return null;
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new FieldViolation(field, "qiyue.json.unknown-field", unknown.getPropertyName());
        }
        if (e.getCause() instanceof UnrenderableTextException text) {
            return new FieldViolation(field, "qiyue.validation.characters", text.characterName());
        }
        if (e instanceof tools.jackson.databind.exc.InvalidFormatException format) {
            return JsonInput.formatViolation(format);
        }
        return JsonInput.violation(e);
    }

    /**
     * Takes the member at a path such as {@code terms.dispute.method}, or a list's item such as
     * {@code terms.maintenance.methods[1]}, out of the tree (the list's later items move up one: {@link #besides}
     * then trusts nothing more it finds in that list); false when there is nothing at the path.
     */
    static boolean remove(JsonNode tree, String path) {
        if (path.endsWith("]")) {
            int bracket = path.lastIndexOf('[');
            int index;
            try {
                index = Integer.parseInt(path.substring(bracket + 1, path.length() - 1));
            } catch (NumberFormatException e) {
                return false;
            }
            JsonNode list = at(tree, path.substring(0, bracket));
            if (list instanceof tools.jackson.databind.node.ArrayNode array && index < array.size()) {
                array.remove(index);
                return true;
            }
            return false;
        }
        int dot = path.lastIndexOf('.');
        String parentPath = dot < 0 ? "" : path.substring(0, dot);
        String name = path.substring(dot + 1);
        JsonNode parent = at(tree, parentPath);
        return parent instanceof ObjectNode object && object.remove(name) != null;
    }

    /** The node at a path such as {@code terms.payment.schedule[0]}; null when there is none. */
    private static JsonNode at(JsonNode tree, String parentPath) {
        JsonNode parent = tree;
        if (!parentPath.isEmpty()) {
            for (String step : parentPath.split("\\.")) {
                String member = step;
                List<Integer> indexes = new ArrayList<>();
                int bracket = step.indexOf('[');
                if (bracket >= 0) {
                    member = step.substring(0, bracket);
                    for (String index : step.substring(bracket + 1, step.length() - 1).split("\\]\\[")) {
                        indexes.add(Integer.parseInt(index));
                    }
                }
                parent = parent.get(member);
                for (int index : indexes) {
                    parent = parent == null ? null : parent.get(index);
                }
                if (parent == null) {
                    return null;
                }
            }
        }
        return parent;
    }
}
