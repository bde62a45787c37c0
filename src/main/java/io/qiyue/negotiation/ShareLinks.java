package io.qiyue.negotiation;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.Contact;
import io.qiyue.customer.Customers;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.Hashes;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Share links of contract drafts: made and revoked by whoever may change the contract, listed to whoever may
 * read it, and resolved from a token for the customer's pages. A token is 256 random bits, base64url; only its
 * SHA-256 is stored, so neither the table nor a backup opens a draft. Every use is recorded with its address
 * and goes to the audit trail.
 */
@Service
public class ShareLinks {
    public static final int DEFAULT_DAYS = 14;
    public static final int MAX_DAYS = 90;
    static final String AUDIT_TYPE = "SHARE_LINK";
    /** 32 bytes in base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int USES_SHOWN = 200;
    private static final Map<String, String> SORT = Map.of("createdAt", "created_at", "expiresAt", "expires_at");

    private final Contracts contracts;
    private final Customers customers;
    private final NegotiationStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final SecureRandom random = new SecureRandom();

    ShareLinks(Contracts contracts, Customers customers, NegotiationStore store, ApplicationEventPublisher events,
               Clock clock, PlatformTransactionManager transactions) {
        this.contracts = contracts;
        this.customers = customers;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Who the link is for (a contact of the contract's customer, optional) and for how many days (1–90, default 14). */
    public record ShareLinkInput(String contactId, Integer expiresInDays) {
    }

    /** A new link with its token, which is shown this once and never again. */
    public record Created(ShareLink link, String token) {
    }

    public Created create(String contractId, ShareLinkInput input) {
        Contract contract = contracts.getChangeable(contractId);
        if (contract.status() != ContractStatus.DRAFT) {
            throw new ConflictException("qiyue.negotiation.not-draft", contract.status());
        }
        // the link shows the customer's details (name, address, the person's particulars): not for a sharer who
        // may not read them, who would read them through the link
        customers.stewardIfHidden(contract.customerId()).ifPresent(hidden -> {
            throw new io.qiyue.shared.ForbiddenException(hidden.code("qiyue.negotiation.customer-restricted"),
                    hidden.args());
        });
        int days = input == null || input.expiresInDays() == null ? DEFAULT_DAYS : input.expiresInDays();
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("expiresInDays", "qiyue.negotiation.expires-range", 1, MAX_DAYS);
        }
        Contact contact = null;
        String contactId = input == null ? null : Text.isBlank(input.contactId()) ? null : input.contactId().trim();
        if (contactId != null) {
            contact = customers.inFull(contract.customerId()).stream().flatMap(c -> c.contacts().stream())
                    .filter(c -> c.id().equals(contactId)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("contactId", "qiyue.negotiation.contact-unknown"));
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        var row = new NegotiationStore.LinkRow(Ids.newId(), contractId, contact == null ? null : contact.id(),
                contact == null ? null : contact.name(), now, CurrentUsers.actorName(), now.plus(Duration.ofDays(days)),
                null, null);
        tx.executeWithoutResult(s -> {
            store.insertLink(row, contract.customerId(), Hashes.sha256Hex(token));
            events.publishEvent(new EntityChanged(AUDIT_TYPE, row.id(), EntityChanged.Action.CREATE, row.createdBy(),
                    now, List.of(new EntityChanged.Change("contractId", null, contractId),
                    new EntityChanged.Change("contact", null, row.contactName()),
                    new EntityChanged.Change("expiresAt", null, row.expiresAt().toString()))));
        });
        return new Created(view(row, now), token);
    }

    /** The contract's links, newest first, with their uses; for whoever may read the contract. */
    public List<ShareLink> list(String contractId) {
        contracts.get(contractId);
        Instant now = clock.instant();
        return store.links(contractId).stream().map(row -> view(row, now)).toList();
    }

    /**
     * One page of the contract's links with their uses, for whoever may read it; {@code sort} by
     * {@code createdAt} (default, newest first) or {@code expiresAt}.
     */
    public PageResult<ShareLink> page(String contractId, Integer page, Integer size, String sort) {
        var paging = Paging.of(page, size, sort, SORT, "createdAt,desc");
        contracts.get(contractId);
        Instant now = clock.instant();
        return store.links(contractId, paging).map(row -> view(row, now));
    }

