package io.qiyue.testing;

import org.springframework.context.support.ResourceBundleMessageSource;

/** The shipped message bundles as the application reads them (application.yml's spring.messages), for unit tests. */
public final class ShippedMessages {
    private ShippedMessages() {
    }

    public static ResourceBundleMessageSource source() {
        var source = new ResourceBundleMessageSource();
        source.setBasenames("messages", "errors");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setAlwaysUseMessageFormat(true);
        return source;
    }
}
