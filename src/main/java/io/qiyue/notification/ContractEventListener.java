package io.qiyue.notification;

import io.qiyue.contract.ContractExpiring;
import io.qiyue.contract.ContractRenewed;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractTransitioned;
import io.qiyue.security.Role;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * Listens to the contract module after its transactions committed (the event publication registry keeps an
 * event until it was handled, so a restart loses none) and tells the contract's owner.
 */
@Component
class ContractEventListener {
    private final Dispatcher dispatcher;
    private final Notifications notifications;
    private final Recipients recipients;
    private final Clock clock;

    ContractEventListener(Dispatcher dispatcher, Notifications notifications, Recipients recipients, Clock clock) {
        this.dispatcher = dispatcher;
        this.notifications = notifications;
        this.recipients = recipients;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ContractTransitioned e) {
        if (e.from() == ContractStatus.SIGNING && e.to() != ContractStatus.SIGNING) {
            // signed, or taken back: nobody is to sign it any more (an outside tester found 待您签署 unread after)
            notifications.signingEnded(e.contractId(), e.at());
        }
        EventKind kind = switch (e.action()) {
            case SUBMIT -> EventKind.SUBMITTED;
            case START_SIGNING -> EventKind.SIGNING_REQUESTED;
            case ACTIVATE -> EventKind.ACTIVATED;
            case EXPIRE -> EventKind.EXPIRED;
            case TERMINATE -> EventKind.TERMINATED;
            case MARK_RENEWED -> EventKind.RENEWED;
            // the approval module tells of its own outcomes (ApprovalEvent) with the approvers' comments
            default -> null;
        };
        if (kind != null) {
            // a termination ends what finance collects and legal answers for, whoever did it (outside tester: a
            // salesperson terminated a signed contract and nobody else heard of it)
            var told = kind == EventKind.TERMINATED
                    ? recipients.withManagerAnd(e.owner(), Role.FINANCE, Role.LEGAL) : List.of(e.owner());
            dispatcher.dispatch(new Occurrence(kind, e.contractId(), e.number(), e.title(), told,
                    e.actor(), e.reason(), null, e.at()));
        }
    }

    @ApplicationModuleListener
    void on(ContractExpiring e) {
        dispatcher.dispatch(new Occurrence(EventKind.EXPIRING, e.contractId(), e.number(), e.title(),
                List.of(e.owner()), "system", String.valueOf(e.daysLeft()), null, clock.instant()));
    }

    @ApplicationModuleListener
    void on(io.qiyue.contract.ContractTerminationScheduled e) {
        // told when it is decided, not only on the day (outside tester: an owner did not learn that their manager
        // had scheduled the end of their contract)
        dispatcher.dispatch(new Occurrence(EventKind.TERMINATION_SCHEDULED, e.contractId(), e.number(), e.title(),
                recipients.withManagerAnd(e.owner(), Role.FINANCE, Role.LEGAL), e.actor(),
                e.on() + (e.reason() == null ? "" : "：" + e.reason()), null, e.at()));
    }

    @ApplicationModuleListener
    void on(io.qiyue.contract.ContractTermRenewed e) {
        // the year goes on with its fees: finance plans and collects them, the manager follows the team's contracts
        dispatcher.dispatch(new Occurrence(EventKind.AUTO_RENEWED, e.contractId(), e.number(), e.title(),
                recipients.withManagerAnd(e.owner(), Role.FINANCE), e.actor(), e.newEnd().toString(), null, e.at()));
    }

    @ApplicationModuleListener
    void on(ContractRenewed e) {
        // the renewal draft is the one to work on now: the link goes to the successor
        dispatcher.dispatch(new Occurrence(EventKind.RENEWED, e.successorId(), e.successorNumber(), e.title(),
                List.of(e.owner()), e.actor(), e.predecessorNumber(), null, e.at()));
    }
}
