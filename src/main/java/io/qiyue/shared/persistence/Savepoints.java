package io.qiyue.shared.persistence;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Inserts that may lose a race to a concurrent insert of the same key, inside a transaction that must go on
 * afterwards. On PostgreSQL a failed statement aborts the whole transaction, so catching the duplicate key
 * is not enough: the insert runs inside a savepoint that is rolled back when it fails.
 */
@Component
public class Savepoints {
    private final DataSource dataSource;

    public Savepoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the insert; false (and the transaction still usable) when the key exists already. */
    public boolean insertUnlessDuplicate(Runnable insert) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            try {
                insert.run();
                return true;
            } catch (DuplicateKeyException exists) {
                return false;
            }
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set a savepoint", e);
        }
        try {
            insert.run();
        } catch (DuplicateKeyException exists) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot roll back to a savepoint", e);
            }
            return false;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release a savepoint", e);
        }
        return true;
    }
}
