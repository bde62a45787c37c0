package io.qiyue.notification;

import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.signing.SigningEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Tells people what signing asks of them, in the signing step's own transaction: the message is queued only if
 * the step commits. A customer's contact has no account and no preferences: the link and the code go straight
 * to their e-mail. A code always goes by e-mail, whatever the user's preferences, since it is asked for then.
 */
@Component
class SigningEventListener {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final Dispatcher dispatcher;
    private final Outbox outbox;
    private final NotificationSettingsStore settings;
    private final UserAdministration users;
    private final io.qiyue.signing.SignerLinks signerLinks;
    private final MessageSource messages;
    private final Clock clock;
    private final Notifications notifications;
    private final io.qiyue.signing.Signings signings;

    SigningEventListener(Dispatcher dispatcher, Outbox outbox, NotificationSettingsStore settings,
                         UserAdministration users, io.qiyue.signing.SignerLinks signerLinks, MessageSource messages,
                         Clock clock, Notifications notifications, io.qiyue.signing.Signings signings) {
        this.notifications = notifications;
        this.signings = signings;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.settings = settings;
        this.users = users;
        this.signerLinks = signerLinks;
        this.messages = messages;
        this.clock = clock;
    }

    @EventListener
    void on(SigningEvent e) {
        switch (e.kind()) {
            case INVITED, REMINDER -> {
                if (e.recipientUsername() != null) {
                    dispatcher.dispatch(occurrence(EventKind.SIGNATURE_REQUESTED, e, e.recipientUsername()));
                } else {
                    mailContact(e, e.kind() == SigningEvent.Kind.REMINDER ? "reminder" : "invitation");
                }
            }
            case CODE -> {
                if (e.recipientUsername() != null) {
                    users.findByUsername(e.recipientUsername()).filter(User::enabled).map(User::email)
                            .filter(email -> !email.isBlank())
                            .ifPresent(email -> mail(email, e, "code", e.recipientName(),
                                    users.language(e.recipientUsername())));
                } else {
                    mailContact(e, "code");
                }
            }
            case SIGNED -> dispatcher.dispatch(occurrence(EventKind.SIGNER_SIGNED, e, e.owner()));
            case COMPLETED -> dispatcher.dispatch(occurrence(EventKind.SIGNING_COMPLETED, e, e.owner()));
            case DECLINED -> dispatcher.dispatch(occurrence(EventKind.SIGNING_DECLINED, e, e.owner()));
            case EXPIRED -> dispatcher.dispatch(occurrence(EventKind.SIGNING_EXPIRED, e, e.owner()));
            case LOCKED -> dispatcher.dispatch(occurrence(EventKind.SIGNING_LOCKED, e, e.owner()));
            case BLOCKED -> dispatcher.dispatch(occurrence(EventKind.SIGNING_BLOCKED, e, e.owner()));
        }
    }

    /**
     * Whoever the round no longer waits for — they signed, declined or forwarded, the signature of their side was
     * given by another, the round completed or ended — has their requests to sign the contract (待您签署) marked read,
     * once the step that changed it is about to commit (outside tester: it stayed unread after signing while the round
     * went on). The contract leaving signing ends the rest ({@link ContractEventListener}).
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void settle(SigningEvent e) {
        if (e.kind() != SigningEvent.Kind.CODE && e.contractId() != null) {
            notifications.signaturesSettled(e.contractId(),
                    username -> signings.awaitsSignature(e.contractId(), username), clock.instant());
        }
    }

    private static Occurrence occurrence(EventKind kind, SigningEvent e, String recipient) {
        return new Occurrence(kind, e.contractId(), e.contractNumber(), e.contractTitle(), List.of(recipient),
                "system", e.detail(), null, e.at());
    }

    private void mailContact(SigningEvent e, String template) {
        if (e.recipientEmail() != null && !e.recipientEmail().isBlank()) {
            // a customer's contact has no account to choose a language on: the contract's, Chinese
            mail(e.recipientEmail(), e, template, e.recipientName(), Dispatcher.ZH);
        }
    }

    private void mail(String address, SigningEvent e, String template, String name, java.util.Locale language) {
        String url = e.link() == null ? "" : settings.effective().baseUrl() + e.link();
        Object[] args = {name == null ? "" : name, e.contractNumber(), e.contractTitle(), url,
                e.expiresAt() == null ? "" : WHEN.format(e.expiresAt()), e.code() == null ? "" : e.code()};
        String subject = messages.getMessage("notification.signing." + template + ".subject", args, language);
        String body = messages.getMessage("notification.signing." + template + ".body", args, language);
        // a contact's link may be replaced before the mail goes (no mail server yet, a reminder sent meanwhile)
        String linkRef = e.recipientUsername() == null && e.link() != null && e.link().startsWith("/s/") ? e.link() : null;
        if (linkRef != null) {
            outbox.cancelDeadLinks(address, signerLinks::opens);
        }
        outbox.add(Outbox.Channel.EMAIL, address, EventKind.SIGNATURE_REQUESTED, subject, body, linkRef,
                clock.instant());
    }
}
