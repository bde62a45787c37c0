package io.qiyue.obligation;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Contracts;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.Hashes;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The customer's side of supervision and evaluation ({@code /c/{token}}), with no account: the token is the only
 * credential. A confirmation or periodic link is answered once; the performance page is read until it expires
 * or is revoked. Every token that opens nothing now — forged, used, expired, revoked — is the same "not found",
 * so a link reveals nothing about any contract but its own while it is valid.
 */
@Service
public class EvaluationLinks {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final EvaluationStore store;
    private final Evaluations evaluations;
    private final Obligations obligations;
    private final Contracts contracts;
    private final ServiceReportPdf pdf;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;

    EvaluationLinks(EvaluationStore store, Evaluations evaluations, Obligations obligations, Contracts contracts,
                    ServiceReportPdf pdf, ApplicationEventPublisher events, Clock clock,
                    PlatformTransactionManager transactions) {
        this.store = store;
        this.evaluations = evaluations;
        this.obligations = obligations;
        this.contracts = contracts;
        this.pdf = pdf;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    private record Opened(EvaluationStore.LinkRow link, Contract contract) {
    }

    /** The link a token opens now, or the one "not found" whatever the reason. */
    private Opened open(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw notFound();
        }
        Instant now = clock.instant();
        var link = store.linkByToken(Hashes.sha256Hex(token))
                .filter(l -> l.revokedAt() == null && now.isBefore(l.expiresAt()))
                .filter(l -> !l.purpose().oneUse() || l.usedAt() == null)
                .orElseThrow(EvaluationLinks::notFound);
        // a confirmation asks about work reported done: once reopened (or waived) there is nothing to confirm
        if (link.purpose() == EvaluationPurpose.CONFIRM_OBLIGATION && link.obligationId() != null
                && obligations.internal(link.obligationId()).status() != ObligationStatus.DONE) {
            throw notFound();
        }
        return new Opened(link, contracts.internal(link.contractId()));
    }

    static NotFoundException notFound() {
        return new NotFoundException("qiyue.evaluation.link-not-found");
    }

    /** An obligation as the customer sees it. */
    public record OwedItem(String id, ObligationKind kind, String title, String description, LocalDate dueDate,
                           ObligationStatus status, LocalDate completedOn) {
    }

    /** A shared evidence file as the customer sees it. */
    public record SharedFile(String id, String obligationId, String fileName, long sizeBytes, String sha256,
                             Instant uploadedAt) {
    }

    /** A case as the customer sees it (no internal owner). */
    public record CaseItem(String id, CaseCategory category, String description, CaseStatus status,
                           LocalDate deadline, String resolution, Instant createdAt) {
    }

    /**
     * What the page shows. For an evaluation link: the obligation to confirm (or the aspects to rate); for the
     * performance page: what the contract promised the customer and whether it was kept.
     */
    public record View(EvaluationPurpose purpose, String contractNumber, String contractTitle, String customerName,
                       ContractType contractType, LocalDate startDate, LocalDate endDate, String contactName,
                       Instant expiresAt, OwedItem obligation, EvaluationRules.Aspects aspects,
                       List<OwedItem> owed, List<SharedFile> evidence, List<Evaluation> evaluations,
                       List<CaseItem> cases, List<YearMonth> reportMonths) {

        public boolean serviceQualityAsked() {
            return aspects != null && aspects.serviceQuality();
        }

        public boolean confidentialityAsked() {
            return aspects != null && aspects.confidentiality();
        }

        public boolean sharingAsked() {
            return aspects != null && aspects.sharingAsAgreed();
        }

        public long keptCount() {
            return owed.stream().filter(o -> o.status() == ObligationStatus.DONE).count();
        }

        public long overdueCount() {
            return owed.stream().filter(o -> o.status() == ObligationStatus.OVERDUE).count();
        }
    }

    public View view(String token) {
        return view(open(token));
    }

