package io.qiyue.shared.persistence;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FlywayPlaceholdersTest {

    @Test
    void postgresqlUsesTextAndTimestamp() {
        assertThat(FlywayPlaceholders.placeholdersFor(Database.POSTGRESQL))
                .isEqualTo(Map.of("text", "TEXT", "timestamp", "TIMESTAMP(6)", "blob", "BYTEA", "drop_index_on_contract", ""));
    }

    @Test
    void mariadbAndMysqlUseLongtextAndDatetime() {
        assertThat(FlywayPlaceholders.placeholdersFor(Database.MARIADB))
                .isEqualTo(Map.of("text", "LONGTEXT", "timestamp", "DATETIME(6)", "blob", "LONGBLOB", "drop_index_on_contract", " ON contract"));
        assertThat(FlywayPlaceholders.placeholdersFor(Database.named("MySQL")))
                .isEqualTo(Map.of("text", "LONGTEXT", "timestamp", "DATETIME(6)", "blob", "LONGBLOB", "drop_index_on_contract", " ON contract"));
    }

    @Test
    void h2UsesClobAndTimestamp() {
        assertThat(FlywayPlaceholders.placeholdersFor(Database.H2))
                .isEqualTo(Map.of("text", "CLOB", "timestamp", "TIMESTAMP(6)", "blob", "BLOB", "drop_index_on_contract", ""));
    }

    @Test
    void everyMigrationPlaceholderHasAValueForEveryDatabase() throws Exception {
        var used = new java.util.TreeSet<String>();
        var pattern = java.util.regex.Pattern.compile("\\$\\{(\\w+)}");
        var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
        for (var resource : resolver.getResources("classpath*:db/migration/**/*.sql")) {
            var matcher = pattern.matcher(resource.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }
        assertThat(used).isNotEmpty();
        for (Database database : Database.values()) {
            assertThat(FlywayPlaceholders.placeholdersFor(database).keySet()).as(database.name()).containsAll(used);
        }
    }
}
