package io.qiyue.shared.web;

import io.qiyue.shared.DateBounds;
import io.qiyue.shared.Text;
import io.qiyue.shared.UnrenderableTextException;
import org.springframework.beans.PropertyAccessException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.support.WebBindingInitializer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import java.beans.PropertyEditorSupport;

/**
 * Every text that Spring binds — UI form fields, request parameters ({@code q=}), path variables and
 * headers — passes {@link Text#input}, like every string of a JSON body (see {@link StrictJson}). A form
 * field with a character no document can carry gets its error beside the field; a parameter becomes a 400
 * naming it (ProblemHandler, PageErrors).
 * <p>
 * Applied by the handler adapter's binding initializer, which every binder passes, rather than by an
 * {@code @InitBinder} advice: Spring makes an advice's binder method anew for every request, reading its annotations
 * each time (3% of the CPU of GET by id in a profile, for a request that binds one path variable).
 */
@Configuration(proxyBeanMethods = false)
class TextBinding {

    @Bean
    static BeanPostProcessor checkedTextBinding(
            org.springframework.beans.factory.ObjectProvider<org.springframework.context.MessageSource> messages) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof RequestMappingHandlerAdapter adapter) {
                    WebBindingInitializer configured = adapter.getWebBindingInitializer();
                    adapter.setWebBindingInitializer(binder -> {
                        if (configured != null) {
                            configured.initBinder(binder);
                        }
                        checkText(binder, messages);
                    });
                }
                return bean;
            }
        };
    }

    static void checkText(WebDataBinder binder,
                          org.springframework.beans.factory.ObjectProvider<org.springframework.context.MessageSource> messages) {
        binder.registerCustomEditor(String.class, new CheckedText());
        binder.registerCustomEditor(java.time.LocalDate.class, new BoundedDay());
        binder.setBindingErrorProcessor(new NamedTextErrors(messages));
    }

    /**
     * A form's or a parameter's day as a JSON body's is read ({@link StrictJson}): {@code yyyy-MM-dd} within
     * {@link DateBounds}. A form once stored {@code 0000-01-01} as a payment's due day, and the contract could no
     * longer be read by anyone.
     */
    private static final class BoundedDay extends PropertyEditorSupport {
        @Override
        public void setAsText(String text) {
            String day = Text.input(text);
            if (day == null || day.isBlank()) {
                setValue(null);
                return;
            }
            java.time.LocalDate value;
            try {
                value = java.time.LocalDate.parse(day.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("not a day: " + day, e);
            }
            if (!DateBounds.within(value)) {
                throw new DayOutOfRangeException(value);
            }
            setValue(value);
        }

        @Override
        public String getAsText() {
            Object value = getValue();
            return value == null ? "" : value.toString();
        }
    }

    private static final class DayOutOfRangeException extends IllegalArgumentException {
        private final java.time.LocalDate day;

        DayOutOfRangeException(java.time.LocalDate day) {
            super("day out of range: " + day);
            this.day = day;
        }
    }

    private static final class CheckedText extends PropertyEditorSupport {
        @Override
        public void setAsText(String text) {
            setValue(Text.input(text));
        }

        @Override
        public String getAsText() {
            Object value = getValue();
            return value == null ? "" : value.toString();
        }
    }

    /** The field error of refused text names the character, and shows the text without it for correction. */
    private static final class NamedTextErrors extends DefaultBindingErrorProcessor {
        private final org.springframework.beans.factory.ObjectProvider<org.springframework.context.MessageSource> messages;

        NamedTextErrors(org.springframework.beans.factory.ObjectProvider<org.springframework.context.MessageSource> messages) {
            this.messages = messages;
        }

        @Override
        public void processPropertyAccessException(PropertyAccessException ex, BindingResult bindingResult) {
            if (ex instanceof org.springframework.beans.TypeMismatchException mismatch
                    && mismatch.getRequiredType() != null && mismatch.getRequiredType().isEnum()) {
                // a choice no select offers: named with the choices, as the API names them (not "格式不正确")
                var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
                Object choices = Values.words(messages.getObject(), new Object[]{mismatch.getRequiredType()}, locale)[0];
                bindingResult.addError(new FieldError(bindingResult.getObjectName(), ex.getPropertyName(),
                        ex.getValue(), true, new String[]{"qiyue.json.enum"},
                        new Object[]{String.valueOf(ex.getValue()), choices}, "qiyue.json.enum"));
                return;
            }
            UnrenderableTextException text = null;
            DayOutOfRangeException day = null;
            for (Throwable t = ex; t != null && text == null && day == null; t = t.getCause()) {
                text = t instanceof UnrenderableTextException u ? u : null;
                day = t instanceof DayOutOfRangeException d ? d : null;
            }
            if (day != null) {
                bindingResult.addError(new FieldError(bindingResult.getObjectName(), ex.getPropertyName(),
                        ex.getValue(), true, new String[]{DateBounds.CODE}, DateBounds.args(day.day), DateBounds.CODE));
                return;
            }
            if (text == null) {
                super.processPropertyAccessException(ex, bindingResult);
                return;
            }
            String field = ex.getPropertyName();
            Object typed = ex.getValue();
            String shown = typed instanceof String s ? Text.withoutUnrenderable(s) : null;
            bindingResult.addError(new FieldError(bindingResult.getObjectName(), field, shown, true,
                    new String[]{"qiyue.validation.characters"}, new Object[]{text.characterName()},
                    "qiyue.validation.characters"));
        }

    }
}