    private View view(Opened o) {
        var c = o.contract();
        var link = o.link();
        var all = obligations.internalOfContract(c.id());
        OwedItem obligation = link.obligationId() == null ? null : all.stream()
                .filter(x -> x.id().equals(link.obligationId())).findFirst().map(EvaluationLinks::owed).orElse(null);
        var aspects = link.purpose() == EvaluationPurpose.PERIODIC ? EvaluationRules.aspects(c.type()) : null;
        List<OwedItem> owed = List.of();
        List<SharedFile> evidence = List.of();
        List<Evaluation> past = List.of();
        List<CaseItem> cases = List.of();
        List<YearMonth> months = List.of();
        if (link.purpose() == EvaluationPurpose.PERFORMANCE_PAGE) {
            owed = all.stream().filter(x -> x.side() == ObligationSide.OURS).map(EvaluationLinks::owed).toList();
            evidence = obligations.sharedEvidence(c.id()).stream().map(e -> new SharedFile(e.id(), e.obligationId(),
                    e.fileName(), e.sizeBytes(), e.sha256(), e.uploadedAt())).toList();
            past = store.evaluations(c.id());
            // what the customer raised through a link, with our answer; a case our staff recorded is internal
            // (an outside tester read "suspect the customer's employee, do not tell them" on the customer's page)
            cases = store.casesOfContract(c.id()).stream().filter(x -> x.source() == CaseSource.LINK)
                    .map(x -> new CaseItem(x.id(), x.category(),
                    x.description(), x.status(), x.deadline(), x.resolution(), x.createdAt())).toList();
            months = months(c);
        }
        return new View(link.purpose(), c.number(), c.title(), c.customerName(), c.type(), c.startDate(), c.endDate(),
                link.contactName(), link.expiresAt(), obligation, aspects, owed, evidence, past, cases, months);
    }

    /** The last six months up to this one, within the contract's term (the reports offered on the page). */
    private List<YearMonth> months(Contract c) {
        var out = new ArrayList<YearMonth>();
        YearMonth now = YearMonth.from(obligations.today());
        for (int i = 0; i < 6; i++) {
            YearMonth m = now.minusMonths(i);
            if (c.startDate() != null && m.isBefore(YearMonth.from(c.startDate()))) {
                break;
            }
            if (c.endDate() == null || !m.isAfter(YearMonth.from(c.endDate()))) {
                out.add(m);
            }
        }
        return out;
    }

    private static OwedItem owed(Obligation o) {
        return new OwedItem(o.id(), o.kind(), o.title(), o.description(), o.dueDate(), o.status(), o.completedOn());
    }

    /** A concern sent with an evaluation, or from the performance page. */
    public record Concern(String category, String description) {
    }

