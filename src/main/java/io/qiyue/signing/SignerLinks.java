package io.qiyue.signing;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractAction;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.OurEntities;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.regex.Pattern;

/**
 * The customer's signing link ({@code /s/{token}}): one signer, one round, no account. A token is 256 random
 * bits of which only the SHA-256 is stored. Every token that does not open a pending request now — forged,
 * used, expired, locked, replaced, or of a round that ended — is the same "not found", so a link reveals
 * nothing about any contract but its own while it is valid.
 */
@Service
public class SignerLinks {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,63}");
    static final int MAX_NAME = 50;
    static final int MAX_REASON = 1000;

    private final SigningStore store;
    private final SigningRounds rounds;
    private final Signings signings;
    private final Contracts contracts;
    private final OurEntities ourEntities;
    private final SmsSender sms;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    SignerLinks(SigningStore store, SigningRounds rounds, Signings signings, Contracts contracts,
                OurEntities ourEntities, SmsSender sms, ApplicationEventPublisher events,
                PlatformTransactionManager transactions) {
        this.store = store;
        this.rounds = rounds;
        this.signings = signings;
        this.contracts = contracts;
        this.ourEntities = ourEntities;
        this.sms = sms;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * What the signer sees.
     *
     * @param turn          whether they may sign now (with a copied link before their turn, they may only read)
     * @param codeSent      a code was sent and is still valid
     * @param smsChannel    the masked mobile an SMS would go to, when one is on file
     * @param smsDelivers   whether an SMS provider is configured (otherwise the code goes by e-mail only)
     * @param blocked       why the document cannot be signed now (it names the parties otherwise than their records
     *                      now do), in the reader's words; null when it can be
     */
    public record LinkView(String contractNumber, String contractTitle, String customerName, String ourEntityName,
                           String signerName, String organisation, String emailMasked, String smsChannel,
                           boolean smsDelivers, boolean turn, boolean codeSent, boolean allowForward,
                           Instant expiresAt, String frozenSha256, boolean personSigner, String blocked) {
    }

    private record Opened(Contract contract, SigningStore.Session session, SigningStore.Signer signer) {
    }

    /** Resolves a token to a pending signer of an open, unexpired round of a contract in signing; else 404. */
    private Opened open(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw notFound();
        }
        var signer = store.signerByToken(io.qiyue.shared.Hashes.sha256Hex(token))
                .filter(s -> s.status() == SignerStatus.PENDING && s.side() == SignerSide.THEIRS)
                .orElseThrow(SignerLinks::notFound);
        var session = store.session(signer.sessionId()).filter(s -> s.status().open())
                .filter(s -> s.expiresAt().isAfter(rounds.now())).orElseThrow(SignerLinks::notFound);
        var contract = contracts.internal(signer.contractId());
        if (contract.status() != ContractStatus.SIGNING) {
            throw notFound();
        }
        return new Opened(contract, session, signer);
    }

    /**
     * Whether a link handed out as {@code /s/{token}} still opens a request: an e-mail queued with an older link
     * (replaced by a reminder, its signer taken off the plan, the round ended) is better not sent at all.
     */
    public boolean opens(String link) {
        if (link == null || !link.startsWith("/s/")) {
            return false;
        }
        try {
            open(link.substring("/s/".length()));
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    static NotFoundException notFound() {
        return new NotFoundException("qiyue.signing.link-not-found");
    }

    public LinkView view(String token, Client client) {
        var opened = open(token);
        var changed = rounds.partiesChanged(opened.session());
        tx.executeWithoutResult(status -> {
            rounds.record(opened.session(), opened.signer(), SigningEventKind.LINK_OPENED,
                    SigningRounds.contactActor(opened.signer()), client, null);
            if (!changed.isEmpty()) {
                // found as the customer opens the link: the owner hears of it now, not after a refused signature
                rounds.reportBlocked(opened.contract(), opened.session(), changed,
                        SigningRounds.contactActor(opened.signer()), client);
            }
        });
        return view(opened, changed);
    }

    private LinkView view(Opened o, java.util.List<io.qiyue.template.ChangedParticular> changed) {
        String ourName = o.contract().ourEntityId() == null ? null
                : ourEntities.find(o.contract().ourEntityId()).map(io.qiyue.customer.OurEntity::name).orElse(null);
        boolean codeSent = o.signer().codeExpiresAt() != null && o.signer().codeExpiresAt().isAfter(rounds.now());
        return new LinkView(o.contract().number(), o.contract().title(), o.contract().customerName(), ourName,
                o.signer().name(), o.signer().organisation(), SigningRounds.mask(o.signer().email()),
                o.signer().mobileMasked(), sms.delivers(), rounds.turnOf(o.session(), o.signer()), codeSent,
                o.session().allowForward(), o.session().expiresAt(), o.session().frozenSha256(),
                Text.isBlank(o.signer().organisation()), changed.isEmpty() ? null
                : rounds.partiesMessage(o.contract(), changed, "qiyue.signing.parties-changed-signer"));
    }

    /** The round's PDF as it stands (with the signatures so far), recorded as viewed. */
    public Signings.SignedFile document(String token, Client client) {
        var opened = open(token);
        var documents = store.documents(opened.session().id()).stream()
                .filter(d -> d.kind() != DocumentKind.PAPER_SCAN).toList();
        tx.executeWithoutResult(status -> rounds.record(opened.session(), opened.signer(),
                SigningEventKind.DOCUMENT_VIEWED, SigningRounds.contactActor(opened.signer()), client, null));
        return signings.file(documents.getLast());
    }

    /** A one-time code to the signer's e-mail (and to the SMS provider when a mobile is on file). */
    public void sendCode(String token, Client client) {
        var opened = open(token);
        if (!rounds.turnOf(opened.session(), opened.signer())) {
            throw new ConflictException("qiyue.signing.not-your-turn");
        }
        // no code for a document that cannot be signed now: the signer would type it only to be refused
        refuseIfBlocked(opened, client);
        String code = tx.execute(status -> rounds.newCode(opened.signer()));
        if (code == null) {
            throw new ConflictException("qiyue.signing.code-too-soon", SigningRounds.CODE_RESEND_AFTER.toSeconds());
        }
        var signer = opened.signer();
        tx.executeWithoutResult(status -> {
            rounds.record(opened.session(), signer, SigningEventKind.CODE_SENT, SigningRounds.contactActor(signer),
                    client, SigningRounds.mask(signer.email())
                            // only a channel that really carries the code is evidence of delivery
                            + (signer.mobileMasked() == null || !sms.delivers() ? "" : ", SMS " + signer.mobileMasked()));
            events.publishEvent(new SigningEvent(SigningEvent.Kind.CODE, opened.contract().id(),
                    opened.contract().number(), opened.contract().title(), opened.contract().owner(), null,
                    signer.name(), signer.email(), null, code, rounds.now().plus(SigningRounds.CODE_VALIDITY), null,
                    rounds.now()));
        });
        if (signer.contactId() != null && signer.mobileMasked() != null && sms.delivers()) {
            sms.sendCode(mobileOf(opened), opened.contract().number(), code);
        }
    }

    /**
     * Refuses (409, in the customer's words) while the round's document names the parties otherwise than their records
     * now do, before any code is sent or checked; the owner is told (once) that the round is blocked.
     */
    private void refuseIfBlocked(Opened opened, Client client) {
        var changed = rounds.partiesChanged(opened.session());
        if (!changed.isEmpty()) {
            tx.executeWithoutResult(status -> rounds.reportBlocked(opened.contract(), opened.session(), changed,
                    SigningRounds.contactActor(opened.signer()), client));
            throw rounds.partiesRefusal(opened.contract(), changed, "qiyue.signing.parties-changed-signer");
        }
    }

    private String mobileOf(Opened opened) {
        // the full number is the customer module's; only the masked one is kept with the signer
        return signings.contactMobile(opened.contract(), opened.signer().contactId());
    }

    /** How the customer's signature looks: their uploaded seal image, or a name stamp. */
    public record TheirSignature(String code, String typedName, byte[] sealImage, String sealFileName) {
    }

    /**
     * The customer signs: the code proves it is the contact (three wrong codes lock the link), the typed name
     * must be the signer's, and the seal (uploaded or a name stamp) is stamped before the signature.
     */
    public void sign(String token, TheirSignature input, Client client) {
        var opened = open(token);
        if (!rounds.turnOf(opened.session(), opened.signer())) {
            throw new ConflictException("qiyue.signing.not-your-turn");
        }
        refuseIfBlocked(opened, client);
        var violations = new ArrayList<FieldViolation>();
        if (input == null || Text.isBlank(input.code())) {
            violations.add(new FieldViolation("code", "qiyue.validation.required"));
        }
        String typed = input == null ? null : Text.blankToNull(input.typedName());
        if (typed == null) {
            violations.add(new FieldViolation("typedName", "qiyue.validation.required"));
        } else if (typed.length() > MAX_NAME) {
            violations.add(new FieldViolation("typedName", "qiyue.validation.size", 1, MAX_NAME));
        }
        byte[] seal = null;
        if (input != null && input.sealImage() != null && input.sealImage().length > 0) {
            try {
                seal = SealImages.normalise(input.sealImage(), input.sealFileName());
            } catch (InvalidInputException bad) {
                violations.addAll(bad.violations().stream()
                        .map(v -> new FieldViolation("sealImage", v.code(), v.args())).toList());
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var signer = opened.signer();
        var check = tx.execute(status -> rounds.checkCode(signer, input.code()));
        if (check != SigningRounds.CodeCheck.RIGHT) {
            tx.executeWithoutResult(status -> {
                var now = store.signer(signer.id()).orElseThrow();
                rounds.record(opened.session(), now, check == SigningRounds.CodeCheck.LOCKED
                        ? SigningEventKind.LOCKED : SigningEventKind.CODE_WRONG, SigningRounds.contactActor(signer),
                        client, null);
                if (check == SigningRounds.CodeCheck.LOCKED) {
                    rounds.tellOwner(opened.contract(), SigningEvent.Kind.LOCKED, signer.name());
                }
            });
            throw Signings.codeRefusal(check);
        }
        if (!sameName(typed, signer.name())) {
            throw new InvalidInputException("typedName", "qiyue.signing.typed-name-mismatch", signer.name());
        }
        if (seal == null && !Text.isBlank(signer.organisation())) {
            // a company signs under its seal (甲方（盖章）, 加盖公章或合同专用章): the signer's own name stamp would stand
            // in for a seal the company never set (outside tester); a person signing for themself keeps it. Checked
            // once the code is found right, which then stays good for the form sent again with the image
            throw new InvalidInputException("sealImage", "qiyue.signing.company-seal-required", signer.organisation());
        }
        byte[] stamp = seal != null ? seal : SealImages.nameStamp(signer.name());
        String sealName = seal != null ? "对方上传的印章" : "姓名章";
        signings.sign(new Signings.Turn(opened.contract(), opened.session(), signer), IdentityMethod.EMAIL_CODE,
                client, new Signings.SealChoice(null, sealName, stamp), typed);
    }

    static boolean sameName(String typed, String name) {
        return normalise(typed).equals(normalise(name));
    }

    private static String normalise(String name) {
        return name == null ? "" : name.replaceAll("[\\s\\u3000·•．.]", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** Declining ends the round: the contract goes back to the owner (APPROVED) with the reason. */
    public void decline(String token, String reason, Client client) {
        var opened = open(token);
        String why = Text.blankToNull(reason);
        if (why == null) {
            throw new InvalidInputException("reason", "qiyue.signing.decline-reason-required");
        }
        if (why.length() > MAX_REASON) {
            throw new InvalidInputException("reason", "qiyue.validation.size", 1, MAX_REASON);
        }
        var signer = opened.signer();
        String actor = SigningRounds.contactActor(signer);
        tx.executeWithoutResult(status -> {
            var declined = rounds.change(signer, SignerStatus.DECLINED, s -> new SigningStore.Signer(s.id(),
                    s.sessionId(), s.contractId(), s.side(), s.position(), s.username(), s.contactId(), s.name(),
                    s.organisation(), s.email(), s.mobileMasked(), s.status(), s.tokenHash(), s.invitedAt(), null, null,
                    s.codeAttempts(), s.identityMethod(), s.identityAt(), s.signedAt(), s.typedName(), s.sealId(),
                    s.sealName(), client.ip(), client.userAgent(), why, s.forwardedTo(), s.forwardedFrom(),
                    s.version()));
            rounds.record(opened.session(), declined, SigningEventKind.DECLINED, actor, client, why);
            rounds.close(store.session(opened.session().id()).orElseThrow(), SessionStatus.DECLINED,
                    signer.name() + "：" + why, actor);
            contracts.advance(opened.contract().id(), ContractAction.CANCEL_SIGNING,
                    "拒签（" + signer.name() + "）：" + why, actor);
            rounds.tellOwner(opened.contract(), SigningEvent.Kind.DECLINED, signer.name() + "：" + why);
        });
    }

    /** The contact hands the signature to a colleague (name and e-mail), when the owner allowed forwarding. */
    public void forward(String token, String name, String email, Client client) {
        var opened = open(token);
        if (!opened.session().allowForward()) {
            throw new ConflictException("qiyue.signing.forward-not-allowed");
        }
        var violations = new ArrayList<FieldViolation>();
        String cleanName = Text.blankToNull(name);
        String cleanEmail = Text.blankToNull(email);
        if (cleanName == null) {
            violations.add(new FieldViolation("name", "qiyue.validation.required"));
        } else if (cleanName.length() > MAX_NAME) {
            violations.add(new FieldViolation("name", "qiyue.validation.size", 1, MAX_NAME));
        }
        if (cleanEmail == null) {
            violations.add(new FieldViolation("email", "qiyue.validation.required"));
        } else if (cleanEmail.length() > 200 || !EMAIL.matcher(cleanEmail).matches()) {
            violations.add(new FieldViolation("email", "qiyue.signing.email-invalid"));
        } else if (cleanEmail.equalsIgnoreCase(opened.signer().email())) {
            violations.add(new FieldViolation("email", "qiyue.signing.forward-to-self"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var from = opened.signer();
        tx.executeWithoutResult(status -> {
            var colleague = new SigningStore.Signer(Ids.newId(), from.sessionId(), from.contractId(), from.side(),
                    from.position(), null, null, cleanName, from.organisation(), cleanEmail, null, SignerStatus.PENDING,
                    null, null, null, null, 0, null, null, null, null, null, null, null, null, null, null, from.id(), 1);
            signings.forward(new Signings.Turn(opened.contract(), opened.session(), from), colleague, client,
                    SigningRounds.contactActor(from));
        });
    }
}
