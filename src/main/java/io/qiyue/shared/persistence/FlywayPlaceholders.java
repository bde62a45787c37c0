package io.qiyue.shared.persistence;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * Fills the type placeholders of the shared migrations with each database's spelling, so that one
 * set of SQL files creates the schema on H2, PostgreSQL and MariaDB.
 */
@Component
class FlywayPlaceholders implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        String product;
        try (var connection = configuration.getDataSource().getConnection()) {
            product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to choose migration types", e);
        }
        configuration.placeholders(placeholdersFor(product));
    }

    static Map<String, String> placeholdersFor(String product) {
        if (product.contains("postgres")) {
            return Map.of("text", "TEXT", "timestamp", "TIMESTAMP(6)", "blob", "BYTEA", "drop_index_on_contract", "");
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return Map.of("text", "LONGTEXT", "timestamp", "DATETIME(6)", "blob", "LONGBLOB", "drop_index_on_contract", " ON contract");
        }
        return Map.of("text", "CLOB", "timestamp", "TIMESTAMP(6)", "blob", "BLOB", "drop_index_on_contract", "");
    }
}
