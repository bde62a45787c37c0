package io.qiyue.signing;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntities;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.PreconditionRequiredException;
import io.qiyue.shared.RequestIdempotency;
import io.qiyue.shared.Text;
import io.qiyue.signing.pdf.PdfSignatures;
import io.qiyue.signing.pdf.SignatureCheck;
import io.qiyue.signing.pdf.SignatureRequest;
import io.qiyue.signing.pdf.SignerIdentity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Signing as our users see it: who signs (the plan), the round's state, our signatory's signature after
 * confirming intent, paper signing, the files, the signatures with their validity, the evidence report and the
 * verification of a dropped PDF. Reads follow the contract's data scope (signers may read what they sign);
 * the plan and paper signing need the right to change the contract.
 */
@Service
public class Signings {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int MAX_SIGNERS_PER_SIDE = 10;
    static final long MAX_SCAN_BYTES = 20L * 1024 * 1024;

    private final SigningStore store;
    private final SigningRounds rounds;
    private final Contracts contracts;
    private final Customers customers;
    private final OurEntities ourEntities;
    private final UserAdministration users;
    private final PdfSignatures pdf;
    private final Seals seals;
    private final EvidenceReportPdf evidencePdf;
    private final ApplicationEventPublisher events;
    private final io.qiyue.template.ContractDocuments contractDocuments;
    private final TransactionTemplate tx;

