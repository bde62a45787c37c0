package io.qiyue.negotiation;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractInput;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.VersionCause;
import io.qiyue.negotiation.Negotiation.AuthorKind;
import io.qiyue.negotiation.Negotiation.ClauseStatus;
import io.qiyue.negotiation.Negotiation.Comment;
import io.qiyue.negotiation.Negotiation.CommentThread;
import io.qiyue.negotiation.Negotiation.Decision;
import io.qiyue.negotiation.Negotiation.Proposal;
import io.qiyue.negotiation.Negotiation.ProposedClause;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionRequiredException;
import io.qiyue.shared.Text;
import io.qiyue.template.ContractDocuments;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The negotiation of a contract: what the customer's contact says and proposes through a share link, and how
 * the owner answers and decides. An accepted clause is saved into the draft with {@link Contracts#update}, so
 * it is a normal saved version, reviewed again before the contract can be submitted.
 */
@Service
public class Negotiations {
    static final int MAX_TEXT = 4000;
    static final int MAX_CLAUSES = 50;
    static final int MAX_REASON = 1000;
    /** How the audit trail names what the owner decides and answers. */
    static final String AUDIT_PROPOSAL = "NEGOTIATION_PROPOSAL";
    static final String AUDIT_COMMENT = "NEGOTIATION_COMMENT";

    private final Contracts contracts;
    private final ContractDocuments documents;
    private final NegotiationStore store;
    private final ShareLinks links;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;

    private final io.qiyue.shared.web.FieldLabels fieldLabels;

    Negotiations(Contracts contracts, ContractDocuments documents, NegotiationStore store, ShareLinks links,
                 ApplicationEventPublisher events, JsonMapper json, Clock clock,
                 PlatformTransactionManager transactions, io.qiyue.shared.web.FieldLabels fieldLabels) {
        this.fieldLabels = fieldLabels;
        this.contracts = contracts;
        this.documents = documents;
        this.store = store;
        this.links = links;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A comment of the contact: on one clause (its key) or, without one, on the document. */
    public record CommentInput(String clauseKey, String body) {
    }

    /** New wording for one clause. */
    public record ClauseWording(String clauseKey, String text) {
    }

    /** A proposal: new wording for one or more clauses, and a note on why (optional). */
    public record ProposalInput(List<ClauseWording> clauses, String note) {
    }

    // ---- the customer's side, through a valid link (the caller resolved it)

    /** What the link's holder sees; records the view as a use of the link. */
    public CounterpartyView view(LinkAccess access, String ip, String userAgent) {
        links.recordUse(access, ShareLink.UseAction.VIEW, ip, userAgent);
        return counterpartyView(access);
    }

    /** The page as it is, without recording a use (a form shown again with its errors). */
    public CounterpartyView counterpartyView(LinkAccess access) {
        Contract contract = contracts.internal(access.contractId());
        var clauses = forCounterparty(clauses(contract.terms()));
        var labels = labels(clauses);
        // answers on the link show no one's name: the contact deals with the company, not with its staff
        var threads = threads(store.comments(contract.id(), access.linkId()), labels).stream()
                .map(t -> new CommentThread(t.comment(), t.replies().stream().map(r -> new Comment(r.id(),
                        r.clauseKey(), r.clauseLabel(), r.body(), r.authorKind(), null, r.replyTo(), r.createdAt()))
                        .toList())).toList();
        return new CounterpartyView(contract.number(), contract.title(), contract.status(),
                contract.status() == ContractStatus.DRAFT,
                store.link(access.linkId()).map(NegotiationStore.LinkRow::expiresAt).orElse(null),
                documents.sharedText(contract.id()), clauses, threads,
                proposals(store.proposals(contract.id(), access.linkId()), clauses, labels));
    }

    /** The clauses the link's holder may comment on and propose wording for, with their wording now. */
    public List<NegotiableClause> clauses(LinkAccess access) {
        return forCounterparty(clauses(contracts.internal(access.contractId()).terms()));
    }

    /** A comment of the contact; only while the contract is a draft (409 otherwise), like a proposal. */
    public Comment comment(LinkAccess access, CommentInput input, String ip, String userAgent) {
        Contract contract = contracts.internal(access.contractId());
        if (contract.status() != ContractStatus.DRAFT) {
            throw new ConflictException("qiyue.negotiation.closed-comments");
        }
        var clauses = forCounterparty(clauses(contract.terms()));
        var violations = new ArrayList<FieldViolation>();
        String clauseKey = input == null || Text.isBlank(input.clauseKey()) ? null : input.clauseKey().trim();
        if (clauseKey != null && clauses.stream().noneMatch(c -> c.key().equals(clauseKey))) {
            violations.add(new FieldViolation("clauseKey", "qiyue.negotiation.clause-unknown"));
        }
        String body = input == null ? null : Text.isBlank(input.body()) ? null : lines(input.body());
        if (body == null) {
            violations.add(new FieldViolation("body", "qiyue.negotiation.text-required"));
        } else if (!unrenderable("body", body, violations) && body.length() > MAX_TEXT) {
            violations.add(new FieldViolation("body", "qiyue.negotiation.text-too-long", MAX_TEXT));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Instant now = clock.instant();
        String id = Ids.newId();
        String author = authorName(access);
        tx.executeWithoutResult(s -> {
            store.insertComment(id, contract.id(), access.linkId(), clauseKey, body, AuthorKind.COUNTERPARTY, author,
                    null, now);
            links.recordUse(access, ShareLink.UseAction.COMMENT, ip, userAgent);
            events.publishEvent(new NegotiationEvent(NegotiationEvent.Kind.COMMENTED, contract.id(), contract.number(),
                    contract.title(), contract.owner(), access.contactName(), summary(body), now));
        });
        return new Comment(id, clauseKey, clauseKey == null ? null : labels(clauses).get(clauseKey), body,
                AuthorKind.COUNTERPARTY, author, null, now);
    }

    /**
     * A proposal of new wording: kept as a {@code COUNTERPARTY} version (the document with the wording) and
     * clause by clause for the owner's decisions. Only while the contract is a draft (409 otherwise).
     */
    public Proposal propose(LinkAccess access, ProposalInput input, String ip, String userAgent) {
        for (int attempt = 0; ; attempt++) {
            try {
                return tx.execute(s -> proposeOnce(access, input, ip, userAgent));
            } catch (DuplicateKeyException raced) {
                // a concurrent upload or proposal took the next number of the version history: take the one after
                if (attempt >= 3) {
                    throw raced;
                }
            }
        }
    }

    private Proposal proposeOnce(LinkAccess access, ProposalInput input, String ip, String userAgent) {
        Contract contract = contracts.internal(access.contractId());
        if (contract.status() != ContractStatus.DRAFT) {
            throw new ConflictException("qiyue.negotiation.closed");
        }
        var clauses = clauses(contract.terms());
        Map<String, NegotiableClause> byKey = clauses.stream()
                .collect(Collectors.toMap(NegotiableClause::key, Function.identity()));
        var violations = new ArrayList<FieldViolation>();
        var wording = new LinkedHashMap<String, String>();
        List<ClauseWording> proposed = input == null || input.clauses() == null ? List.of() : input.clauses();
        if (proposed.isEmpty()) {
            violations.add(new FieldViolation("clauses", "qiyue.negotiation.clauses-required"));
        } else if (proposed.size() > MAX_CLAUSES) {
            violations.add(new FieldViolation("clauses", "qiyue.negotiation.clauses-too-many", MAX_CLAUSES));
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < proposed.size() && i < MAX_CLAUSES; i++) {
            ClauseWording w = proposed.get(i);
            String field = "clauses[" + i + "]";
            String key = w == null || w.clauseKey() == null ? null : w.clauseKey().trim();
            NegotiableClause clause = key == null ? null : byKey.get(key);
            if (clause == null) {
                violations.add(new FieldViolation(field + ".clauseKey", "qiyue.negotiation.clause-unknown"));
                continue;
            }
            if (!seen.add(key)) {
                violations.add(new FieldViolation(field + ".clauseKey", "qiyue.negotiation.clause-twice"));
                continue;
            }
            String text = w.text() == null ? null : lines(w.text());
            if (Text.isBlank(text)) {
                violations.add(new FieldViolation(field + ".text", "qiyue.negotiation.text-required"));
            } else if (unrenderable(field + ".text", text, violations)) {
                continue;
            } else if (text.length() > clause.maxLength()) {
                violations.add(new FieldViolation(field + ".text", "qiyue.negotiation.text-too-long", clause.maxLength()));
            } else if (text.equals(clause.text().strip())) {
                violations.add(new FieldViolation(field + ".text", "qiyue.negotiation.text-unchanged"));
            } else {
                wording.put(key, text);
            }
        }
        String note = input == null || Text.isBlank(input.note()) ? null : lines(input.note());
        if (note != null && !unrenderable("note", note, violations) && note.length() > MAX_TEXT) {
            violations.add(new FieldViolation("note", "qiyue.negotiation.text-too-long", MAX_TEXT));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var terms = NegotiableClauses.apply(contract.terms(), wording, json);
        var withWording = new Contract(contract.id(), contract.number(), contract.type(), contract.title(),
                contract.customerId(), contract.customerName(), contract.ourEntityId(), contract.owner(),
                contract.amount(), contract.startDate(), contract.endDate(), contract.autoRenew(),
                contract.renewalNoticeDays(), contract.status(), terms, contract.version(), contract.createdAt(),
                contract.createdBy(), contract.updatedAt());
        String author = authorName(access);
        var version = documents.counterpartyVersion(withWording, ShareLinks.actor(access));
        Instant now = clock.instant();
        var row = new NegotiationStore.ProposalRow(Ids.newId(), contract.id(), access.linkId(), version.version(),
                contract.version(), note, author, now);
        store.insertProposal(row);
        int ordinal = 0;
        for (var entry : wording.entrySet()) {
            store.insertClause(row.id(), ordinal++, entry.getKey(), byKey.get(entry.getKey()).text(), entry.getValue());
        }
        links.recordUse(access, ShareLink.UseAction.PROPOSE, ip, userAgent);
        var labels = labels(clauses);
        events.publishEvent(new NegotiationEvent(NegotiationEvent.Kind.PROPOSAL_RECEIVED, contract.id(),
                contract.number(), contract.title(), contract.owner(), access.contactName(),
                summary(wording.keySet().stream().map(labels::get).collect(Collectors.joining("、"))), now));
        return proposal(row, clauses, labels);
    }

    /** One proposal made through this link (404, like any refused link, for another link's or contract's). */
    public Proposal proposalOf(LinkAccess access, String proposalId) {
        var row = store.proposal(proposalId).filter(p -> p.linkId().equals(access.linkId()))
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "proposal", proposalId));
        var clauses = forCounterparty(clauses(contracts.internal(access.contractId())
                .terms()));
        return proposal(row, clauses, labels(clauses));
    }

    // ---- the owner's side

    /** The negotiation of a contract the caller may read. */
    public Negotiation of(String contractId) {
        Contract contract = contracts.get(contractId);
        var clauses = clauses(contract.terms());
        var labels = labels(clauses);
        return new Negotiation(contract.id(), contract.version(), contract.status() == ContractStatus.DRAFT,
                threads(store.comments(contractId, null), labels),
                proposals(store.proposals(contractId, null), clauses, labels));
    }

    /** The owner's answer to a comment of the customer; shown on the link the comment came through. */
    public Comment reply(String contractId, String commentId, String body) {
        Contract contract = contracts.getChangeable(contractId);
        if (!store.commentContract(commentId).map(contractId::equals).orElse(false)) {
            throw new NotFoundException("qiyue.problem.not-found", "comment", commentId);
        }
        String text = Text.isBlank(body) ? null : lines(body);
        if (text == null) {
            throw new InvalidInputException("body", "qiyue.negotiation.text-required");
        }
        var violations = new ArrayList<FieldViolation>();
        if (unrenderable("body", text, violations)) {
            throw new InvalidInputException(violations);
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException("body", "qiyue.negotiation.text-too-long", MAX_TEXT);
        }
        Instant now = clock.instant();
        String id = Ids.newId();
        String author = CurrentUsers.require().username();
        tx.executeWithoutResult(s -> {
            store.insertComment(id, contract.id(), null, null, text, AuthorKind.OWNER, author, commentId, now);
            events.publishEvent(new EntityChanged(AUDIT_COMMENT, id, EntityChanged.Action.CREATE, author, now,
                    List.of(new EntityChanged.Change("replyTo", null, commentId),
                            new EntityChanged.Change("body", null, text))));
        });
        return new Comment(id, null, null, text, AuthorKind.OWNER, author, commentId, now);
    }

    /**
     * Accepts or rejects one clause of a proposal. Accepting saves the proposed wording into the draft as a new
     * version ({@code expectedVersion}: the contract's current version, as for any update; 412 when stale, 409
     * when the contract is no longer a draft or the clause is gone); a clause is decided once (409 after).
     * Returns the clause as decided.
     */
    public ProposedClause decide(String contractId, String proposalId, String clauseKey, Decision decision,
                                 Integer expectedVersion, String reason) {
        Contract contract = contracts.getChangeable(contractId);
        store.proposal(proposalId).filter(p -> p.contractId().equals(contractId))
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "proposal", proposalId));
        var violations = new ArrayList<FieldViolation>();
        if (decision == null) {
            violations.add(new FieldViolation("decision", "qiyue.negotiation.decision-required"));
        }
        String why = Text.isBlank(reason) ? null : reason.strip();
        if (why != null && why.length() > MAX_REASON) {
            violations.add(new FieldViolation("reason", "qiyue.negotiation.text-too-long", MAX_REASON));
        }
        if (Text.isBlank(clauseKey)) {
            violations.add(new FieldViolation("clauseKey", "qiyue.negotiation.clause-unknown"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var clause = store.clauses(proposalId).stream().filter(c -> c.key().equals(clauseKey.trim())).findFirst()
                .orElseThrow(() -> new InvalidInputException("clauseKey", "qiyue.negotiation.clause-not-proposed"));
        if (clause.status() != ClauseStatus.PENDING) {
            throw alreadyDecided(clause.status());
        }
        String actor = CurrentUsers.require().username();
        return tx.execute(s -> {
            Instant now = clock.instant();
            Integer applied = null;
            if (decision == Decision.ACCEPT) {
                if (expectedVersion == null) {
                    throw new PreconditionRequiredException("qiyue.problem.if-match-required");
                }
                if (contract.status() != ContractStatus.DRAFT) {
                    throw new ConflictException("qiyue.contract.not-editable", contract.status());
                }
                ContractInput base = contracts.editable(contractId);
                var there = clauses(base.terms()).stream().filter(c -> c.key().equals(clause.key()))
                        .findFirst().orElseThrow(() -> new ConflictException("qiyue.negotiation.clause-gone"));
                // a clause is addressed by its place (a list index among them): the proposal replaces the wording
                // the contact read there, and nothing else that has moved there since
                if (!there.text().equals(clause.beforeText())) {
                    throw new ConflictException("qiyue.negotiation.clause-changed", there.label());
                }
                var terms = NegotiableClauses.apply(base.terms(), Map.of(clause.key(), clause.proposedText()), json);
                var saved = contracts.update(contractId, expectedVersion, new ContractInput(base.type(), base.title(),
                        base.customerId(), base.ourEntityId(), base.owner(), base.amount(), base.startDate(),
                        base.endDate(), base.autoRenew(), base.renewalNoticeDays(), terms),
                        VersionCause.ACCEPT_PROPOSAL);
                applied = saved.version();
            }
            var status = decision == Decision.ACCEPT ? ClauseStatus.ACCEPTED : ClauseStatus.REJECTED;
            if (!store.decide(proposalId, clause.key(), status, now, actor, why, applied)) {
                throw alreadyDecided(status);
            }
            events.publishEvent(new EntityChanged(AUDIT_PROPOSAL, proposalId, EntityChanged.Action.UPDATE, actor, now,
                    List.of(new EntityChanged.Change(clause.key(), ClauseStatus.PENDING.name(),
                            status.name() + (why == null ? "" : ": " + why)))));
            var clauses = clauses(contracts.internal(contractId).terms());
            var current = clauses.stream().filter(c -> c.key().equals(clause.key())).findFirst()
                    .map(NegotiableClause::text).orElse(null);
            return new ProposedClause(clause.key(), ContractDocuments.fieldLabel(clause.key()), clause.beforeText(),
                    current, clause.proposedText(), status, now, actor, why, applied,
                    ProposedClause.stale(status, clause.beforeText(), current));
        });
    }

    // ---- views

    private List<Proposal> proposals(List<NegotiationStore.ProposalRow> rows, List<NegotiableClause> clauses,
                                     Map<String, String> labels) {
        return rows.stream().map(row -> proposal(row, clauses, labels)).toList();
    }

    private Proposal proposal(NegotiationStore.ProposalRow row, List<NegotiableClause> clauses,
                              Map<String, String> labels) {
        Map<String, String> current = new LinkedHashMap<>();
        clauses.forEach(c -> current.put(c.key(), c.text()));
        var items = store.clauses(row.id()).stream().map(c -> new ProposedClause(c.key(),
                labels.getOrDefault(c.key(), ContractDocuments.fieldLabel(c.key())), c.beforeText(),
                current.get(c.key()), c.proposedText(), c.status(), c.decidedAt(), c.decidedBy(), c.reason(),
                c.appliedVersion(), ProposedClause.stale(c.status(), c.beforeText(), current.get(c.key()))))
                .toList();
        return new Proposal(row.id(), row.docVersion(), row.baseVersion(), row.note(), row.authorName(),
                row.createdAt(), items);
    }

    private static List<CommentThread> threads(List<Comment> all, Map<String, String> labels) {
        var threads = new ArrayList<CommentThread>();
        var byId = new LinkedHashMap<String, List<Comment>>();
        for (Comment c : all) {
            if (c.replyTo() == null) {
                byId.put(c.id(), new ArrayList<>());
            }
        }
        for (Comment c : all) {
            if (c.replyTo() != null && byId.containsKey(c.replyTo())) {
                byId.get(c.replyTo()).add(c);
            }
        }
        for (Comment c : all) {
            if (c.replyTo() == null) {
                var labelled = new Comment(c.id(), c.clauseKey(), c.clauseKey() == null ? null
                        : labels.getOrDefault(c.clauseKey(), ContractDocuments.fieldLabel(c.clauseKey())), c.body(),
                        c.authorKind(), c.authorName(), null, c.createdAt());
                threads.add(new CommentThread(labelled, List.copyOf(byId.get(c.id()))));
            }
        }
        return threads;
    }

    /**
     * The negotiable clauses of the terms, labelled in the reader's language: the document's own words in Chinese
     * (违约责任 说明), the fields' labels in English (an English reader saw the Chinese labels: outside tester).
     */
    private List<NegotiableClause> clauses(io.qiyue.contract.ContractTerms terms) {
        var locale = readersLocale();
        if (locale == null) {
            return NegotiableClauses.of(terms);
        }
        return NegotiableClauses.of(terms, key -> fieldLabels.of(key.substring(1), locale));
    }

    private static List<NegotiableClause> forCounterparty(List<NegotiableClause> clauses) {
        return NegotiableClauses.forCounterparty(clauses, readersLocale() != null);
    }

    /**
     * The language of the request being answered when it is not Chinese; null for Chinese and outside a request
     * (what the module tells others, notifications included, is written in Chinese).
     */
    private static java.util.Locale readersLocale() {
        var context = org.springframework.context.i18n.LocaleContextHolder.getLocaleContext();
        var locale = context == null ? null : context.getLocale();
        return locale == null || "zh".equals(locale.getLanguage()) ? null : locale;
    }

    private static Map<String, String> labels(List<NegotiableClause> clauses) {
        var labels = new LinkedHashMap<String, String>();
        clauses.forEach(c -> labels.put(c.key(), c.label()));
        return labels;
    }

    /** The contact's name as recorded with what they wrote; null for a link given to no one in particular. */
    private static String authorName(LinkAccess access) {
        return access.contactName();
    }

    /**
     * A text as a browser's form sends it (CR LF) or as typed over the API: one line ending, no outer blanks,
     * no bidi controls or invisible zero-width characters (the customer's forms are read as typed, so that a
     * character no document can carry is refused beside its field here, not by the binder).
     */
    private static String lines(String text) {
        return Text.withoutHidingCharacters(text).replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    /** Whether the text holds a character no document can carry; if so, the field is named with it. */
    private static boolean unrenderable(String field, String text, List<FieldViolation> violations) {
        var bad = Text.firstUnrenderable(text);
        bad.ifPresent(c -> violations.add(new FieldViolation(field, "qiyue.validation.characters",
                Text.codePointName(c))));
        return bad.isPresent();
    }

    private static String summary(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }

    /** A clause decided before: said as accepted or rejected in words, not as the status code (an outside tester). */
    private static ConflictException alreadyDecided(ClauseStatus status) {
        return new ConflictException(status == ClauseStatus.ACCEPTED ? "qiyue.negotiation.already-accepted"
                : "qiyue.negotiation.already-rejected");
    }
}
