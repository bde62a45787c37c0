package io.qiyue.notification;

import io.qiyue.negotiation.NegotiationEvent;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Tells a contract's owner what the customer said or proposed on a share link, after commit. */
@Component
class NegotiationEventListener {
    private final Dispatcher dispatcher;

    NegotiationEventListener(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @ApplicationModuleListener
    void on(NegotiationEvent e) {
        EventKind kind = switch (e.kind()) {
            case COMMENTED -> EventKind.CUSTOMER_COMMENTED;
            case PROPOSAL_RECEIVED -> EventKind.COUNTERPARTY_VERSION;
        };
        // the actor is the customer's contact, not a user: the owner is always told. A link shared without a
        // contact has no name to give: a dash holds its place (outside tester: "客户联系人  对合同")
        String contact = e.contactName() == null || e.contactName().isBlank() ? "—" : e.contactName();
        dispatcher.dispatch(new Occurrence(kind, e.contractId(), e.contractNumber(), e.contractTitle(),
                List.of(e.owner()), contact, e.summary(), null, e.at()));
    }
}