    /** One link with its uses, for whoever may read its contract (404 otherwise, as for a link that does not exist). */
    public ShareLink get(String linkId) {
        var row = store.link(linkId).filter(r -> contracts.findVisible(r.contractId()).isPresent())
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "share-link", linkId));
        return view(row, clock.instant());
    }

    /** Whether the caller may make and revoke links of this contract (a draft they may change). */
    public boolean mayShare(Contract contract) {
        return contract.status() == ContractStatus.DRAFT && contracts.mayChange(contract);
    }

    /** Revokes a link: 404 outside the caller's read scope, 403 without write access; revoking twice is no error. */
    public ShareLink revoke(String linkId) {
        var row = store.link(linkId).orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "share-link",
                linkId));
        Optional<Contract> visible = contracts.findVisible(row.contractId());
        if (visible.isEmpty()) {
            throw new NotFoundException("qiyue.problem.not-found", "share-link", linkId);
        }
        contracts.getChangeable(row.contractId());
        Instant now = clock.instant();
        String actor = CurrentUsers.actorName();
        tx.executeWithoutResult(s -> {
            if (store.revoke(linkId, now, actor)) {
                events.publishEvent(new EntityChanged(AUDIT_TYPE, linkId, EntityChanged.Action.DELETE, actor, now,
                        List.of(new EntityChanged.Change("revokedAt", null, now.toString()))));
            }
        });
        return view(store.link(linkId).orElseThrow(), now);
    }

    /**
     * Revokes, in the transaction of the change, the links of a draft that moved to another customer: made for the
     * first customer's people, they would show them the new customer's particulars (outside tester).
     */
    @org.springframework.context.event.EventListener
    void on(io.qiyue.contract.ContractSaved saved) {
        var contract = saved.contract();
        if (saved.moveOnly() || contract.version() <= 1 || contract.customerId() == null) {
            return;
        }
        Instant now = clock.instant();
        for (String linkId : store.liveLinksForOtherCustomers(contract.id(), contract.customerId())) {
            if (store.revoke(linkId, now, saved.actor())) {
                events.publishEvent(new EntityChanged(AUDIT_TYPE, linkId, EntityChanged.Action.DELETE, saved.actor(),
                        now, List.of(new EntityChanged.Change("revokedAt", null, now.toString()),
                        new EntityChanged.Change("customerId", null, contract.customerId()))));
            }
        }
    }

    /**
     * The link a token opens, when it is valid now: well formed, known, not revoked, not expired. Empty
     * otherwise, whatever the reason, so that callers answer every refused token alike.
     */
    public Optional<LinkAccess> resolve(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.linkByToken(Hashes.sha256Hex(token))
                .filter(row -> row.revokedAt() == null && now.isBefore(row.expiresAt()))
                .map(row -> new LinkAccess(row.id(), row.contractId(), row.contactName()));
    }

    /**
     * Records one use of a valid link, with the address it came from, in the caller's transaction when there
     * is one: in the link's list of uses and in the audit trail.
     */
    public void recordUse(LinkAccess access, ShareLink.UseAction action, String ip, String userAgent) {
        Instant now = clock.instant();
        String address = Text.isBlank(ip) ? "unknown" : ip.length() > 64 ? ip.substring(0, 64) : ip;
        String agent = userAgent == null ? null : userAgent.length() > 300 ? userAgent.substring(0, 300) : userAgent;
        tx.executeWithoutResult(s -> {
            store.insertUse(Ids.newId(), access.linkId(), now, action, address, agent);
            events.publishEvent(new EntityChanged(AUDIT_TYPE, access.linkId(), EntityChanged.Action.UPDATE,
                    actor(access), now, List.of(new EntityChanged.Change("use", null, action.name() + " " + address))));
        });
    }

    /** How a link's holder appears as an actor in the audit trail: no user, the link. */
    static String actor(LinkAccess access) {
        return "share-link:" + access.linkId();
    }

    private ShareLink view(NegotiationStore.LinkRow row, Instant now) {
        ShareLink.Status status = row.revokedAt() != null ? ShareLink.Status.REVOKED
                : now.isBefore(row.expiresAt()) ? ShareLink.Status.ACTIVE : ShareLink.Status.EXPIRED;
        return new ShareLink(row.id(), row.contractId(), row.contactId(), row.contactName(), row.createdAt(),
                row.createdBy(), row.expiresAt(), row.revokedAt(), row.revokedBy(), status,
                new ArrayList<>(store.uses(row.id(), USES_SHOWN)));
    }
}
