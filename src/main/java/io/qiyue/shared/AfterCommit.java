package io.qiyue.shared;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Runs something once the current transaction has committed, or at once outside a transaction. */
public final class AfterCommit {
    private AfterCommit() {
    }

    /**
     * For counters and other side effects that must not count what was rolled back. Not for anything durable:
     * a crash between the commit and the action loses it.
     */
    public static void run(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
