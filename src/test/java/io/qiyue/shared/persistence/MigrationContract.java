package io.qiyue.shared.persistence;

import io.qiyue.testing.ApiTestSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flyway migrations (common + vendor folder, with type placeholders) ran completely on this database. */
abstract class MigrationContract extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Flyway flyway;

    @Value("${qiyue.test.database}")
    String database;

    @Test
    void everyMigrationRanSuccessfully() {
        var applied = flyway.info().applied();
        var available = flyway.info().all();

        assertThat(applied).isNotEmpty().allSatisfy(m -> assertThat(m.getState().isFailed()).isFalse());
        assertThat(applied).extracting(m -> m.getVersion().getVersion()).contains("1", "2");
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(applied).hasSameSizeAs(available);
    }

    @Test
    void schemaHasTheTablesOfEveryModuleAndTheEventRegistry() {
        for (String table : List.of("app_user", "team", "api_token", "customer", "contact", "our_entity", "contract",
                "contract_version", "contract_number_sequence", "idempotent_request", "audit_event",
                // as Spring Modulith names it: MariaDB on Linux tells table names apart by case
                "EVENT_PUBLICATION")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single())
                    .as("table %s is queryable", table).isNotNegative();
        }
    }

    @Test
    void placeholdersBecameTheVendorTypes() {
        // information_schema spells the types differently per vendor: what matters is that ${text}
        // became an unbounded text type and ${timestamp} a timestamp with fractional seconds
        var columns = jdbc.sql("SELECT LOWER(column_name) AS column_name, LOWER(data_type) AS data_type"
                        + " FROM information_schema.columns WHERE LOWER(table_name) = 'contract'"
                        + " AND LOWER(column_name) IN ('terms', 'created_at')"
                        + (database.equals("MARIADB") ? " AND table_schema = DATABASE()" : ""))
                .query((rs, n) -> rs.getString("column_name") + "=" + rs.getString("data_type").toLowerCase(Locale.ROOT))
                .list();
        String expectedText = switch (database) {
            case "POSTGRES" -> "terms=text";
            case "MARIADB" -> "terms=longtext";
            default -> "terms=character large object";
        };
        String expectedTimestamp = switch (database) {
            case "MARIADB" -> "created_at=datetime";
            case "POSTGRES" -> "created_at=timestamp without time zone";
            default -> "created_at=timestamp";
        };
        assertThat(columns).containsExactlyInAnyOrder(expectedText, expectedTimestamp);
    }

    @Test
    void storesAndReadsBackChineseTextAndFourByteCharacters() {
        String name = "测试客户𠮷" + unique("");
        jdbc.sql("INSERT INTO team (id, name, version, created_at) VALUES (?, ?, 1, CURRENT_TIMESTAMP)")
                .params(unique("t"), name).update();

        assertThat(jdbc.sql("SELECT name FROM team WHERE name = ?").param(name).query(String.class).single())
                .isEqualTo(name);
    }
}
