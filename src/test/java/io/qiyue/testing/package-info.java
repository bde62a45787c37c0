/**
 * Support for the REST API integration tests (classes ending in {@code IT}, run by Failsafe in
 * {@code mvn verify}).
 * <p>
 * Each test is written once as an abstract {@code …Contract} class extending
 * {@link io.qiyue.testing.ApiTestSupport}; three empty subclasses pick the database with
 * {@link io.qiyue.testing.UsingDatabase}: {@code …H2IT}, {@code …PostgresIT}, {@code …MariaDbIT}.
 * {@link io.qiyue.testing.TestDatabaseContextCustomizerFactory} creates a fresh database (and a
 * temporary data directory) before the Spring context of that database starts and drops it when the
 * context closes; all classes of one database share that one cached context.
 * <p>
 * Servers: {@code QIYUE_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user
 * {@code QIYUE_TEST_PG_USER} = postgres, {@code QIYUE_TEST_PG_PASSWORD} empty) and
 * {@code QIYUE_TEST_MARIADB_URL} (default {@code jdbc:mariadb://127.0.0.1:3306/}, user root, empty
 * password). An unreachable server skips its classes with the reason
 * ({@link io.qiyue.testing.DatabaseAvailability}); with {@code CI=true} it fails them.
 * <p>
 * One database only: {@code mvn -B verify -Dit.test='*H2IT'} (or {@code '*PostgresIT'},
 * {@code '*MariaDbIT'}; add {@code -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false} to skip the unit
 * tests); one test class on all three: {@code -Dit.test='ContractApi*IT'}.
 */
package io.qiyue.testing;
