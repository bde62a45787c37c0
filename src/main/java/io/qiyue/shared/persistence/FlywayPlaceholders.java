package io.qiyue.shared.persistence;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Fills the type placeholders of the shared migrations with each database's spelling, so that one
 * set of SQL files creates the schema on H2, PostgreSQL and MariaDB.
 */
@Component
class FlywayPlaceholders implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.placeholders(placeholdersFor(Database.of(configuration.getDataSource())));
    }

    static Map<String, String> placeholdersFor(Database database) {
        return switch (database) {
            case POSTGRESQL -> Map.of("text", "TEXT", "timestamp", "TIMESTAMP(6)", "blob", "BYTEA",
                    "drop_index_on_contract", "");
            case MARIADB -> Map.of("text", "LONGTEXT", "timestamp", "DATETIME(6)", "blob", "LONGBLOB",
                    "drop_index_on_contract", " ON contract");
            case H2 -> Map.of("text", "CLOB", "timestamp", "TIMESTAMP(6)", "blob", "BLOB", "drop_index_on_contract", "");
        };
    }
}
