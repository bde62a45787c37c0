package io.qiyue.shared.web;

import io.qiyue.shared.FieldViolation;
import jakarta.validation.Validator;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DirectFieldBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.WebDataBinder;

import java.util.Comparator;
import java.util.List;

/**
 * Helpers for the UI's form-backing objects. Those are plain classes with public fields (binding
 * them through direct field access saves a getter and setter per form field), whose field paths
 * equal the JSON paths of the module's input records, so a {@link FieldViolation} from a service,
 * e.g. {@code terms.service.scope} or {@code contacts[0].mobile}, lands beside the field of the same name.
 */
public final class Forms {
    /** The model name of every form object, so templates and tests can rely on it. */
    public static final String FORM = "form";

    private Forms() {
    }

    /**
     * A day as a form or a query string gives it (yyyy-MM-dd, spaces around it aside): null when blank, a 400 on
     * {@code field} when it is no date.
     */
    public static java.time.LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new io.qiyue.shared.InvalidInputException(field, "qiyue.validation.date");
        }
    }

    /**
     * For {@code @InitBinder(Forms.FORM)}: bind the form's public fields. Called before the form object
     * exists (Spring constructs it after the binder), hence no look at the target.
     */
    public static void directFieldAccess(WebDataBinder binder) {
        binder.initDirectFieldAccess();
    }

    /** Puts a fresh form (no errors yet) into the model, readable by Thymeleaf's {@code th:field}. */
    public static void show(Model model, Object form) {
        model.addAttribute(FORM, form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM, new DirectFieldBindingResult(form, FORM));
    }

    /** The violations of a converted input record, with the same paths the REST API reports. */
    public static List<FieldViolation> validate(Validator validator, Object input) {
        return validator.validate(input).stream()
                .map(v -> new FieldViolation(v.getPropertyPath().toString().replaceAll("\\.<[^>]+>", ""),
                        v.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
    }

    /**
     * Adds each violation to the form's errors: on the field of that path, or the nearest enclosing
     * field the form has (a textarea that holds a list, one item per line, gets the errors of its
     * items), or as a form-wide error when the form has no such field.
     */
    public static void reject(BindingResult result, List<FieldViolation> violations) {
        var accessor = PropertyAccessorFactory.forDirectFieldAccess(result.getTarget());
        for (var v : violations) {
            String field = v.field();
            while (field != null && !readable(accessor, field)) {
                field = parent(field);
            }
            Object[] args = v.args().toArray();
            if (field == null) {
                result.addError(new ObjectError(FORM, new String[]{v.code()}, args, v.code()));
            } else {
                result.addError(new FieldError(FORM, field, accessor.getPropertyValue(field), false,
                        new String[]{v.code()}, args, v.code()));
            }
        }
    }

    /** A form-wide error, e.g. a stale version or a duplicate. */
    public static void reject(BindingResult result, String code, Object... args) {
        result.addError(new ObjectError(FORM, new String[]{code}, args, code));
    }

    private static boolean readable(org.springframework.beans.ConfigurablePropertyAccessor accessor, String field) {
        try {
            // reading as well, since a path into a JDK type ("amount.value" where the form keeps the
            // amount as text) looks readable by field but cannot be accessed
            if (!accessor.isReadableProperty(field)) {
                return false;
            }
            accessor.getPropertyValue(field);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? null : path.substring(0, cut);
    }
}
