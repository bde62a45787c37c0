package io.qiyue.shared.persistence;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * An H2 trigger that refuses every UPDATE and DELETE of the rows of its table, as the PostgreSQL and MariaDB
 * triggers do for records that must never change once written (the signed files). H2 calls it by class name.
 */
public class H2ImmutableRows implements Trigger {
    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(table + " rows are immutable", "45000");
    }
}
