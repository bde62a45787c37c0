package io.qiyue.notification;

import io.qiyue.approval.Approvals;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.Contracts;
import io.qiyue.shared.NotFoundException;
import io.qiyue.signing.SignerLinks;
import io.qiyue.signing.Signings;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Whether what an e-mail asks its recipient to do is still to be done when the e-mail is sent. An e-mail of a kind
 * that asks to act ({@link EventKind#awaits}) is queued with a reference to what it awaits — the approval task it
 * links to, the recipient's signature of a contract, a contract in signing — and the worker asks here just before
 * sending it: one asking for what was decided, signed or ended meanwhile (or while no mail server was configured) is
 * not sent but cancelled, the reason in the outbox's log, as one carrying a customer's signing link that no longer
 * opens anything. The in-app notifications of the same are marked read when it ends.
 */
@Component
class PendingActions {
    /** Why a request to act on an approval task was not sent, in its log. */
    static final String TASK_ENDED = "approval task already decided or closed";
    /** Why a request to sign was not sent: the recipient signed, or the round ended, expired or lost them. */
    static final String SIGNATURE_DONE = "signature no longer awaited";
    /** Why a message about a contract in signing was not sent: it left signing (signed or taken back). */
    static final String SIGNING_ENDED = "contract no longer in signing";

    private static final String TASK = "task:";
    private static final String SIGNATURE = "signature:";
    private static final String SIGNING = "signing:";

    private final Approvals approvals;
    private final Signings signings;
    private final SignerLinks signerLinks;
    private final Contracts contracts;

    PendingActions(Approvals approvals, Signings signings, SignerLinks signerLinks, Contracts contracts) {
        this.approvals = approvals;
        this.signings = signings;
        this.signerLinks = signerLinks;
        this.contracts = contracts;
    }

    /** What a notification of {@code o}'s kind asks {@code recipient} to act on, as the outbox keeps it; else null. */
    static String reference(Occurrence o, String recipient) {
        return switch (o.kind().awaits()) {
            case NOTHING -> null;
            case APPROVAL_TASK -> o.taskId() == null ? null : TASK + o.taskId();
            case SIGNATURE -> o.contractId() == null ? null : SIGNATURE + o.contractId() + ":" + recipient;
            case SIGNING -> o.contractId() == null ? null : SIGNING + o.contractId();
        };
    }

    /** Why the message is no longer to be sent, or empty while what it asks for is still to be done (or unknown). */
    Optional<String> ended(Outbox.Message m) {
        if (m.linkRef() != null && !signerLinks.opens(m.linkRef())) {
            return Optional.of(Outbox.DEAD_LINK);
        }
        String ref = m.awaits();
        if (ref == null) {
            return Optional.empty();
        }
        if (ref.startsWith(TASK)) {
            return approvals.taskEnded(ref.substring(TASK.length())) ? Optional.of(TASK_ENDED) : Optional.empty();
        }
        if (ref.startsWith(SIGNATURE)) {
            String rest = ref.substring(SIGNATURE.length());
            int colon = rest.indexOf(':');
            return colon < 0 || signings.awaitsSignature(rest.substring(0, colon), rest.substring(colon + 1))
                    ? Optional.empty() : Optional.of(SIGNATURE_DONE);
        }
        if (ref.startsWith(SIGNING)) {
            try {
                return contracts.internal(ref.substring(SIGNING.length())).status() == ContractStatus.SIGNING
                        ? Optional.empty() : Optional.of(SIGNING_ENDED);
            } catch (NotFoundException unknown) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