    Signings(SigningStore store, SigningRounds rounds, Contracts contracts, Customers customers,
             OurEntities ourEntities, UserAdministration users, PdfSignatures pdf, Seals seals,
             EvidenceReportPdf evidencePdf, io.qiyue.template.ContractDocuments contractDocuments,
             ApplicationEventPublisher events,
             PlatformTransactionManager transactions) {
        this.store = store;
        this.rounds = rounds;
        this.contractDocuments = contractDocuments;
        this.contracts = contracts;
        this.customers = customers;
        this.ourEntities = ourEntities;
        this.users = users;
        this.pdf = pdf;
        this.seals = seals;
        this.evidencePdf = evidencePdf;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    // --- the plan

    /** The stored plan, or what would be used if none is stored (version 0). */
    public SigningPlan plan(String contractId) {
        Contract contract = contracts.get(contractId);
        return store.plan(contractId).orElseGet(() -> rounds.defaultPlan(contract));
    }

    /**
     * Sets who signs and in which order. Before signing starts, and during an open round: the signers of a side
     * nobody has signed for yet are then replaced and invited anew when they change (a customer signer added after
     * our side signed), and a side whose signers stay the same keeps them; a side someone has signed for keeps its
     * signers, its count and the order, which the plan must repeat as it stands (409 otherwise), so that no
     * signature is made under one plan and counted under another, and then neither side may be left without
     * signers. A stored plan is changed with its version.
     */
    public SigningPlan setPlan(String contractId, Integer expectedVersion, SigningPlan.SignersInput input) {
        Contract contract = changeable(contractId);
        var stored = store.plan(contractId);
        if (stored.isPresent() && expectedVersion == null) {
            throw new PreconditionRequiredException("qiyue.problem.if-match-required");
        }
        if (stored.isPresent() && stored.get().version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", stored.get().version());
        }
        var plan = validate(contract, input);
        if (stored.isPresent() && stored.get().sameArrangement(plan)) {
            // nothing changes: no new version (another editor's If-Match still holds) and no signer invited anew
            return stored.get();
        }
        String actor = CurrentUsers.require().username();
        return tx.execute(status -> {
            var open = store.openSession(contractId);
            if (!(contract.status().editable() || contract.status() == ContractStatus.IN_APPROVAL
                    || contract.status() == ContractStatus.APPROVED || open.isPresent())) {
                throw new ConflictException("qiyue.signing.plan-closed", contract.status().name());
            }
            var settled = java.util.EnumSet.noneOf(SignerSide.class);
            open.ifPresent(session -> store.signers(session.id()).stream()
                    .filter(s -> s.status() == SignerStatus.SIGNED).forEach(s -> settled.add(s.side())));
            var before = stored.orElseGet(() -> rounds.defaultPlan(contract));
            for (var side : settled) {
                if (plan.order() != before.order() || !plan.sameSigners(side, before)) {
                    throw new ConflictException("qiyue.signing.plan-after-signature");
                }
            }
            if (!settled.isEmpty()) {
                // once someone signed, a side without signers could complete neither on paper nor by signature
                for (var side : SignerSide.values()) {
                    if (plan.signers(side) == 0) {
                        throw new InvalidInputException(side == SignerSide.OURS ? "ours" : "theirs",
                                "qiyue.signing.side-without-signer-after-signature");
                    }
                }
            }
            // a side whose signers stay the same keeps them: nobody is voided and asked again for nothing
            var kept = java.util.EnumSet.copyOf(settled);
            for (var side : SignerSide.values()) {
                if (plan.sameSigners(side, before)) {
                    kept.add(side);
                }
            }
            if (stored.isEmpty()) {
                store.insertPlan(contractId, plan, rounds.now(), actor);
            } else if (!store.updatePlan(contractId, expectedVersion, plan, rounds.now(), actor)) {
                throw new PreconditionFailedException("qiyue.problem.stale-raced", expectedVersion);
            }
            open.ifPresent(session -> {
                var replaced = rounds.replaceSigners(contract, session, plan, actor, kept);
                rounds.invite(contract, replaced, actor);
            });
            return store.plan(contractId).orElseThrow();
        });
    }

    private SigningPlan validate(Contract contract, SigningPlan.SignersInput input) {
        var violations = new ArrayList<FieldViolation>();
        if (input == null) {
            throw new InvalidInputException("order", "qiyue.validation.required");
        }
        var ours = input.ours() == null ? List.<SigningPlan.OurSigner>of() : input.ours();
        var theirs = input.theirs() == null ? List.<SigningPlan.TheirSigner>of() : input.theirs();
        if (ours.size() > MAX_SIGNERS_PER_SIDE) {
            violations.add(new FieldViolation("ours", "qiyue.signing.too-many-signers", MAX_SIGNERS_PER_SIDE));
        }
        if (theirs.size() > MAX_SIGNERS_PER_SIDE) {
            violations.add(new FieldViolation("theirs", "qiyue.signing.too-many-signers", MAX_SIGNERS_PER_SIDE));
        }
        var seen = new HashSet<String>();
        boolean sealed = sealed(contract);
        for (int i = 0; i < ours.size() && i < MAX_SIGNERS_PER_SIDE; i++) {
            var signer = ours.get(i);
            String field = "ours[" + i + "].userId";
            var refusal = signer == null ? Optional.of(new FieldViolation(field, "qiyue.validation.required"))
                    : refusalAsOurSigner(field, signer.userId(), contract, sealed);
            if (refusal.isPresent()) {
                violations.add(refusal.get());
            } else if (!seen.add(signer.userId())) {
                violations.add(new FieldViolation(field, "qiyue.signing.duplicate-signer"));
            }
        }
        var customer = customers.inFull(contract.customerId()).orElse(null);
        for (int i = 0; i < theirs.size() && i < MAX_SIGNERS_PER_SIDE; i++) {
            var signer = theirs.get(i);
            String field = "theirs[" + i + "].contactId";
            if (signer == null || Text.isBlank(signer.contactId())) {
                violations.add(new FieldViolation(field, "qiyue.validation.required"));
                continue;
            }
            var contact = customer == null ? null : customer.contacts().stream()
                    .filter(c -> c.id().equals(signer.contactId())).findFirst().orElse(null);
            if (contact == null) {
                violations.add(new FieldViolation(field, "qiyue.signing.unknown-contact"));
            } else if (Text.isBlank(contact.email())) {
                violations.add(new FieldViolation(field, "qiyue.signing.contact-without-email", contact.name()));
            } else if (!seen.add(signer.contactId())) {
                violations.add(new FieldViolation(field, "qiyue.signing.duplicate-signer"));
            }
        }
        checkRequired(input.oursRequired(), ours.size(), "oursRequired", violations);
        checkRequired(input.theirsRequired(), theirs.size(), "theirsRequired", violations);
        int days = input.expiresInDays() == null ? SigningPlan.DEFAULT_EXPIRY_DAYS : input.expiresInDays();
        if (days < 1 || days > SigningPlan.MAX_EXPIRY_DAYS) {
            violations.add(new FieldViolation("expiresInDays", "qiyue.signing.expiry-range", 1,
                    SigningPlan.MAX_EXPIRY_DAYS));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new SigningPlan(input.order() == null ? SigningOrder.OURS_FIRST : input.order(), ours, theirs,
                input.oursRequired(), input.theirsRequired(), Boolean.TRUE.equals(input.allowForward()), days, 0, true);
    }

    private static void checkRequired(Integer required, int size, String field, List<FieldViolation> violations) {
        if (required != null && (required < 1 || required > Math.max(size, 1))) {
            violations.add(new FieldViolation(field, "qiyue.signing.required-range", 1, Math.max(size, 1)));
        }
    }

    /** Whether our entity seals its contracts: then only who may use one of its seals signs for it. */
    private boolean sealed(Contract contract) {
        return contract.ourEntityId() != null && seals.list(contract.ourEntityId()).stream().anyMatch(Seal::active);
    }

    /**
     * Why the user cannot sign for our side of the contract, if they cannot. Asked of whoever becomes our signer,
     * named in the plan or forwarded the signature, so that forwarding cannot hand it to someone the plan refuses.
     */
    private Optional<FieldViolation> refusalAsOurSigner(String field, String userId, Contract contract,
                                                        boolean sealed) {
        if (Text.isBlank(userId)) {
            return Optional.of(new FieldViolation(field, "qiyue.validation.required"));
        }
        Optional<User> user = findUser(userId);
        if (user.isEmpty() || !user.get().enabled()) {
            return Optional.of(new FieldViolation(field, "qiyue.signing.unknown-user", userId));
        }
        if (user.get().readOnly()) {
            return Optional.of(new FieldViolation(field, "qiyue.signing.viewer-cannot-sign", user.get().username()));
        }
        if (sealed && seals.usableBy(user.get().username(), contract.ourEntityId()).isEmpty()) {
            // said now, not when the signatory tries to sign: the company's seals decide who signs for it
            return Optional.of(new FieldViolation(field, "qiyue.signing.signer-without-seal", user.get().username()));
        }
        return Optional.empty();
    }

    private Optional<User> findUser(String id) {
        try {
            return Optional.of(users.get(id));
        } catch (NotFoundException unknown) {
            return Optional.empty();
        }
    }

    // --- the round

    /** The latest round of a readable contract; empty before signing ever started. */
    public Optional<SigningStatus> status(String contractId) {
        contracts.get(contractId);
        return store.latestSession(contractId).map(this::view);
    }

    SigningStatus view(SigningStore.Session session) {
        var signers = store.signers(session.id());
        var views = signers.stream().map(s -> new SignerView(s.id(), s.side(), s.position(), s.name(), s.organisation(),
                SigningRounds.mask(s.email()), s.mobileMasked(), s.status(),
                s.status() == SignerStatus.PENDING && rounds.turnOf(session, signers, s.side()), s.invitedAt(),
                s.identityMethod(), s.identityAt(), s.signedAt(), s.sealName(), s.declineReason(), s.forwardedTo(),
                s.username())).toList();
        var missing = new ArrayList<SignerSide>();
        if (session.status().open()) {
            for (SignerSide side : SignerSide.values()) {
                if (session.required(side) == 0) {
                    missing.add(side);
                }
            }
        }
        return new SigningStatus(session.contractId(), session.id(), session.status(), session.method(),
                session.order(), session.oursRequired(), session.theirsRequired(), session.allowForward(),
                session.approvedSha256(), session.frozenSha256(), session.currentSha256(), session.expiresAt(),
                session.signedOn(), session.closeReason(), views, missing, session.createdAt(), session.createdBy(),
                session.version(), session.status().open() ? rounds.partyChanges(rounds.partiesChanged(session))
                        : List.of());
    }

    /** What the caller may do on the round now: sign (their turn), request a code, forward. */
    public Optional<SignerView> mySignerNow(String contractId) {
        String me = CurrentUsers.require().username();
        return store.openSession(contractId).flatMap(session -> {
            var signers = store.signers(session.id());
            return signers.stream().filter(s -> me.equals(s.username()) && s.status() == SignerStatus.PENDING)
                    .findFirst().map(s -> view(session).signers().stream().filter(v -> v.id().equals(s.id()))
                            .findFirst().orElseThrow());
        });
    }

    /** A one-time code to the caller's e-mail, for confirming their signature instead of the password. */
    public void sendOurCode(String contractId, Client client) {
        var turn = ourTurn(contractId);
        String code = tx.execute(status -> rounds.newCode(turn.signer()));
        if (code == null) {
            throw new ConflictException("qiyue.signing.code-too-soon", SigningRounds.CODE_RESEND_AFTER.toSeconds());
        }
        if (Text.isBlank(turn.signer().email())) {
            throw new ConflictException("qiyue.signing.no-email");
        }
        tx.executeWithoutResult(status -> {
            rounds.record(turn.session(), turn.signer(), SigningEventKind.CODE_SENT, turn.signer().username(), client,
                    SigningRounds.mask(turn.signer().email()));
            events.publishEvent(new SigningEvent(SigningEvent.Kind.CODE, contractId, turn.contract().number(),
                    turn.contract().title(), turn.contract().owner(), turn.signer().username(), turn.signer().name(),
                    null, null, code, rounds.now().plus(SigningRounds.CODE_VALIDITY), null, rounds.now()));
        });
    }

    record Turn(Contract contract, SigningStore.Session session, SigningStore.Signer signer) {
    }

    /** The caller as a pending signer of ours whose turn has come, or why not. */
    private Turn ourTurn(String contractId) {
        Contract contract = contracts.get(contractId);
        String me = CurrentUsers.require().username();
        var session = store.openSession(contractId)
                .orElseThrow(() -> new ConflictException("qiyue.signing.no-open-round", contract.number()));
        var mine = store.signers(session.id()).stream()
                .filter(s -> s.side() == SignerSide.OURS && me.equals(s.username())).toList();
        if (mine.isEmpty()) {
            throw new ForbiddenException("qiyue.signing.not-a-signer");
        }
        // one who was a signer of this round and has acted may not act again: a conflict with what they did, not a
        // lack of right (outside tester: signing twice answered 403)
        var signer = mine.stream()
                .filter(s -> s.status() == SignerStatus.PENDING || s.status() == SignerStatus.LOCKED)
                .findFirst().orElseThrow(() -> new ConflictException("qiyue.signing.already-acted",
                        contract.number()));
        if (signer.status() == SignerStatus.LOCKED) {
            throw new ConflictException("qiyue.signing.locked");
        }
        // the plan refused a viewer; one demoted since the plan was made signs nothing for us either
        if (CurrentUsers.require().readOnly()) {
            throw new ForbiddenException("qiyue.signing.viewer-cannot-sign", me);
        }
        if (!rounds.turnOf(session, signer)) {
            throw new ConflictException("qiyue.signing.not-your-turn");
        }
        return new Turn(contract, session, signer);
    }

    /** What our signatory sends: their password or the code, and optionally which of their seals to use. */
    public record OurSignature(String password, String code, String sealId) {
    }

    /**
     * Our signatory signs, after confirming intent with their password or a one-time code (意愿认证): the seal
     * they may use is stamped (with a 骑缝章), the PDF is signed with their certificate, and the contract moves on
     * when every side has signed.
     */
    public SigningStatus signAsUs(String contractId, OurSignature input, Client client) {
        var earlier = signedAsRetried(contractId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        var turn = ourTurn(contractId);
        IdentityMethod method;
        if (input != null && !Text.isBlank(input.code())) {
            var check = tx.execute(status -> rounds.checkCode(turn.signer(), input.code()));
            if (check != SigningRounds.CodeCheck.RIGHT) {
                tx.executeWithoutResult(status -> rounds.record(turn.session(), turn.signer(),
                        check == SigningRounds.CodeCheck.LOCKED ? SigningEventKind.LOCKED : SigningEventKind.CODE_WRONG,
                        turn.signer().username(), client, null));
                throw codeRefusal(check);
            }
            method = IdentityMethod.EMAIL_CODE;
        } else {
            if (input == null || Text.isBlank(input.password())) {
                throw new InvalidInputException(List.of(new FieldViolation("password", "qiyue.signing.confirm-required")));
            }
            if (!users.confirmOwnPassword(client.ip(), input.password())) {
                tx.executeWithoutResult(status -> rounds.record(turn.session(), turn.signer(),
                        SigningEventKind.PASSWORD_WRONG, turn.signer().username(), client, null));
                throw new InvalidInputException("password", "qiyue.signing.password-wrong");
            }
            method = IdentityMethod.PASSWORD;
        }
        var seal = ourSeal(turn, input == null ? null : input.sealId());
        var signed = sign(turn, method, client, seal, turn.signer().name());
        return view(signed);
    }

    static RuntimeException codeRefusal(SigningRounds.CodeCheck check) {
        return switch (check) {
            case EXPIRED -> new InvalidInputException("code", "qiyue.signing.code-expired");
            case LOCKED -> new ConflictException("qiyue.signing.locked");
            default -> new InvalidInputException("code", "qiyue.signing.code-wrong");
        };
    }

    /** The seal stamped for a signer: its id (when one of ours), a name for the record, and the image. */
    record SealChoice(String sealId, String name, byte[] png) {
    }

    private SealChoice ourSeal(Turn turn, String sealId) {
        String entityId = turn.contract().ourEntityId();
        if (entityId == null) {
            return new SealChoice(null, "姓名章", SealImages.nameStamp(turn.signer().name()));
        }
        var usable = seals.usableBy(turn.signer().username(), entityId);
        if (sealId != null && !sealId.isBlank()) {
            var chosen = usable.stream().filter(s -> s.id().equals(sealId)).findFirst().orElseThrow(() ->
                    // a seal of the company the signer may not use is refused; an id that is none of its seals is
                    // a mistake in the request
                    seals.list(entityId).stream().anyMatch(s -> s.id().equals(sealId))
                            ? new ForbiddenException("qiyue.signing.seal-not-allowed")
                            : new InvalidInputException("sealId", "qiyue.validation.unknown-reference", sealId));
            return new SealChoice(chosen.id(), chosen.name(), seals.image(chosen.id()));
        }
        if (usable.isEmpty()) {
            if (seals.list(entityId).stream().anyMatch(Seal::active)) {
                // the company has seals but has not let this person use one: signing without it would look sealed
                throw new ForbiddenException("qiyue.signing.no-usable-seal");
            }
            return new SealChoice(null, "姓名章", SealImages.nameStamp(turn.signer().name()));
        }
        var preferred = usable.stream().filter(s -> s.kind() == SealKind.CONTRACT).findFirst().orElse(usable.get(0));
        return new SealChoice(preferred.id(), preferred.name(), seals.image(preferred.id()));
    }

    /**
     * Signs the round's current file for the signer. The PDF is signed outside the transaction; the new file,
     * the signer's state, the seal's use and the evidence are stored together only if the round did not move on
     * meanwhile (its version), so two signers at the same moment never lose a signature: the later one retries.
     */
    SigningStore.Session sign(Turn turn, IdentityMethod method, Client client, SealChoice seal, String typedName) {
        // checked when the round started, and again at each signature: a customer blacklisted meanwhile signs
        // nothing more with us, nor do we with them
        customers.inFull(turn.contract().customerId()).filter(c -> c.status() == CustomerStatus.BLACKLISTED)
                .ifPresent(c -> {
                    throw new ConflictException("qiyue.contract.customer-blacklisted", c.name());
                });
        var session = turn.session();
        // and at each signature, that the frozen document still names the parties as their records do: a party's
        // record changed during the round stops it until the contract is approved again with a new document; the
        // owner is told at once (outside tester: only the customer learnt of it, after typing their code)
        var changed = rounds.partiesChanged(session);
        if (!changed.isEmpty()) {
            String who = turn.signer().username() != null ? turn.signer().username()
                    : SigningRounds.contactActor(turn.signer());
            tx.executeWithoutResult(status -> rounds.reportBlocked(turn.contract(), session, changed, who, client));
            throw rounds.partiesRefusal(turn.contract(), changed,
                    turn.signer().side() == SignerSide.THEIRS ? "qiyue.signing.parties-changed-signer"
                            : "qiyue.signing.parties-changed-in-round");
        }
        var documents = store.documents(session.id());
        var current = documents.get(documents.size() - 1);
        byte[] before = store.content(current.id());
        var signer = turn.signer();
        var identity = new SignerIdentity(signer.username() != null ? "user:" + signer.username()
                : "contact:" + (signer.contactId() != null ? signer.contactId() : signer.id()), signer.name(),
                signer.organisation(), signer.email());
        var at = rounds.now();
        String reason = (signer.side() == SignerSide.OURS ? "乙方签署" : "甲方签署") + "：" + signer.name()
                + (Text.isBlank(signer.organisation()) ? "" : "（" + signer.organisation() + "）");
        byte[] after = pdf.sign(before, new SignatureRequest(identity, signer.side().partySide(), reason, "中国",
                at, seal.png(), true, rounds.concludedBy(session, signer)));
        String sha = io.qiyue.shared.Hashes.sha256Hex(after);
        String actor = signer.username() != null ? signer.username() : SigningRounds.contactActor(signer);
        return tx.execute(status -> {
            if (!store.advanceDocument(session.id(), session.version(), sha)) {
                throw SigningRounds.stale();
            }
            store.insertDocument(session.contractId(), session.id(), current.seq() + 1, DocumentKind.SIGNED,
                    "application/pdf", turn.contract().number() + "-signed.pdf", after, sha, signer.id(), at, actor);
            var signedSigner = rounds.change(signer, SignerStatus.SIGNED, s -> new SigningStore.Signer(s.id(),
                    s.sessionId(), s.contractId(), s.side(), s.position(), s.username(), s.contactId(), s.name(),
                    s.organisation(), s.email(), s.mobileMasked(), s.status(), s.tokenHash(), s.invitedAt(), null, null,
                    s.codeAttempts(), method, at, at, typedName, seal.sealId(), seal.name(), client.ip(),
                    client.userAgent(), null, null, s.forwardedFrom(), s.version()));
            rounds.record(session, signedSigner, method == IdentityMethod.PASSWORD
                    ? SigningEventKind.PASSWORD_CONFIRMED : SigningEventKind.CODE_VERIFIED, actor, client, null);
            if (seal.sealId() != null) {
                seals.recordUse(seal.sealId(), session.contractId(), signer.username(), session.frozenSha256(),
                        "签署 " + turn.contract().number());
            }
            // which image was stamped, by its hash: an uploaded or generated stamp is evidence as much as a seal
            rounds.record(session, signedSigner, SigningEventKind.SEAL_USED, actor, client,
                    seal.name() + " · SHA-256 " + io.qiyue.shared.Hashes.sha256Hex(seal.png()));
            rounds.record(session, signedSigner, SigningEventKind.SIGNED, actor, client, "SHA-256 " + sha);
            rounds.tellOwner(turn.contract(), SigningEvent.Kind.SIGNED, signer.name());
            rounds.afterSignature(turn.contract(), store.session(session.id()).orElseThrow(), actor);
            return store.session(session.id()).orElseThrow();
        });
    }

    /** Our signer hands the signature to a colleague, when the owner allowed forwarding. */
    public SigningStatus forwardOurs(String contractId, String toUserId, Client client) {
        var turn = ourTurn(contractId);
        if (!turn.session().allowForward()) {
            throw new ConflictException("qiyue.signing.forward-not-allowed");
        }
        var refusal = refusalAsOurSigner("userId", toUserId, turn.contract(), sealed(turn.contract()));
        if (refusal.isPresent()) {
            throw new InvalidInputException(List.of(refusal.get()));
        }
        var to = findUser(toUserId).orElseThrow();
        if (to.username().equals(turn.signer().username())) {
            throw new InvalidInputException("userId", "qiyue.signing.forward-to-self");
        }
        if (store.signers(turn.session().id()).stream().anyMatch(s -> to.username().equals(s.username())
                && s.status() != SignerStatus.FORWARDED && s.status() != SignerStatus.VOID)) {
            throw new InvalidInputException("userId", "qiyue.signing.duplicate-signer");
        }
        return tx.execute(status -> {
            var colleague = new SigningStore.Signer(io.qiyue.shared.Ids.newId(), turn.session().id(), contractId,
                    SignerSide.OURS, turn.signer().position(), to.username(), null,
                    Text.isBlank(to.displayName()) ? to.username() : to.displayName(), turn.signer().organisation(),
                    to.email(), null, SignerStatus.PENDING, null, null, null, null, 0, null, null, null, null, null,
                    null, null, null, null, null, turn.signer().id(), 1);
            forward(turn, colleague, client, turn.signer().username());
            return view(store.session(turn.session().id()).orElseThrow());
        });
    }

    void forward(Turn turn, SigningStore.Signer colleague, Client client, String actor) {
        if (!store.touch(turn.session().id(), turn.session().version())) {
            throw SigningRounds.stale();
        }
        store.insertSigner(colleague);
        var from = rounds.change(turn.signer(), SignerStatus.FORWARDED, s -> new SigningStore.Signer(s.id(),
                s.sessionId(), s.contractId(), s.side(), s.position(), s.username(), s.contactId(), s.name(),
                s.organisation(), s.email(), s.mobileMasked(), s.status(), s.tokenHash(), s.invitedAt(), s.codeHash(),
                s.codeExpiresAt(), s.codeAttempts(), s.identityMethod(), s.identityAt(), s.signedAt(), s.typedName(),
                s.sealId(), s.sealName(), client.ip(), client.userAgent(), s.declineReason(), colleague.id(),
                s.forwardedFrom(), s.version()));
        rounds.record(turn.session(), from, SigningEventKind.FORWARDED, actor, client,
                colleague.name() + (colleague.email() == null ? "" : " " + SigningRounds.mask(colleague.email())));
        var session = store.session(turn.session().id()).orElseThrow();
        rounds.sendInvitation(turn.contract(), session, store.signer(colleague.id()).orElseThrow(), actor,
                SigningEvent.Kind.INVITED);
    }

    /**
     * The owner asks a signer again: a new request (and link) in place of a locked or unanswered one; the old
     * link stops working.
     */
    public SigningStatus reissue(String contractId, String signerId) {
        Contract contract = changeable(contractId);
        String actor = CurrentUsers.require().username();
        // a round whose document no longer names the parties as their records do is signed by no one: a request
        // sent again would only be refused once the signer has typed their code
        store.openSession(contractId).ifPresent(open -> {
            var changed = rounds.partiesChanged(open);
            if (!changed.isEmpty()) {
                tx.executeWithoutResult(status -> rounds.reportBlocked(contract, open, changed, actor,
                        Client.SYSTEM));
                throw rounds.partiesRefusal(contract, changed, "qiyue.signing.parties-changed-in-round");
            }
        });
        return tx.execute(status -> {
            var session = store.openSession(contractId)
                    .orElseThrow(() -> new ConflictException("qiyue.signing.no-open-round", contract.number()));
            var signer = store.signer(signerId).filter(s -> s.sessionId().equals(session.id()))
                    .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "signer", signerId));
            if (signer.status() != SignerStatus.PENDING && signer.status() != SignerStatus.LOCKED) {
                // the states by their labels; a replaced signer's request is sent again to the one who replaced them
                // (outside tester: "VOID" cannot become "PENDING")
                throw new ConflictException(signer.status() == SignerStatus.VOID ? "qiyue.signing.reissue-void"
                        : "qiyue.signing.signer-state", signer.status(), SignerStatus.PENDING);
            }
            if (!store.touch(session.id(), session.version())) {
                throw SigningRounds.stale();
            }
            var fresh = new SigningStore.Signer(io.qiyue.shared.Ids.newId(), session.id(), contractId, signer.side(),
                    signer.position(), signer.username(), signer.contactId(), signer.name(), signer.organisation(),
                    signer.email(), signer.mobileMasked(), SignerStatus.PENDING, null, null, null, null, 0, null, null,
                    null, null, null, null, null, null, null, null, signer.id(), 1);
            rounds.change(signer, SignerStatus.VOID, s -> s);
            store.insertSigner(fresh);
            var current = store.session(session.id()).orElseThrow();
            if (rounds.turnOf(current, store.signers(session.id()), fresh.side())
                    && current.required(SignerSide.OURS) > 0 && current.required(SignerSide.THEIRS) > 0) {
                rounds.sendInvitation(contract, current, store.signer(fresh.id()).orElseThrow(), actor,
                        SigningEvent.Kind.INVITED);
            }
            return view(store.session(session.id()).orElseThrow());
        });
    }

    // --- paper

    /**
     * Paper signing (线下签署): the frozen PDF was printed and signed by hand; the scan is kept beside it and the
     * contract is signed as of {@code signingDate}. Only before any electronic signature of the round.
     */
    public SigningStatus paperSigned(String contractId, byte[] scan, String fileName, LocalDate signingDate) {
        return paperSigned(contractId, scan, fileName, signingDate, false);
    }

    /**
     * {@link #paperSigned(String, byte[], String, LocalDate)}, for a round whose document may no longer name the
     * parties as their records do: the paper may well have been signed before the change, so it is not refused
     * outright, but without {@code acknowledgeChangedParticulars} the answer is a 409 naming each particular
     * (outside tester: a paper signing completed such a round unnoticed); with it the round completes and the
     * evidence and the audit trail record what was acknowledged.
     */
    public SigningStatus paperSigned(String contractId, byte[] scan, String fileName, LocalDate signingDate,
                                     boolean acknowledgeChangedParticulars) {
        Contract contract = changeable(contractId);
        var violations = new ArrayList<FieldViolation>();
        String mediaType = scan == null || scan.length == 0 ? null : scanType(scan);
        if (scan == null || scan.length == 0) {
            violations.add(new FieldViolation("file", "qiyue.validation.required"));
        } else if (scan.length > MAX_SCAN_BYTES) {
            violations.add(new FieldViolation("file", "qiyue.signing.scan-too-large", MAX_SCAN_BYTES / 1024 / 1024));
        } else if (mediaType == null) {
            violations.add(new FieldViolation("file", "qiyue.signing.scan-type"));
        } else if (mediaType.equals("application/pdf")
                && !io.qiyue.template.ContractDocuments.readablePdf(scan)) {
            // kept as the signed contract: a file that only starts like a PDF would be a signed copy nobody can open
            violations.add(new FieldViolation("file", "qiyue.document.damaged"));
        } else if (mediaType.equals("application/pdf")) {
            // another contract's document (downloaded, or its signed copy) is never this one's signed scan
            io.qiyue.template.ContractDocuments.madeForContract(scan).filter(n -> !n.equals(contract.number()))
                    .ifPresent(other -> violations.add(new FieldViolation("file",
                            "qiyue.signing.scan-of-other-contract", other, contract.number())));
        }
        if (violations.isEmpty()) {
            scanOfAnotherContract(scan, contractId).ifPresent(other -> violations.add(new FieldViolation("file",
                    "qiyue.signing.scan-kept-for-other-contract", other, contract.number())));
        }
        if (violations.isEmpty()) {
            var earlier = paperSigningRetried(contractId, scan, signingDate);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        var session = store.openSession(contractId)
                .orElseThrow(() -> new ConflictException("qiyue.signing.no-open-round", contract.number()));
        LocalDate today = LocalDate.ofInstant(rounds.now(), CHINA);
        if (signingDate == null) {
            violations.add(new FieldViolation("signingDate", "qiyue.validation.required"));
        } else if (signingDate.isAfter(today)) {
            violations.add(new FieldViolation("signingDate", "qiyue.signing.date-in-future"));
        } else if (signingDate.isBefore(session.createdAt().atZone(CHINA).toLocalDate())) {
            violations.add(new FieldViolation("signingDate", "qiyue.signing.date-before-start",
                    session.createdAt().atZone(CHINA).toLocalDate()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var changed = rounds.partiesChanged(session);
        if (!changed.isEmpty() && !acknowledgeChangedParticulars) {
            throw rounds.partiesRefusal(contract, changed, "qiyue.signing.paper-parties-changed");
        }
        String acknowledged = changed.isEmpty() ? "" : "；" + rounds.paperAcknowledgedDetail(changed);
        String actor = CurrentUsers.require().username();
        return tx.execute(status -> {
            var current = store.openSession(contractId).orElseThrow(SigningRounds::stale);
            if (store.signers(current.id()).stream().anyMatch(s -> s.status() == SignerStatus.SIGNED)) {
                throw new ConflictException("qiyue.signing.paper-after-signature");
            }
            var documents = store.documents(current.id());
            String sha = io.qiyue.shared.Hashes.sha256Hex(scan);
            if (store.documentBySha(sha).isPresent()) {
                // a file this system produced (the frozen PDF itself, another contract's) is no signed scan
                throw new InvalidInputException("file", "qiyue.signing.scan-is-system-file");
            }
            if (!store.advanceDocument(current.id(), current.version(), sha)) {
                throw SigningRounds.stale();
            }
            String extension = mediaType.equals("application/pdf") ? ".pdf"
                    : mediaType.equals("image/png") ? ".png" : ".jpg";
            store.insertDocument(contractId, current.id(), documents.get(documents.size() - 1).seq() + 1,
                    DocumentKind.PAPER_SCAN, mediaType, contract.number() + "-paper" + extension, scan, sha, null,
                    rounds.now(), actor);
            if (!store.close(current.id(), SessionStatus.COMPLETED, SigningMethod.PAPER, signingDate, rounds.now(),
                    fileName == null ? null : Text.strip(fileName))) {
                throw SigningRounds.stale();
            }
            for (var signer : store.signers(current.id())) {
                if (signer.status() == SignerStatus.PENDING || signer.status() == SignerStatus.LOCKED) {
                    rounds.change(signer, SignerStatus.VOID, s -> s);
                }
            }
            rounds.record(current, null, SigningEventKind.PAPER_SIGNED, actor, Client.SYSTEM,
                    signingDate + ", SHA-256 " + sha + acknowledged);
            contractDocuments.recordSignedScan(contractId, scan, mediaType, fileName);
            contracts.advance(contractId, io.qiyue.contract.ContractAction.SIGN, "线下签署 " + signingDate, actor);
            rounds.tellOwner(contract, SigningEvent.Kind.COMPLETED, null);
            return view(store.session(current.id()).orElseThrow());
        });
    }

    /**
     * A legacy contract's signed scan, attached when it comes into this system already signed (an import): kept as
     * a completed paper round whose only file is the scan (its original and its signed document at once, since no
     * PDF of this system ever existed for it), so that it downloads where a paper-signed scan does. False when the
     * contract has a signing round already (a re-run of the same import attaches nothing twice).
     */
    /**
     * Under an Idempotency-Key, the round in which the caller already signed for us: the retry of a signature whose
     * answer was lost after its commit (the instance died before the key kept it) is answered with the round as it
     * is, not refused as "not your turn", and no second signature is made.
     */
    private Optional<SigningStatus> signedAsRetried(String contractId) {
        if (RequestIdempotency.idFor("our-signature").isEmpty()) {
            return Optional.empty();
        }
        String actor = CurrentUsers.require().username();
        return store.latestSession(contractId)
                .filter(s -> store.signers(s.id()).stream().anyMatch(signer -> signer.side() == SignerSide.OURS
                        && actor.equals(signer.username()) && signer.status() == SignerStatus.SIGNED))
                .map(this::view);
    }

    /**
     * Under an Idempotency-Key, the round a retried paper signing completed the first time: this contract's last
     * round closed on paper on this date with this very scan, recorded by this user. The answer can be lost after
     * the commit (the instance died before the key kept it); the retry must then say it is done, not that no round
     * is open.
     */
    private Optional<SigningStatus> paperSigningRetried(String contractId, byte[] scan, LocalDate signingDate) {
        if (RequestIdempotency.idFor("paper-signing").isEmpty()) {
            return Optional.empty();
        }
        String actor = CurrentUsers.require().username();
        return store.latestSession(contractId)
                .filter(s -> s.status() == SessionStatus.COMPLETED && s.method() == SigningMethod.PAPER
                        && java.util.Objects.equals(s.signedOn(), signingDate))
                .filter(s -> store.documentBySha(io.qiyue.shared.Hashes.sha256Hex(scan))
                        .filter(d -> d.kind() == DocumentKind.PAPER_SCAN && s.id().equals(d.sessionId())
                                && actor.equals(d.createdBy())).isPresent())
                .map(this::view);
    }

    /** Whether the contract has any signing round (open or closed): an import attaches no scan beside one. */
    public boolean hasSigningRecord(String contractId) {
        return store.latestSession(contractId).isPresent();
    }

    /**
     * The number of another contract whose signed scan is these very bytes: one sheet of paper signed once is the
     * signed copy of one contract (an outside tester attached one scan to two).
     */
    public Optional<String> scanOfAnotherContract(byte[] scan, String contractId) {
        return store.scanOfAnotherContract(io.qiyue.shared.Hashes.sha256Hex(scan), contractId)
                .map(id -> contracts.internal(id).number());
    }

    public boolean attachLegacyScan(String contractId, byte[] scan, String fileName, java.time.LocalDate signedOn) {
        Contract contract = changeable(contractId);
        if (!contract.status().inForce() && contract.status() != io.qiyue.contract.ContractStatus.EXPIRED
                && contract.status() != io.qiyue.contract.ContractStatus.TERMINATED
                && contract.status() != io.qiyue.contract.ContractStatus.RENEWED) {
            throw new ConflictException("qiyue.signing.legacy-scan-unsigned", contract.number());
        }
        String mediaType = scan == null || scan.length == 0 ? null : scanType(scan);
        if (scan == null || scan.length == 0 || mediaType == null) {
            throw new InvalidInputException("file", "qiyue.signing.scan-type");
        }
        if (scan.length > MAX_SCAN_BYTES) {
            throw new InvalidInputException("file", "qiyue.signing.scan-too-large", MAX_SCAN_BYTES / 1024 / 1024);
        }
        var other = scanOfAnotherContract(scan, contractId);
        if (other.isPresent()) {
            throw new InvalidInputException("file", "qiyue.signing.scan-kept-for-other-contract", other.get(),
                    contract.number());
        }
        String actor = CurrentUsers.require().username();
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (store.latestSession(contractId).isPresent()) {
                return false;
            }
            String sha = io.qiyue.shared.Hashes.sha256Hex(scan);
            var now = rounds.now();
            var session = new SigningStore.Session(io.qiyue.shared.Ids.newId(), contractId, contract.version(),
                    SessionStatus.OPEN, SigningMethod.PAPER, SigningOrder.PARALLEL, 0, 0, false, sha, sha, sha, now,
                    null, null, null, null, now, actor, 1);
            store.insertSession(session);
            String extension = mediaType.equals("application/pdf") ? ".pdf"
                    : mediaType.equals("image/png") ? ".png" : ".jpg";
            store.insertDocument(contractId, session.id(), 1, DocumentKind.FROZEN, mediaType,
                    contract.number() + "-original" + extension, scan, sha, null, now, actor);
            store.insertDocument(contractId, session.id(), 2, DocumentKind.PAPER_SCAN, mediaType,
                    contract.number() + "-paper" + extension, scan, sha, null, now, actor);
            store.close(session.id(), SessionStatus.COMPLETED, SigningMethod.PAPER, signedOn, now,
                    fileName == null ? null : Text.strip(fileName));
            rounds.record(store.session(session.id()).orElseThrow(), null, SigningEventKind.PAPER_SIGNED, actor,
                    Client.SYSTEM, "导入 " + (fileName == null ? "" : Text.strip(fileName)) + ", SHA-256 " + sha);
            contractDocuments.recordSignedScan(contractId, scan, mediaType, fileName);
            return true;
        }));
    }

    /** PDF, PNG or JPEG recognised by their first bytes; null for anything else. */
    static String scanType(byte[] content) {
        if (content.length >= 5 && content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F') {
            return "application/pdf";
        }
        if (content.length >= 8 && (content[0] & 0xff) == 0x89 && content[1] == 'P' && content[2] == 'N'
                && content[3] == 'G') {
            return "image/png";
        }
        if (content.length >= 3 && (content[0] & 0xff) == 0xFF && (content[1] & 0xff) == 0xD8
                && (content[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        return null;
    }

    // --- files

    /** A stored file of a signing round. */
    public record SignedFile(byte[] content, String mediaType, String fileName, String sha256) {
    }

    /**
     * The signed document: the final signed PDF of an electronic signing, or the scan of a paper one (the
     * frozen original stays available as {@link #frozenDocument}).
     */
    public SignedFile signedDocument(String contractId) {
        contractDocuments.requireCustomerDetailsInClear(contractId);
        var session = store.latestSession(contractId).filter(s -> s.status() == SessionStatus.COMPLETED)
                .orElseThrow(() -> new NotFoundException("qiyue.signing.not-signed"));
        return file(store.documents(session.id()).getLast());
    }

    /** The PDF frozen when signing started (for printing), or the round's file as it stands with {@code current}. */
    public SignedFile frozenDocument(String contractId, boolean current) {
        contractDocuments.requireCustomerDetailsInClear(contractId);
        var session = store.latestSession(contractId)
                .orElseThrow(() -> new NotFoundException("qiyue.signing.not-started"));
        var documents = store.documents(session.id()).stream().filter(d -> d.kind() != DocumentKind.PAPER_SCAN)
                .toList();
        return file(current ? documents.getLast() : documents.getFirst());
    }

    SignedFile file(SigningStore.Document document) {
        return new SignedFile(store.content(document.id()), document.mediaType(), document.fileName(),
                document.sha256());
    }

    /** Every signature of the contract's current signed file, verified now. */
    public List<SignatureView> signatures(String contractId) {
        contracts.get(contractId);
        var session = store.latestSession(contractId);
        if (session.isEmpty() || session.get().method() == SigningMethod.PAPER) {
            return List.of();
        }
        var documents = store.documents(session.get().id());
        var last = documents.getLast();
        if (last.kind() != DocumentKind.SIGNED) {
            return List.of();
        }
        var signers = store.signers(session.get().id());
        var signedInOrder = documents.stream().filter(d -> d.kind() == DocumentKind.SIGNED)
                .map(d -> signers.stream().filter(s -> s.id().equals(d.signerId())).findFirst().orElse(null))
                .toList();
        return views(pdf.verify(store.content(last.id())), signedInOrder);
    }

    private static List<SignatureView> views(List<SignatureCheck> checks, List<SigningStore.Signer> signers) {
        var views = new ArrayList<SignatureView>();
        for (var check : checks) {
            int i = check.index();
            SignerSide side = i >= 0 && i < signers.size() && signers.get(i) != null ? signers.get(i).side() : null;
            views.add(new SignatureView(check.index() + 1, check.signerName(), check.organisation(), side,
                    check.reason(), check.signingTime(), check.valid(), check.intact(), check.signatureValid(),
                    check.issuedByThisInstallation(), check.coversWholeDocument(), check.timestamped(),
                    check.timestampTime(), maskEmails(check.certificateSubject()), check.certificateSerialHex(),
                    check.certificateSha256()));
        }
        return views;
    }

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^\\s,=<>\"]+@[^\\s,<>\"]+");

    /** A certificate subject as shown: e-mail addresses masked like the signers' own (the PDF holds them whole). */
    static String maskEmails(String subject) {
        return subject == null ? null
                : EMAIL.matcher(subject).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                        SigningRounds.mask(m.group())));
    }

    /**
     * Whether a PDF is an unaltered file of this installation's signings: its SHA-256 on record, and its
     * signatures valid and made with our CA's certificates. The contract is named only when the file is on
     * record — whoever holds an exact copy already holds its number and title.
     */
    public Verification verify(byte[] content) {
        CurrentUsers.require();
        if (content == null || content.length == 0) {
            throw new InvalidInputException("file", "qiyue.validation.required");
        }
        if (content.length > MAX_SCAN_BYTES) {
            throw new InvalidInputException("file", "qiyue.signing.scan-too-large", MAX_SCAN_BYTES / 1024 / 1024);
        }
        if (!"application/pdf".equals(scanType(content))) {
            throw new InvalidInputException("file", "qiyue.signing.verify-not-pdf");
        }
        String sha = io.qiyue.shared.Hashes.sha256Hex(content);
        List<SignatureCheck> checks;
        try {
            checks = pdf.verify(content);
        } catch (RuntimeException unreadable) {
            throw new InvalidInputException("file", "qiyue.signing.verify-unreadable");
        }
        var record = store.documentBySha(sha);
        var signatures = views(checks, List.of());
        boolean allValid = !checks.isEmpty() && checks.stream().allMatch(SignatureCheck::valid);
        boolean issuedHere = !checks.isEmpty() && checks.stream().allMatch(SignatureCheck::issuedByThisInstallation);
        if (record.isEmpty()) {
            return new Verification(sha, false, false, null, false, null, null, null, signatures, allValid, issuedHere);
        }
        var doc = record.get();
        var session = store.session(doc.sessionId()).orElseThrow();
        var documents = store.documents(session.id());
        boolean finalFile = session.status() == SessionStatus.COMPLETED && documents.getLast().id().equals(doc.id());
        var contract = contracts.internal(doc.contractId());
        boolean signedOriginal = finalFile && doc.kind() == DocumentKind.SIGNED && allValid && issuedHere;
        return new Verification(sha, true, signedOriginal, doc.kind(), finalFile, contract.id(), contract.number(),
                contract.title(), signatures, allValid, issuedHere);
    }

    // --- evidence report

    /**
     * The evidence report (存证报告) of the contract's latest round, as a PDF. It names the signers' addresses,
     * e-mail and browsers: for whoever may change the contract (its owner's side, legal, admins), not every reader.
     */
    public byte[] evidence(String contractId, Locale locale) {
        Contract contract = changeable(contractId);
        var session = store.latestSession(contractId)
                .orElseThrow(() -> new NotFoundException("qiyue.signing.not-started"));
        var signers = store.signers(session.id());
        var documents = store.documents(session.id());
        var signerViews = signers.stream().map(s -> new EvidenceReport.Signer(s.side().name(), s.position(), s.name(),
                s.organisation(), s.email(), s.mobileMasked(), s.status().name(),
                s.identityMethod() == null ? (session.method() == SigningMethod.PAPER ? "PAPER" : null)
                        : s.identityMethod().name(), s.identityAt(), s.signedAt(), s.ip(), s.userAgent(), s.sealName(),
                s.declineReason())).toList();
        var signatures = new ArrayList<EvidenceReport.SignatureInfo>();
        var last = documents.getLast();
        java.time.LocalDate concludedFilledIn = null;
        if (last.kind() == DocumentKind.SIGNED) {
            byte[] signedFile = store.content(last.id());
            if (session.status() == SessionStatus.COMPLETED) {
                concludedFilledIn = pdf.concludedDate(signedFile).orElse(null);
            }
            for (var check : pdf.verify(signedFile)) {
                signatures.add(new EvidenceReport.SignatureInfo(check.index() + 1, check.signerName(),
                        check.organisation(), check.signingTime(), check.valid(), check.timestamped(),
                        check.timestampTime(), check.certificateSubject(), check.certificateSerialHex(),
                        check.certificateSha256()));
            }
        }
        var names = new java.util.HashMap<String, String>();
        signers.forEach(s -> names.put(s.id(), s.name()));
        var eventViews = store.events(session.id()).stream().map(e -> new EvidenceReport.Event(e.at(),
                e.kind().name(), e.actor(), e.ip(), e.userAgent(),
                e.signerId() == null ? e.detail() : names.getOrDefault(e.signerId(), "")
                        + (e.detail() == null ? "" : " · " + e.detail()))).toList();
        String ourNameNow = contract.ourEntityId() == null ? null
                : ourEntities.find(contract.ourEntityId()).map(io.qiyue.customer.OurEntity::name).orElse(null);
        // the parties as the signed document names them (outside tester: renamed after signing, the report printed the
        // new names beside a signed PDF and a signer table saying the old ones); the records' names when they differ
        var printed = contractDocuments.printedParticulars(contract.id(), session.contractVersion());
        var changedNames = new java.util.HashMap<String, String>();
        if (printed.containsKey("customer.name") || printed.containsKey("ourEntity.name")) {
            contractDocuments.changedParticulars(contract.id(), session.contractVersion()).stream()
                    .filter(c -> c.printed() != null && c.current() != null)
                    .forEach(c -> changedNames.put(c.field(), c.current()));
        }
        String customerName = printed.getOrDefault("customer.name", contract.customerName());
        String ourName = printed.getOrDefault("ourEntity.name", ourNameNow);
        String signedSha = session.status() == SessionStatus.COMPLETED ? last.sha256() : null;
        boolean paper = session.method() == SigningMethod.PAPER && session.status() == SessionStatus.COMPLETED;
        // a legacy contract's scan (attachLegacyScan) stands in for its approved and frozen texts, which never were
        boolean importedScan = paper && signedSha != null && signedSha.equals(session.frozenSha256());
        var report = new EvidenceReport(contract.id(), contract.number(), contract.title(), customerName, ourName, importedScan ? null : session.approvedSha256(), importedScan ? null : session.frozenSha256(),
                signedSha, rounds.now(), CurrentUsers.require().username(), signerViews, signatures, eventViews,
                paper ? session.signedOn() : null, importedScan,
                contract.terms() == null || contract.terms().signing() == null ? null
                        : contract.terms().signing().date(),
                session.status() != SessionStatus.COMPLETED ? null : paper ? session.signedOn()
                        : session.closedAt() == null ? null : session.closedAt().atZone(CHINA).toLocalDate(),
                changedNames.get("customer.name"), changedNames.get("ourEntity.name"), concludedFilledIn);
        return evidencePdf.render(report, locale);
    }

    /**
     * Whether our user is still asked to sign the contract: a signer of its open round who has not signed, declined or
     * forwarded, while the round runs. A request to sign (待您签署) queued before the round ended — signed on paper,
     * taken back, expired — or before they signed is better not sent.
     */
    public boolean awaitsSignature(String contractId, String username) {
        return store.openSession(contractId).filter(session -> session.expiresAt().isAfter(rounds.now()))
                .map(session -> store.signers(session.id()).stream().anyMatch(s -> username.equals(s.username())
                        && s.status() == SignerStatus.PENDING))
                .orElse(false);
    }

    /** The contracts waiting for the caller's signature now (their side's turn has come). */
    public List<String> waitingForMe() {
        String me = CurrentUsers.require().username();
        var ids = new ArrayList<String>();
        for (var signer : store.pendingFor(me)) {
            var session = store.session(signer.sessionId()).orElse(null);
            if (session != null && rounds.turnOf(session, signer)) {
                ids.add(signer.contractId());
            }
        }
        return ids;
    }

    /** A contact's full mobile number, for the SMS provider only (never shown or stored with the signer). */
    String contactMobile(Contract contract, String contactId) {
        return customers.inFull(contract.customerId()).flatMap(c -> c.contacts().stream()
                .filter(x -> x.id().equals(contactId)).findFirst()).map(io.qiyue.customer.Contact::mobile).orElse(null);
    }

    private Contract changeable(String contractId) {
        Contract contract = contracts.get(contractId);
        if (!contracts.mayChange(contract)) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        return contract;
    }
}
