package io.qiyue.obligation;

import io.qiyue.contract.ContractAction;
import io.qiyue.contract.ContractSaved;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractTransitioned;
import io.qiyue.contract.ContractsImported;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Follows the contract's lifecycle in the move's own transaction: a contract is never signed without its
 * obligations, and a terminated one never keeps promising visits after its end.
 */
@Component
class ObligationHooks {
    private static final java.util.Set<ContractStatus> SIGNED_OR_LATER = java.util.EnumSet.of(ContractStatus.SIGNED,
            ContractStatus.ACTIVE, ContractStatus.EXPIRED, ContractStatus.TERMINATED, ContractStatus.RENEWED);
    private final Obligations obligations;

    ObligationHooks(Obligations obligations) {
        this.obligations = obligations;
    }

    @EventListener
    void on(ContractTransitioned moved) {
        LocalDate on = LocalDate.ofInstant(moved.at(), Obligations.CHINA);
        if (moved.action() == ContractAction.IMPORT) {
            // a legacy contract enters signed, in force or expired: planned from its own past, as if signed then
            obligations.generateForImport(moved.contractId(), moved.actor());
        } else if (moved.to() == ContractStatus.SIGNED && moved.from() != ContractStatus.SIGNED) {
            obligations.generate(moved.contractId(), on, moved.actor());
        } else if (moved.action() == ContractAction.TERMINATE) {
            // a termination dated back ended the contract on its date, not on the day it was recorded
            LocalDate ended = obligations.terminationDate(moved.contractId()).filter(d -> d.isBefore(on)).orElse(on);
            obligations.contractEnded(moved.contractId(), ended, moved.reason() == null ? "合同已终止" : "合同已终止：" + moved.reason(),
                    moved.actor());
        }
    }

    @EventListener
    void on(io.qiyue.contract.ContractTermRenewed renewed) {
        obligations.termRenewed(renewed.contractId(), renewed.previousEnd(), renewed.previousEnd().plusDays(1),
                renewed.newEnd(), renewed.renewals(), renewed.actor());
    }

    /** A file's legacy contracts: those that entered signed or later planned as {@link #on(ContractTransitioned)} plans one. */
    @EventListener
    void on(ContractsImported imported) {
        var signed = imported.enteredSigned();
        if (!signed.isEmpty()) {
            obligations.generateForImports(signed, imported.signingDays(), imported.actor());
        }
    }

    @EventListener
    void on(ContractSaved saved) {
        // a contract just created in force (an import, version 1) has no obligations yet: they are planned next;
        // one that ended keeps the duties that outlive it (confidentiality), which follow it too (outside tester: an
        // expired contract handed over by a file left them with the former owner)
        if (!saved.moveOnly() && saved.contract().version() > 1
                && SIGNED_OR_LATER.contains(saved.contract().status())) {
            obligations.contractChanged(saved.contract());
        }
    }
}
