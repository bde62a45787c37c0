package io.qiyue.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.util.Locale;

/**
 * UI sessions in the database (Spring Session JDBC, V47). Two requests of one session that add the same attribute
 * at once (pages opened together right after signing in: both make the CSRF token) would both INSERT its row, and
 * the second would fail on the primary key with a 500; the attribute is written with the database's upsert instead.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upsertSessionAttributes(DataSource dataSource)
            throws MetaDataAccessException {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        String upsert = upsertAttribute(product);
        return repository -> repository.setCreateSessionAttributeQuery(upsert);
    }

    /** The attribute's row, inserted or replaced; the parameters are the session's primary id, the name and the bytes. */
    static String upsertAttribute(String databaseProduct) {
        String columns = "%TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)";
        String product = databaseProduct.toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return "INSERT INTO " + columns + " VALUES (?, ?, ?) ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)"
                    + " DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES";
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return "INSERT INTO " + columns + " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE"
                    + " ATTRIBUTE_BYTES = VALUES(ATTRIBUTE_BYTES)";
        }
        if (product.contains("h2")) {
            return "MERGE INTO " + columns + " KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)";
        }
        throw new IllegalStateException("UI sessions are stored on H2, PostgreSQL or MariaDB, not " + databaseProduct);
    }
}
