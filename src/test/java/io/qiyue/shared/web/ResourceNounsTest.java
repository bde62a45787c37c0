package io.qiyue.shared.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of record a 404 names is a word in both languages ("找不到会话", not "找不到session"). */
class ResourceNounsTest {
    private static final Pattern NOT_FOUND = Pattern.compile("\"qiyue\\.problem\\.not-found\",\\s*\"([^\"]+)\"");

    @Test
    void everyNounOfANotFoundHasItsWords() throws IOException {
        var nouns = new TreeSet<String>();
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                NOT_FOUND.matcher(Files.readString(file)).results().forEach(m -> nouns.add(m.group(1)));
            }
        }
        assertThat(nouns).isNotEmpty();
        for (String bundle : io.qiyue.testing.MessageBundles.BOTH) {
            var words = io.qiyue.testing.MessageBundles.read(bundle);
            for (String noun : nouns) {
                assertThat(noun).as("a noun Values.nouns looks up").matches("[a-z][a-z -]*");
                assertThat(words.getProperty("resource." + noun)).as("resource.%s in %s", noun, bundle).isNotBlank();
            }
        }
    }
}
