package io.qiyue.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases the integration tests run on. H2 runs in memory; PostgreSQL and MariaDB are servers
 * reached through an administrative URL (env {@code QIYUE_TEST_PG_URL} / {@code QIYUE_TEST_MARIADB_URL},
 * user and password from {@code QIYUE_TEST_PG_USER}/{@code _PASSWORD} and {@code QIYUE_TEST_MARIADB_USER}/
 * {@code _PASSWORD}), on which each test run creates a fresh database and drops it afterwards.
 */
public enum TestDatabase {
    H2("H2", null, null, null),
    POSTGRES("PostgreSQL", "QIYUE_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres"),
    MARIADB("MariaDB", "QIYUE_TEST_MARIADB", "jdbc:mariadb://127.0.0.1:3306/", "root");

    private static final ConcurrentHashMap<TestDatabase, String> UNREACHABLE_REASONS = new ConcurrentHashMap<>();
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final String displayName;
    private final String envPrefix;
    private final String defaultUrl;
    private final String defaultUser;

    TestDatabase(String displayName, String envPrefix, String defaultUrl, String defaultUser) {
        this.displayName = displayName;
        this.envPrefix = envPrefix;
        this.defaultUrl = defaultUrl;
        this.defaultUser = defaultUser;
    }

    /** A database created for one Spring context; {@link #drop()} removes it again. */
    public record Created(TestDatabase kind, String name, String url, String username, String password) {
        public void drop() {
            kind.drop(name);
        }
    }

    public String displayName() {
        return displayName;
    }

    public String adminUrl() {
        return env(envPrefix + "_URL", defaultUrl);
    }

    public String adminUser() {
        return env(envPrefix + "_USER", defaultUser);
    }

    public String adminPassword() {
        return env(envPrefix + "_PASSWORD", "");
    }

    /** Why the server cannot be reached, or null when it can (H2 always can); checked once per JVM. */
    public String unreachableReason() {
        if (this == H2) {
            return null;
        }
        String reason = UNREACHABLE_REASONS.computeIfAbsent(this, kind -> {
            try (Connection ignored = kind.adminConnection()) {
                return "";
            } catch (SQLException e) {
                return displayName + " is not reachable at " + adminUrl() + " as " + adminUser() + ": " + e.getMessage();
            }
        });
        return reason.isEmpty() ? null : reason;
    }

    /** Creates a new, empty database with a random name. */
    public Created create() {
        String name = "qiyue_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        switch (this) {
            case H2 -> {
                return new Created(this, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
            }
            case POSTGRES -> {
                execute("CREATE DATABASE " + name + " ENCODING 'UTF8'");
                return new Created(this, name, replaceDatabase(adminUrl(), name), adminUser(), adminPassword());
            }
            case MARIADB -> {
                execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                return new Created(this, name, replaceDatabase(adminUrl(), name), adminUser(), adminPassword());
            }
            default -> throw new IllegalStateException(name());
        }
    }

    private void drop(String name) {
        switch (this) {
            case H2 -> {
                try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name, "sa", "")) {
                    c.createStatement().execute("SHUTDOWN");
                } catch (SQLException e) {
                    // already gone
                }
            }
            case POSTGRES -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            case MARIADB -> execute("DROP DATABASE IF EXISTS " + name);
            default -> throw new IllegalStateException(name());
        }
    }

    private void execute(String sql) {
        try (Connection c = adminConnection(); var statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(displayName + ": " + sql + " failed: " + e.getMessage(), e);
        }
    }

    private Connection adminConnection() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", adminUser());
        properties.setProperty("password", adminPassword());
        if (this == POSTGRES) {
            properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
            properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        } else {
            properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS * 1000));
        }
        return DriverManager.getConnection(adminUrl(), properties);
    }

    /**
     * The admin URL with its database replaced: {@code jdbc:postgresql://h:5432/postgres?x=y} becomes
     * {@code jdbc:postgresql://h:5432/<name>?x=y}; {@code jdbc:mariadb://h:3306/} becomes {@code .../<name>}.
     */
    static String replaceDatabase(String adminUrl, String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String parameters = query < 0 ? "" : adminUrl.substring(query);
        int hostStart = base.indexOf("//");
        int slash = base.indexOf('/', hostStart + 2);
        String server = slash < 0 ? base : base.substring(0, slash);
        return server + "/" + database + parameters;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Whether the run is a CI run, where an unreachable database fails instead of skipping. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
