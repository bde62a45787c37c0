package io.qiyue.shared.persistence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases Qiyue runs on, told apart by the JDBC driver's product name where their SQL differs. */
public enum Database {
    H2, POSTGRESQL, MARIADB;

    /** The database of a product name as JDBC gives it (MySQL counts as MariaDB); refused when none of the three. */
    public static Database named(String productName) {
        String product = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MARIADB;
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw new IllegalStateException("Qiyue stores its data on H2, PostgreSQL or MariaDB, not " + productName);
    }

    public static Database of(Connection connection) throws SQLException {
        return named(connection.getMetaData().getDatabaseProductName());
    }

    public static Database of(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to tell which it is", e);
        }
    }
}
