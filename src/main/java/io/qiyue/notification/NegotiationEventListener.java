package io.qiyue.notification;

import io.qiyue.contract.Contracts;
import io.qiyue.negotiation.NegotiationEvent;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.Text;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Tells a contract's owner what the customer said or proposed on a share link, after commit. */
@Component
class NegotiationEventListener {
    private final Dispatcher dispatcher;
    private final Contracts contracts;

    NegotiationEventListener(Dispatcher dispatcher, Contracts contracts) {
        this.dispatcher = dispatcher;
        this.contracts = contracts;
    }

    @ApplicationModuleListener
    void on(NegotiationEvent e) {
        EventKind kind = switch (e.kind()) {
            case COMMENTED -> EventKind.CUSTOMER_COMMENTED;
            case PROPOSAL_RECEIVED -> EventKind.COUNTERPARTY_VERSION;
        };
        // the actor is the customer's contact, not a user: the owner is always told. A link shared without a contact
        // names the customer instead, by the body that says so (outside testers: "客户联系人  对合同", then
        // "客户联系人 — 对合同"); {4} is the customer's name
        String contact = Text.isBlank(e.contactName()) ? null : e.contactName();
        String customer = contact == null ? customerOf(e.contractId()) : null;
        String variant = contact != null ? null : customer != null ? "customer" : "unnamed";
        dispatcher.dispatch(new Occurrence(kind, e.contractId(), e.contractNumber(), e.contractTitle(),
                List.of(e.owner()), contact, e.summary(), null, e.at(),
                customer == null ? List.of() : List.of(customer), variant));
    }

    /** The name of the contract's customer, or null when it has none (or the contract is gone). */
    private String customerOf(String contractId) {
        try {
            String name = contracts.internal(contractId).customerName();
            return Text.isBlank(name) ? null : name;
        } catch (NotFoundException gone) {
            return null;
        }
    }
}
