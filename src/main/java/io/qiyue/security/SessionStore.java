package io.qiyue.security;

import io.qiyue.shared.persistence.Database;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import javax.sql.DataSource;

/**
 * UI sessions in the database (Spring Session JDBC, V47). Two requests of one session that add the same attribute
 * at once (pages opened together right after signing in: both make the CSRF token) would both INSERT its row, and
 * the second would fail on the primary key with a 500; the attribute is written with the database's upsert instead.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upsertSessionAttributes(DataSource dataSource) {
        String upsert = upsertAttribute(Database.of(dataSource));
        return repository -> repository.setCreateSessionAttributeQuery(upsert);
    }

    /** The attribute's row, inserted or replaced; the parameters are the session's primary id, the name and the bytes. */
    static String upsertAttribute(Database database) {
        String columns = "%TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)";
        return switch (database) {
            case POSTGRESQL -> "INSERT INTO " + columns + " VALUES (?, ?, ?) ON CONFLICT (SESSION_PRIMARY_ID,"
                    + " ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES";
            case MARIADB -> "INSERT INTO " + columns + " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE"
                    + " ATTRIBUTE_BYTES = VALUES(ATTRIBUTE_BYTES)";
            case H2 -> "MERGE INTO " + columns + " KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)";
        };
    }
}
