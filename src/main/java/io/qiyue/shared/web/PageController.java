package io.qiyue.shared.web;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Controller;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller of the server-rendered UI. The marker lets {@link PageErrors} answer failures of these
 * controllers with an HTML page, while the REST controllers keep their problem+json answers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {
    @AliasFor(annotation = Controller.class)
    String value() default "";
}
