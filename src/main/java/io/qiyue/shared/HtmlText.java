package io.qiyue.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field whose text is HTML (a search hit's snippet: escaped text with the matched words in {@code <em>}): a file
 * of the list writes it as the plain text a reader sees, not as markup.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.FIELD})
public @interface HtmlText {
}
