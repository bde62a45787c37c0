package io.qiyue.shared.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @Test
    void theDriversProductNamesTellTheDatabase() {
        assertThat(Database.named("PostgreSQL")).isEqualTo(Database.POSTGRESQL);
        assertThat(Database.named("MariaDB")).isEqualTo(Database.MARIADB);
        assertThat(Database.named("MySQL")).as("MySQL is run as MariaDB").isEqualTo(Database.MARIADB);
        assertThat(Database.named("H2")).isEqualTo(Database.H2);
    }

    @Test
    void anyOtherDatabaseIsRefusedByName() {
        assertThatThrownBy(() -> Database.named("Oracle")).hasMessageContaining("Oracle");
        assertThatThrownBy(() -> Database.named(null)).isInstanceOf(IllegalStateException.class);
    }
}
