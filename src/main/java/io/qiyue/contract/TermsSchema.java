package io.qiyue.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.qiyue.shared.Money;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The JSON Schema (2020-12) of a type's {@code terms}, derived from the term records and their
 * validation annotations, so that the schema and the server's checks cannot drift apart.
 */
public final class TermsSchema {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TermsSchema() {
    }

    /** The schema, titled in the reader's language (an English reader saw 客户服务合同 terms). */
    public static ObjectNode of(ContractType type, boolean english) {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", english ? type.nameEn() + " terms" : type.nameZh() + "条款");
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        for (RecordComponent c : ContractTerms.class.getRecordComponents()) {
            if (type.allows(c.getName())) {
                properties.set(c.getName(), component(c));
            }
        }
        return schema;
    }

    private static ObjectNode component(RecordComponent c) {
        return forType(c.getAnnotatedType(), c.getAccessor());
    }

    private static ObjectNode forType(AnnotatedType annotated, AnnotatedElement declaration) {
        Class<?> raw = rawClass(annotated);
        ObjectNode node = NODES.objectNode();
        if (raw == String.class) {
            node.put("type", "string");
            Size size = find(annotated, declaration, Size.class);
            if (size != null) {
                if (size.min() > 0) {
                    node.put("minLength", size.min());
                }
                node.put("maxLength", size.max());
            }
            if (find(annotated, declaration, NotBlank.class) != null) {
                node.put("minLength", 1);
            }
        } else if (raw == Integer.class || raw == int.class) {
            node.put("type", "integer");
            Min min = find(annotated, declaration, Min.class);
            Max max = find(annotated, declaration, Max.class);
            if (min != null) {
                node.put("minimum", min.value());
            }
            if (max != null) {
                node.put("maximum", max.value());
            }
        } else if (raw == Boolean.class || raw == boolean.class) {
            node.put("type", "boolean");
        } else if (raw == BigDecimal.class) {
            node.put("type", "string");
            node.put("pattern", "^\\d+(\\.\\d+)?$");
            DecimalMin min = find(annotated, declaration, DecimalMin.class);
            if (min != null) {
                node.put("description", "decimal string, minimum " + min.value());
            }
        } else if (raw == LocalDate.class) {
            node.put("type", "string");
            node.put("format", "date");
        } else if (raw.isEnum()) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
        } else if (List.class.isAssignableFrom(raw)) {
            node.put("type", "array");
            Size size = find(annotated, declaration, Size.class);
            if (size != null) {
                node.put("maxItems", size.max());
            }
            if (annotated instanceof AnnotatedParameterizedType parameterized) {
                node.set("items", forType(parameterized.getAnnotatedActualTypeArguments()[0], null));
            }
        } else if (raw.isRecord()) {
            node.put("type", "object");
            node.put("additionalProperties", false);
            ObjectNode properties = node.putObject("properties");
            ArrayNode required = NODES.arrayNode();
            for (RecordComponent c : raw.getRecordComponents()) {
                ObjectNode property = component(c);
                if (raw == Money.class && c.getName().equals("value")) {
                    property.put("pattern", "^\\d{1,15}(\\.\\d{1,2})?$");
                }
                if (raw == Money.class && c.getName().equals("currency")) {
                    property.putArray("enum").add(Money.CNY);
                }
                properties.set(c.getName(), property);
                if (c.getAccessor().isAnnotationPresent(NotNull.class) || c.getAccessor().isAnnotationPresent(NotBlank.class)
                        || c.getAnnotatedType().isAnnotationPresent(NotNull.class)) {
                    required.add(c.getName());
                }
            }
            if (!required.isEmpty()) {
                node.set("required", required);
            }
        } else {
            throw new IllegalStateException("no schema mapping for " + raw);
        }
        if (declaration != null && declaration.isAnnotationPresent(JsonFormat.class) && raw == BigDecimal.class) {
            node.put("type", "string");
        }
        return node;
    }

    private static <A extends java.lang.annotation.Annotation> A find(AnnotatedType type, AnnotatedElement declaration,
                                                                       Class<A> annotation) {
        A onType = type.getAnnotation(annotation);
        if (onType != null) {
            return onType;
        }
        return declaration == null ? null : declaration.getAnnotation(annotation);
    }

    private static Class<?> rawClass(AnnotatedType annotated) {
        var type = annotated.getType();
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported type " + type);
    }
}