    /**
     * The customer answers a confirmation or periodic link, once. "Not done" (a confirmation refused) opens a case
     * of {@link CaseCategory#OBLIGATION_DISPUTED} for the owner rather than reopening the obligation by itself: our
     * records change on our side's finding, and the owner reopens it there when the customer is right. A concern
     * sent along opens a case too.
     */
    public Evaluation evaluate(String token, EvaluationRules.Answer answer, Concern concern) {
        var o = open(token);
        var link = o.link();
        if (!link.purpose().evaluates()) {
            throw notFound();
        }
        var violations = new ArrayList<FieldViolation>(EvaluationRules.check(answer, link.purpose(), o.contract().type()));
        CaseCategory category = concernCategory(concern, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var aspects = link.purpose() == EvaluationPurpose.PERIODIC ? EvaluationRules.aspects(o.contract().type())
                : new EvaluationRules.Aspects(false, false, false);
        Obligation obligation = link.obligationId() == null ? null : obligations.internal(link.obligationId());
        Instant now = clock.instant();
        String actor = actor(link);
        String comment = Text.blankToNull(Text.input(answer.comment()));
        var c = o.contract();
        var evaluation = new Evaluation(Ids.newId(), c.id(), c.number(), c.type().name(), c.owner(), c.customerId(),
                link.purpose(), obligation == null ? null : obligation.id(),
                obligation == null ? null : obligation.title(),
                link.purpose() == EvaluationPurpose.CONFIRM_OBLIGATION ? answer.confirmed() : null, answer.rating(),
                aspects.serviceQuality() ? answer.serviceQuality() : null,
                aspects.confidentiality() ? answer.confidentiality() : null,
                aspects.sharingAsAgreed() ? answer.sharingAsAgreed() : null, comment, link.contactName(), now);
        boolean low = EvaluationRules.low(evaluation.rating(), evaluation.serviceQuality(), evaluation.confidentiality(),
                evaluation.sharingAsAgreed());
        tx.executeWithoutResult(s -> {
            if (!store.use(link.id(), now)) {
                throw notFound();
            }
            store.insertEvaluation(evaluation, link.id());
            events.publishEvent(new EntityChanged("EVALUATION", evaluation.id(), EntityChanged.Action.CREATE, actor,
                    now, List.of(new EntityChanged.Change("contractId", null, c.id()),
                    new EntityChanged.Change("rating", null, String.valueOf(evaluation.rating())))));
            events.publishEvent(new EvaluationEvents.Received(evaluation.id(), c.id(), c.number(), c.title(),
                    c.owner(), evaluation.rating(), evaluation.serviceQuality(), evaluation.confidentiality(),
                    evaluation.sharingAsAgreed(), comment, low, now));
            String reporter = link.contactName() == null ? "客户" : link.contactName();
            if (Boolean.FALSE.equals(evaluation.confirmed())) {
                evaluations.openCase(c, CaseSource.LINK, link.id(), evaluation.id(), evaluation.obligationId(),
                        CaseCategory.OBLIGATION_DISPUTED, "「" + evaluation.obligationTitle() + "」：" + comment,
                        reporter, null, actor);
            }
            if (category != null) {
                evaluations.openCase(c, CaseSource.LINK, link.id(), evaluation.id(), null, category,
                        Text.input(concern.description()).strip(), reporter, null, actor);
            }
        });
        return evaluation;
    }

    /** A concern from the performance page (which stays open for more). */
    public CaseItem reportConcern(String token, Concern concern) {
        var o = open(token);
        if (o.link().purpose() != EvaluationPurpose.PERFORMANCE_PAGE) {
            throw notFound();
        }
        var violations = new ArrayList<FieldViolation>();
        CaseCategory category = concernCategory(concern, violations);
        if (category == null && violations.isEmpty()) {
            violations.add(new FieldViolation("category", "qiyue.validation.required"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var link = o.link();
        var c = tx.execute(s -> evaluations.openCase(o.contract(), CaseSource.LINK, link.id(), null, null, category,
                Text.input(concern.description()).strip(), link.contactName() == null ? "客户" : link.contactName(),
                null, actor(link)));
        return new CaseItem(c.id(), c.category(), c.description(), c.status(), c.deadline(), c.resolution(),
                c.createdAt());
    }

    /**
     * The concern's category when one is reported (a description or a category given), checked with its
     * description; null when none is.
     */
    private static CaseCategory concernCategory(Concern concern, List<FieldViolation> out) {
        if (concern == null || (Text.isBlank(concern.category()) && Text.isBlank(concern.description()))) {
            return null;
        }
        CaseCategory category = null;
        if (Text.isBlank(concern.category())) {
            out.add(new FieldViolation("category", "qiyue.validation.required"));
        } else {
            try {
                category = CaseCategory.valueOf(concern.category().strip());
                if (category == CaseCategory.OBLIGATION_DISPUTED) {
                    // said through "not done" on a confirmation, with the obligation it is about
                    out.add(new FieldViolation("category", "qiyue.evaluation.unknown-value"));
                }
            } catch (IllegalArgumentException e) {
                out.add(new FieldViolation("category", "qiyue.evaluation.unknown-value"));
            }
        }
        EvaluationRules.description(concern.description(), out);
        return category;
    }

    /** A file shared with the customer, from the performance page. */
    public Map.Entry<Evidence, byte[]> evidence(String token, String evidenceId) {
        var o = open(token);
        if (o.link().purpose() != EvaluationPurpose.PERFORMANCE_PAGE) {
            throw notFound();
        }
        var evidence = obligations.sharedEvidence(o.contract().id()).stream().filter(e -> e.id().equals(evidenceId))
                .findFirst().orElseThrow(EvaluationLinks::notFound);
        return Map.entry(evidence, obligations.evidenceContent(evidence.id()));
    }

    /** The month's service report, from the performance page. */
    public byte[] report(String token, String month, Locale locale) {
        var o = open(token);
        if (o.link().purpose() != EvaluationPurpose.PERFORMANCE_PAGE) {
            throw notFound();
        }
        // a link that opens is answered about the month asked for, as the owner's report is: a bad or foreign month
        // is not a dead link (outside tester: "链接无效或已失效" for month=abc)
        YearMonth m = Evaluations.month(month);
        if (Evaluations.outsideTerm(o.contract(), m)) {
            throw Evaluations.outsideTermProblem(o.contract());
        }
        return pdf.render(evaluations.report(o.contract(), m), locale);
    }

    /** How a link's holder appears in the audit trail: no user, the link. */
    static String actor(EvaluationStore.LinkRow link) {
        return "evaluation-link:" + link.id();
    }
}
