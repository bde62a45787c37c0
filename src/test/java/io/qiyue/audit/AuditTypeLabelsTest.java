package io.qiyue.audit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every entity type a module records in the audit trail, and every action, has a label in both languages, so
 * that the audit page never shows {@code ??audit.type.CONTRACT_REVIEW_zh_CN??}. The types are read from the
 * sources: {@code new EntityChanged("TYPE", …)} and the constants such calls name.
 */
class AuditTypeLabelsTest {
    private static final Pattern LITERAL = Pattern.compile("new EntityChanged\\(\\s*\"([A-Z_]+)\"");
    private static final Pattern NAMED = Pattern.compile("new EntityChanged\\(\\s*([A-Z_]+)\\s*,");

    @Test
    void everyAuditedTypeAndActionHasALabelInBothLanguages() throws IOException {
        var types = new TreeSet<String>();
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                LITERAL.matcher(source).results().forEach(m -> types.add(m.group(1)));
                NAMED.matcher(source).results().forEach(m -> {
                    var constant = Pattern.compile("static final String " + m.group(1) + " = \"([A-Z_]+)\"").matcher(source);
                    assertThat(constant.find()).as("the constant %s in %s", m.group(1), file).isTrue();
                    types.add(constant.group(1));
                });
            }
        }
        assertThat(types).contains("CONTRACT", "CUSTOMER", "CONTRACT_REVIEW", "SEAL", "OBLIGATION");
        for (String bundle : io.qiyue.testing.MessageBundles.BOTH) {
            var messages = io.qiyue.testing.MessageBundles.read(bundle);
            assertThat(types).as(bundle).allSatisfy(type -> assertThat(messages).containsKey("audit.type." + type));
            for (var action : io.qiyue.shared.EntityChanged.Action.values()) {
                assertThat(messages).as(bundle).containsKey("audit.action." + action);
            }
        }
    }
}
