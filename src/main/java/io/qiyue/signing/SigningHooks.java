package io.qiyue.signing;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractAction;
import io.qiyue.contract.ContractReadGrant;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractTransitioned;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.SigningDays;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where signing meets the lifecycle, inside each move's transaction: an approval keeps the approved PDF, the
 * start of signing opens a round on it, and a round still open when the contract leaves {@code SIGNING} some
 * other way (the owner cancels) is closed, its links dead. Signers may read the contract they sign. A completed
 * round tells the day the contract was signed on.
 */
@Component
class SigningHooks implements ContractReadGrant, SigningDays {
    private final SigningStore store;
    private final SigningRounds rounds;
    private final Contracts contracts;

    SigningHooks(SigningStore store, SigningRounds rounds, Contracts contracts) {
        this.store = store;
        this.rounds = rounds;
        this.contracts = contracts;
    }

    @EventListener
    void on(ContractTransitioned moved) {
        if (moved.to() == ContractStatus.APPROVED && moved.action() == ContractAction.APPROVE) {
            rounds.freezeApproved(moved.contractId(), moved.version(), moved.actor());
        } else if (moved.to() == ContractStatus.SIGNING && moved.action() == ContractAction.START_SIGNING) {
            rounds.start(contracts.internal(moved.contractId()), moved.actor());
        } else if (moved.from() == ContractStatus.SIGNING) {
            store.openSession(moved.contractId()).ifPresent(session -> rounds.close(session,
                    moved.action() == ContractAction.CANCEL_SIGNING ? SessionStatus.CANCELLED : SessionStatus.COMPLETED,
                    moved.reason(), moved.actor()));
        }
    }

    @Override
    public boolean mayRead(String username, String contractId) {
        return store.isSigner(username, contractId);
    }

    @Override
    public Optional<LocalDate> signedOn(Contract contract) {
        return store.signedOn(contract.id());
    }
}
