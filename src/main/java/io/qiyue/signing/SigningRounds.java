package io.qiyue.signing;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractAction;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.Contact;
import io.qiyue.customer.Customer;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntities;
import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.Hashes;
import io.qiyue.shared.Ids;
import io.qiyue.shared.Text;
import io.qiyue.template.ContractDocuments;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The engine of a signing round, shared by our users' API and the customer's link: starting a round with the
 * frozen document, whose turn it is, inviting, recording each step's evidence, completing and closing. Every
 * method runs in its caller's transaction.
 */
@Component
class SigningRounds {
    static final Duration CODE_VALIDITY = Duration.ofMinutes(10);
    static final Duration CODE_RESEND_AFTER = Duration.ofSeconds(60);
    static final int MAX_CODE_ATTEMPTS = 3;

    private final SigningStore store;
    private final Contracts contracts;
    private final Customers customers;
    private final OurEntities ourEntities;
    private final UserAdministration users;
    private final ContractDocuments documents;
    private final SealStore seals;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final org.springframework.context.MessageSource messages;
    private final io.qiyue.template.PartiesAsPrinted partiesAsPrinted;
    private final SecureRandom random = new SecureRandom();

    SigningRounds(SigningStore store, Contracts contracts, Customers customers, OurEntities ourEntities,
                  UserAdministration users, ContractDocuments documents, SealStore seals, ApplicationEventPublisher events,
                  Clock clock, org.springframework.context.MessageSource messages,
                  io.qiyue.template.PartiesAsPrinted partiesAsPrinted) {
        this.partiesAsPrinted = partiesAsPrinted;
        this.seals = seals;
        this.messages = messages;
        this.store = store;
        this.contracts = contracts;
        this.customers = customers;
        this.ourEntities = ourEntities;
        this.users = users;
        this.documents = documents;
        this.events = events;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    // --- the approved document

    /** Keeps the PDF approval approved, byte for byte: what a seal-use approval and the signing round bind to. */
    SigningStore.ApprovedDocument freezeApproved(String contractId, int contractVersion, String actor) {
        byte[] pdf = documents.pdfOfRecord(contractId);
        var approved = new SigningStore.ApprovedDocument(contractId, contractVersion, pdf, Hashes.sha256Hex(pdf), now(), actor);
        store.insertApproved(approved);
        return approved;
    }

    // --- starting a round

    /** Signing started: the approved PDF frozen as the round's first file, the signers from the plan, invitations. */
    SigningStore.Session start(Contract contract, String actor) {
        var approved = store.latestApproved(contract.id())
                // approved before signing kept approved documents: the document as approved is the one of record
                .orElseGet(() -> freezeApproved(contract.id(), contract.version() - 1, actor));
        byte[] frozen = approved.content();
        String frozenSha = Hashes.sha256Hex(frozen);
        if (!frozenSha.equals(approved.sha256())) {
            // the stored bytes no longer hash to what approval recorded: never sign something else
            throw new ConflictException("qiyue.signing.approved-document-altered", contract.number());
        }
        // nor a document naming a party as it no longer is (renamed, moved, another legal representative since)
        requirePartiesAsPrinted(contract, approved.contractVersion(), "qiyue.signing.parties-changed");
        SigningPlan plan = store.plan(contract.id()).orElseGet(() -> defaultPlan(contract));
        Instant at = now();
        var session = new SigningStore.Session(Ids.newId(), contract.id(), contract.version(), SessionStatus.OPEN,
                SigningMethod.ELECTRONIC, plan.order(), 0, 0, plan.allowForward(), approved.sha256(), frozenSha,
                frozenSha, at.plus(Duration.ofDays(plan.expiresInDays())), null, null, null, null, at, actor, 1);
        store.insertSession(session);
        store.insertDocument(contract.id(), session.id(), 1, DocumentKind.FROZEN, "application/pdf",
                contract.number() + ".pdf", frozen, frozenSha, null, at, actor);
        record(session, null, SigningEventKind.STARTED, actor, Client.SYSTEM, "SHA-256 " + frozenSha);
        var withSigners = replaceSigners(contract, session, plan, actor, Set.of());
        invite(contract, withSigners, actor);
        return store.session(session.id()).orElseThrow();
    }

    /**
     * Refuses (409) to sign, or to ask anyone to sign, a document that prints a party's name, credit code or ID
     * number, 住所, 法定代表人 or our bank account otherwise than the party's record now says it: our side would sign,
     * and the customer be asked to sign, a contract naming a party that is no longer so (the customer renamed between
     * approval and signing). The problem says which particulars differ, each in {@code errors[]}, and {@code code} what
     * to do: the document is made again from the records by submitting the contract for approval once more.
     *
     * @param documentVersion the contract version whose kept document is (or was frozen as) the one signed
     */
    void requirePartiesAsPrinted(Contract contract, int documentVersion, String code) {
        partiesAsPrinted.require(contract, documentVersion, code);
    }

    /** The particulars the round's frozen document prints otherwise than the parties' records now say. */
    List<io.qiyue.template.ChangedParticular> partiesChanged(SigningStore.Session session) {
        return partiesAsPrinted.changed(session.contractId(), session.contractVersion());
    }

    /** The 409 naming {@code changed} with the message {@code code} (the contract's number, the particulars). */
    ConflictException partiesRefusal(Contract contract, List<io.qiyue.template.ChangedParticular> changed,
                                     String code) {
        return partiesAsPrinted.refusal(contract, changed, code);
    }

    /** The words of {@link #partiesRefusal}'s problem, for a page that says it before anyone tries. */
    String partiesMessage(Contract contract, List<io.qiyue.template.ChangedParticular> changed, String code) {
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        return messages.getMessage(code, new Object[]{contract.number(), partiesAsPrinted.joined(changed, locale)},
                code, locale);
    }

    /** Each changed particular as its field and its line in the request's language, for the round's status. */
    List<SigningStatus.PartyChange> partyChanges(List<io.qiyue.template.ChangedParticular> changed) {
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        var lines = partiesAsPrinted.lines(changed, locale);
        var out = new ArrayList<SigningStatus.PartyChange>();
        for (int i = 0; i < changed.size(); i++) {
            out.add(new SigningStatus.PartyChange(changed.get(i).field(), lines.get(i)));
        }
        return out;
    }

    /** The changed particulars in the words of the evidence and of what is written once for everyone (Chinese). */
    String partiesChangedDetail(List<io.qiyue.template.ChangedParticular> changed) {
        return partiesAsPrinted.joined(changed, java.util.Locale.SIMPLIFIED_CHINESE);
    }

    /** What a paper signing acknowledged of the changed particulars, for its evidence (Chinese, as the rest). */
    String paperAcknowledgedDetail(List<io.qiyue.template.ChangedParticular> changed) {
        return messages.getMessage("signing.detail.paperAcknowledged", new Object[]{partiesChangedDetail(changed)},
                java.util.Locale.SIMPLIFIED_CHINESE);
    }

    /**
     * A round found unable to go on because its document no longer names the parties as their records do (a
     * signer's attempt was refused, or the change was seen otherwise): the evidence records it and the owner is told,
     * once for each state of the particulars, so that the owner hears of it when it is found and not from the customer.
     * True when this was news (recorded now).
     */
    boolean reportBlocked(Contract contract, SigningStore.Session session,
                          List<io.qiyue.template.ChangedParticular> changed, String actor, Client client) {
        String detail = partiesChangedDetail(changed);
        String stored = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        boolean known = store.events(session.id()).stream().anyMatch(e -> e.kind() == SigningEventKind.PARTIES_CHANGED
                && stored.equals(e.detail()));
        if (known) {
            return false;
        }
        record(session, null, SigningEventKind.PARTIES_CHANGED, actor, client, detail);
        tellOwner(contract, SigningEvent.Kind.BLOCKED, detail);
        return true;
    }

    /**
     * Ours: the owner when no one was named, unless our entity seals its contracts and the owner may use none of its
     * seals; then the first active user who may use its contract seal (else any of its seals), since the owner's
     * signature would be refused at the first step. Theirs: the customer's primary contact with an e-mail address.
     */
    SigningPlan defaultPlan(Contract contract) {
        var ours = new ArrayList<SigningPlan.OurSigner>();
        defaultOurSigner(contract).ifPresent(u -> ours.add(new SigningPlan.OurSigner(u.id())));
        var theirs = new ArrayList<SigningPlan.TheirSigner>();
        customers.inFull(contract.customerId()).flatMap(SigningRounds::defaultContact)
                .ifPresent(c -> theirs.add(new SigningPlan.TheirSigner(c.id())));
        return new SigningPlan(SigningOrder.OURS_FIRST, ours, theirs, null, null, false,
                SigningPlan.DEFAULT_EXPIRY_DAYS, 0, false);
    }

    private Optional<User> defaultOurSigner(Contract contract) {
        var owner = users.findByUsername(contract.owner()).filter(User::enabled);
        if (contract.ourEntityId() == null) {
            return owner;
        }
        var active = seals.byEntity(contract.ourEntityId()).stream().filter(Seal::active)
                .sorted(java.util.Comparator.comparing(seal -> seal.kind() != SealKind.CONTRACT)).toList();
        if (active.isEmpty() || owner.filter(u -> active.stream().anyMatch(seal -> seal.usableBy(u.username()))).isPresent()) {
            return owner;
        }
        return active.stream().flatMap(seal -> seal.users().stream())
                .map(users::findByUsername).flatMap(Optional::stream)
                .filter(u -> u.enabled() && !u.readOnly())
                .findFirst().or(() -> owner);
    }

    private static Optional<Contact> defaultContact(Customer customer) {
        return customer.contacts().stream().filter(c -> !Text.isBlank(c.email()))
                .sorted((a, b) -> Boolean.compare(b.primary(), a.primary())).findFirst();
    }

    /**
     * The round's signers become the plan's, but for the {@code kept} sides (someone of theirs has signed, or their
     * signers stay the same), which keep theirs. On the other sides a pending signer the plan names again stays as
     * they are, with the link they have (a customer signer added asks only the new one); the other pending or locked
     * ones are voided (their links stop working), and the plan's new signers are added.
     */
    SigningStore.Session replaceSigners(Contract contract, SigningStore.Session session, SigningPlan plan,
                                        String actor, Set<SignerSide> kept) {
        var planned = new java.util.HashSet<String>();
        plan.ours().forEach(o -> planned.add(identity(SignerSide.OURS, users.get(o.userId()).username())));
        plan.theirs().forEach(t -> planned.add(identity(SignerSide.THEIRS, t.contactId())));
        var staying = new java.util.HashSet<String>();
        for (var old : store.signers(session.id())) {
            if (kept.contains(old.side())) {
                continue;
            }
            String who = identity(old.side(), old.side() == SignerSide.OURS ? old.username() : old.contactId());
            if (old.status() == SignerStatus.PENDING && planned.contains(who) && staying.add(who)) {
                continue;
            }
            if (old.status() == SignerStatus.PENDING || old.status() == SignerStatus.LOCKED) {
                change(old, SignerStatus.VOID, s -> s);
            }
        }
        var entity = contract.ourEntityId() == null ? null : ourEntities.find(contract.ourEntityId()).orElse(null);
        String ourOrganisation = entity == null ? "" : entity.name();
        var customer = customers.inFull(contract.customerId()).orElse(null);
        String theirOrganisation = customer == null ? ""
                : customer.kind() == CustomerKind.PERSON ? "" : customer.name();
        int position = 1;
        for (var ours : kept.contains(SignerSide.OURS) ? List.<SigningPlan.OurSigner>of() : plan.ours()) {
            var user = users.get(ours.userId());
            if (staying.contains(identity(SignerSide.OURS, user.username()))) {
                position++;
                continue;
            }
            store.insertSigner(newSigner(session, SignerSide.OURS, position++, user.username(), null,
                    Text.isBlank(user.displayName()) ? user.username() : user.displayName(), ourOrganisation,
                    user.email(), null));
        }
        position = 1;
        for (var theirs : kept.contains(SignerSide.THEIRS) ? List.<SigningPlan.TheirSigner>of() : plan.theirs()) {
            Contact contact = customer == null ? null : customer.contacts().stream()
                    .filter(c -> c.id().equals(theirs.contactId())).findFirst().orElse(null);
            if (contact == null) {
                continue;
            }
            if (staying.contains(identity(SignerSide.THEIRS, contact.id()))) {
                position++;
                continue;
            }
            store.insertSigner(newSigner(session, SignerSide.THEIRS, position++, null, contact.id(), contact.name(),
                    theirOrganisation, contact.email(), LoggingSmsSender.mask(contact.mobile())));
        }
        var current = store.session(session.id()).orElseThrow();
        int oursRequired = kept.contains(SignerSide.OURS) ? current.required(SignerSide.OURS)
                : required(plan.oursRequired(), plan.ours().size());
        int theirsRequired = kept.contains(SignerSide.THEIRS) ? current.required(SignerSide.THEIRS)
                : required(plan.theirsRequired(), (int) store.signers(session.id()).stream()
                        .filter(s -> s.side() == SignerSide.THEIRS && s.status() == SignerStatus.PENDING).count());
        if (!store.updateTerms(session.id(), current.version(), plan, oursRequired, theirsRequired)) {
            throw stale();
        }
        // evidence is written in Chinese, the language of the contract and of the court that may read it
        record(current, null, SigningEventKind.SIGNERS_SET, actor, Client.SYSTEM, messages.getMessage(
                "signing.detail.signersSet", new Object[]{messages.getMessage("enum.SigningOrder." + plan.order().name(),
                        null, java.util.Locale.SIMPLIFIED_CHINESE), oursRequired, plan.ours().size(), theirsRequired,
                        plan.theirs().size()}, java.util.Locale.SIMPLIFIED_CHINESE));
        return store.session(session.id()).orElseThrow();
    }

    /** A signer of a side as the plan names them: our user by username, the customer's contact by id. */
    private static String identity(SignerSide side, String who) {
        return side + ":" + who;
    }

    private static int required(Integer asked, int available) {
        return asked == null ? available : Math.min(asked, available);
    }

    private SigningStore.Signer newSigner(SigningStore.Session session, SignerSide side, int position, String username,
                                          String contactId, String name, String organisation, String email,
                                          String mobileMasked) {
        return new SigningStore.Signer(Ids.newId(), session.id(), session.contractId(), side, position, username,
                contactId, name, organisation, email, Text.isBlank(mobileMasked) ? null : mobileMasked,
                SignerStatus.PENDING, null, null, null, null, 0, null, null, null, null, null, null, null, null, null,
                null, null, 1);
    }

    // --- turns and invitations

    boolean complete(SigningStore.Session session, List<SigningStore.Signer> signers, SignerSide side) {
        int required = session.required(side);
        return required > 0 && signers.stream()
                .filter(s -> s.side() == side && s.status() == SignerStatus.SIGNED).count() >= required;
    }

    /**
     * Whether the signer's signature, once made, completes the round: every side then has the signatures it needs, and
     * the contract is concluded (民法典第490条) on that day.
     */
    boolean concludedBy(SigningStore.Session session, SigningStore.Signer signer) {
        var signers = store.signers(session.id());
        for (SignerSide side : SignerSide.values()) {
            long signed = signers.stream().filter(s -> s.side() == side
                    && (s.status() == SignerStatus.SIGNED || s.id().equals(signer.id()))).count();
            if (session.required(side) <= 0 || signed < session.required(side)) {
                return false;
            }
        }
        return true;
    }

    boolean turnOf(SigningStore.Session session, List<SigningStore.Signer> signers, SignerSide side) {
        return session.status().open() && !complete(session, signers, side) && session.order().turnOf(side,
                complete(session, signers, SignerSide.OURS), complete(session, signers, SignerSide.THEIRS));
    }

    boolean turnOf(SigningStore.Session session, SigningStore.Signer signer) {
        return signer.status() == SignerStatus.PENDING
                && turnOf(session, store.signers(session.id()), signer.side());
    }

    /** Tells every pending signer whose side's turn has come and who was not told yet. */
    void invite(Contract contract, SigningStore.Session session, String actor) {
        var signers = store.signers(session.id());
        if (session.required(SignerSide.OURS) == 0 || session.required(SignerSide.THEIRS) == 0) {
            return; // a side without signers: nobody is asked to sign a contract that cannot be completed
        }
        for (var signer : signers) {
            if (signer.status() == SignerStatus.PENDING && signer.invitedAt() == null
                    && turnOf(session, signers, signer.side())) {
                sendInvitation(contract, session, signer, actor, SigningEvent.Kind.INVITED);
            }
        }
    }

    /**
     * Our users are told to sign in Qiyue; a contact gets a fresh one-time link (a reminder replaces the
     * earlier link, since only the link's hash is kept and it cannot be sent again).
     */
    void sendInvitation(Contract contract, SigningStore.Session session, SigningStore.Signer signer, String actor,
                        SigningEvent.Kind kind) {
        String link;
        SigningStore.Signer updated;
        if (signer.side() == SignerSide.OURS) {
            link = "/contracts/" + contract.id() + "/sign";
            updated = change(signer, SignerStatus.PENDING, s -> withInvitation(s, s.tokenHash(), now()));
        } else {
            String token = newToken();
            link = "/s/" + token;
            updated = change(signer, SignerStatus.PENDING, s -> withInvitation(s, Hashes.sha256Hex(token), now()));
        }
        record(session, updated, kind == SigningEvent.Kind.REMINDER ? SigningEventKind.REMINDED
                : SigningEventKind.INVITED, actor, Client.SYSTEM, mask(signer.email()));
        events.publishEvent(new SigningEvent(kind, contract.id(), contract.number(), contract.title(), contract.owner(),
                signer.username(), signer.name(), signer.username() == null ? signer.email() : null, link, null,
                session.expiresAt(), null, now()));
    }

    private static SigningStore.Signer withInvitation(SigningStore.Signer s, String tokenHash, Instant at) {
        return new SigningStore.Signer(s.id(), s.sessionId(), s.contractId(), s.side(), s.position(), s.username(),
                s.contactId(), s.name(), s.organisation(), s.email(), s.mobileMasked(), s.status(), tokenHash, at,
                s.codeHash(), s.codeExpiresAt(), s.codeAttempts(), s.identityMethod(), s.identityAt(), s.signedAt(),
                s.typedName(), s.sealId(), s.sealName(), s.ip(), s.userAgent(), s.declineReason(), s.forwardedTo(),
                s.forwardedFrom(), s.version());
    }

    // --- one-time codes

    /** A new six-digit code for the signer, valid for ten minutes; null when the last one was sent too recently. */
    String newCode(SigningStore.Signer signer) {
        if (signer.codeExpiresAt() != null
                && signer.codeExpiresAt().minus(CODE_VALIDITY).plus(CODE_RESEND_AFTER).isAfter(now())) {
            return null;
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        change(signer, SignerStatus.PENDING, s -> new SigningStore.Signer(s.id(), s.sessionId(), s.contractId(),
                s.side(), s.position(), s.username(), s.contactId(), s.name(), s.organisation(), s.email(),
                s.mobileMasked(), s.status(), s.tokenHash(), s.invitedAt(), codeHash(s.id(), code),
                now().plus(CODE_VALIDITY), s.codeAttempts(), s.identityMethod(), s.identityAt(), s.signedAt(),
                s.typedName(), s.sealId(), s.sealName(), s.ip(), s.userAgent(), s.declineReason(), s.forwardedTo(),
                s.forwardedFrom(), s.version()));
        return code;
    }

    enum CodeCheck { RIGHT, WRONG, LOCKED, EXPIRED }

    /**
     * Checks a code. A wrong one counts; the third wrong code locks the signer for good (the owner issues a new
     * request). Wrong attempts are written even when the caller's step then fails, so they run in their own
     * statement before anything else of the step.
     */
    CodeCheck checkCode(SigningStore.Signer signer, String code) {
        if (signer.codeHash() == null || signer.codeExpiresAt() == null || !signer.codeExpiresAt().isAfter(now())) {
            return CodeCheck.EXPIRED;
        }
        if (code != null && MessageDigest.isEqual(codeHash(signer.id(), code.strip()).getBytes(StandardCharsets.UTF_8),
                signer.codeHash().getBytes(StandardCharsets.UTF_8))) {
            return CodeCheck.RIGHT;
        }
        int attempts = signer.codeAttempts() + 1;
        SignerStatus next = attempts >= MAX_CODE_ATTEMPTS ? SignerStatus.LOCKED : SignerStatus.PENDING;
        change(signer, next, s -> new SigningStore.Signer(s.id(), s.sessionId(), s.contractId(), s.side(),
                s.position(), s.username(), s.contactId(), s.name(), s.organisation(), s.email(), s.mobileMasked(),
                next, s.tokenHash(), s.invitedAt(), s.codeHash(), s.codeExpiresAt(), attempts, s.identityMethod(),
                s.identityAt(), s.signedAt(), s.typedName(), s.sealId(), s.sealName(), s.ip(), s.userAgent(),
                s.declineReason(), s.forwardedTo(), s.forwardedFrom(), s.version()));
        return next == SignerStatus.LOCKED ? CodeCheck.LOCKED : CodeCheck.WRONG;
    }

    private static String codeHash(String signerId, String code) {
        return Hashes.sha256Hex((signerId + ":" + code).getBytes(StandardCharsets.UTF_8));
    }

    // --- completing and closing

    /**
     * After a signature: the side's remaining signers are voided once it has its n of m, the other side is
     * invited when its turn came, and with both sides complete the round closes and the contract is signed.
     */
    void afterSignature(Contract contract, SigningStore.Session session, String actor) {
        var signers = store.signers(session.id());
        for (SignerSide side : SignerSide.values()) {
            if (complete(session, signers, side)) {
                signers.stream().filter(s -> s.side() == side && s.status() == SignerStatus.PENDING)
                        .forEach(s -> change(s, SignerStatus.VOID, x -> x));
            }
        }
        if (complete(session, signers, SignerSide.OURS) && complete(session, signers, SignerSide.THEIRS)) {
            if (!store.close(session.id(), SessionStatus.COMPLETED, SigningMethod.ELECTRONIC,
                    java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))), now(), null)) {
                throw stale();
            }
            record(session, null, SigningEventKind.COMPLETED, actor, Client.SYSTEM, null);
            contracts.advance(contract.id(), ContractAction.SIGN, null, actor);
            tellOwner(contract, SigningEvent.Kind.COMPLETED, null);
            return;
        }
        invite(contract, store.session(session.id()).orElseThrow(), actor);
    }

    /** Ends an open round without a signed contract: every pending signer voided, their links dead. */
    void close(SigningStore.Session session, SessionStatus status, String reason, String actor) {
        if (!store.close(session.id(), status, session.method(), null, now(), reason)) {
            return;
        }
        for (var signer : store.signers(session.id())) {
            if (signer.status() == SignerStatus.PENDING || signer.status() == SignerStatus.LOCKED) {
                change(signer, SignerStatus.VOID, s -> s);
            }
        }
        record(session, null, switch (status) {
            case DECLINED -> SigningEventKind.DECLINED;
            case EXPIRED -> SigningEventKind.EXPIRED;
            default -> SigningEventKind.CANCELLED;
        }, actor, Client.SYSTEM, reason);
    }

    void tellOwner(Contract contract, SigningEvent.Kind kind, String detail) {
        events.publishEvent(new SigningEvent(kind, contract.id(), contract.number(), contract.title(), contract.owner(),
                contract.owner(), null, null, "/contracts/" + contract.id() + "/sign", null, null, detail, now()));
    }

    // --- evidence

    /** One step of the round, kept for the evidence report and written to the audit trail. */
    void record(SigningStore.Session session, SigningStore.Signer signer, SigningEventKind kind, String actor,
                Client client, String detail) {
        Instant at = now();
        String who = Text.isBlank(actor) ? "system" : actor;
        String shortDetail = detail == null ? null : detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        store.insertEvent(new SigningStore.Event(Ids.newId(), session.id(), session.contractId(),
                signer == null ? null : signer.id(), at, kind, who.length() > 200 ? who.substring(0, 200) : who,
                client.ip(), client.userAgent(), shortDetail));
        var changes = new ArrayList<EntityChanged.Change>();
        // the audit trail reads in words, like the evidence report (the code stays in the signing tables)
        changes.add(new EntityChanged.Change("signing", null, messages.getMessage("evidence.event." + kind.name(), null,
                kind.name(), java.util.Locale.SIMPLIFIED_CHINESE)));
        if (signer != null) {
            changes.add(new EntityChanged.Change("signer", null, signer.name()));
        }
        if (shortDetail != null) {
            changes.add(new EntityChanged.Change("detail", null, shortDetail));
        }
        events.publishEvent(new EntityChanged("CONTRACT", session.contractId(), EntityChanged.Action.UPDATE,
                auditActor(who), at, changes));
    }

    private static String auditActor(String who) {
        return who.length() > 64 ? who.substring(0, 64) : who;
    }

    static String contactActor(SigningStore.Signer signer) {
        String actor = "contact:" + signer.name();
        return actor.length() > 64 ? actor.substring(0, 64) : actor;
    }

    // --- helpers

    /** Moves a signer to {@code next} (as the table allows), with {@code edit} applied, or fails as stale. */
    SigningStore.Signer change(SigningStore.Signer signer, SignerStatus next,
                               java.util.function.UnaryOperator<SigningStore.Signer> edit) {
        if (signer.status() != next && !signer.status().mayBecome(next)) {
            throw new ConflictException("qiyue.signing.signer-state", signer.status(), next);
        }
        var edited = edit.apply(signer);
        var changed = new SigningStore.Signer(edited.id(), edited.sessionId(), edited.contractId(), edited.side(),
                edited.position(), edited.username(), edited.contactId(), edited.name(), edited.organisation(),
                edited.email(), edited.mobileMasked(), next, edited.tokenHash(), edited.invitedAt(), edited.codeHash(),
                edited.codeExpiresAt(), edited.codeAttempts(), edited.identityMethod(), edited.identityAt(),
                edited.signedAt(), edited.typedName(), edited.sealId(), edited.sealName(), edited.ip(),
                edited.userAgent(), edited.declineReason(), edited.forwardedTo(), edited.forwardedFrom(),
                signer.version());
        if (!store.updateSigner(changed)) {
            throw stale();
        }
        return store.signer(signer.id()).orElseThrow();
    }

    static ConflictException stale() {
        return new ConflictException("qiyue.signing.concurrent");
    }

    String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code zh***@example.com}: enough for a signer to recognise the address, not enough to harvest it. */
    static String mask(String email) {
        if (Text.isBlank(email)) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        String local = email.substring(0, at);
        return local.substring(0, Math.min(2, local.length())) + "***" + email.substring(at);
    }

}
