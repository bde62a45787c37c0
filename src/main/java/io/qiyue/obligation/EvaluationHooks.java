package io.qiyue.obligation;

import io.qiyue.contract.ContractSaved;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In the transaction of what happened: an obligation we deliver marked done asks the customer to confirm it (the
 * link is e-mailed only if the completion commits), and a contract's new owner or customer reaches the copies.
 */
@Component
class EvaluationHooks {
    private final Evaluations evaluations;

    EvaluationHooks(Evaluations evaluations) {
        this.evaluations = evaluations;
    }

    @EventListener
    void on(ObligationCompleted done) {
        evaluations.askConfirmation(done);
    }

    @EventListener
    void on(ContractSaved saved) {
        // a contract just created (version 1) has no evaluations to follow it yet
        if (!saved.moveOnly() && saved.contract().version() > 1) {
            evaluations.contractChanged(saved.contract());
        }
    }
}
