package io.qiyue.testing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/** The message bundles as the application reads them (UTF-8), for tests that hold the code to its words. */
public final class MessageBundles {
    /** Both languages' bundle of UI words and messages: zh-CN first, then English. */
    public static final List<String> BOTH = List.of("messages.properties", "messages_en.properties");

    private MessageBundles() {
    }

    /** A bundle on the class path, by file name ({@code messages_en.properties}). */
    public static Properties read(String name) {
        var properties = new Properties();
        try (var in = new InputStreamReader(MessageBundles.class.getResourceAsStream("/" + name),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
