package io.qiyue.obligation;

import io.qiyue.contract.ContractStatistics;
import io.qiyue.contract.ContractSummary;
import io.qiyue.contract.Contracts;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.DataScopes;
import io.qiyue.security.OwnerScope;
import io.qiyue.shared.Paging;
import io.qiyue.shared.web.XlsxWriter;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The performance dashboard: contracts by status and type, value by month, what ends soon, obligations by kind
 * and status, receivables ageing and collections by month, evaluation scores and open cases — each within the caller's read scope, narrowed to one owner or team — and the lists behind it as
 * streamed XLSX files with the same filters.
 */
@Service
public class Dashboards {
    static final int EXPORT_BATCH = 500;

    private final Contracts contracts;
    private final ObligationStore store;
    private final Receivables receivables;
    private final ReceivableStore receivableStore;
    private final EvaluationStore evaluationStore;
    private final DataScopes scopes;
    private final MessageSource messages;
    private final Clock clock;
    private final ObligationTitles titles;

    Dashboards(Contracts contracts, ObligationStore store, Receivables receivables, ReceivableStore receivableStore,
               EvaluationStore evaluationStore, DataScopes scopes, MessageSource messages, Clock clock,
               ObligationTitles titles) {
        this.contracts = contracts;
        this.titles = titles;
        this.store = store;
        this.receivables = receivables;
        this.receivableStore = receivableStore;
        this.evaluationStore = evaluationStore;
        this.scopes = scopes;
        this.messages = messages;
        this.clock = clock;
    }

    /** Obligations of the scope: per kind and status, how many are late, open, and due within 30 days. */
    public record ObligationFigures(Map<ObligationKind, Map<ObligationStatus, Long>> byKind, long overdue,
                                    long open, long dueIn30) {
    }

    /** What customers owe by age (the ageing's totals) and what came in per month over the last 12 months. */
    public record ReceivableFigures(AgeingReport.Row ageing, List<Collected> collectedByMonth) {
    }

    public record Collected(java.time.YearMonth month, io.qiyue.shared.Money amount) {
    }

    /** The customer's evaluations: averages per contract type, and the concern cases still open (and late). */
    public record EvaluationFigures(List<Evaluations.Average> byType, long evaluations, Double averageRating,
                                    long lowRatings, long openCases, long lateCases) {
    }

    public record Dashboard(LocalDate asOf, ContractStatistics contracts, ObligationFigures obligations,
                            ReceivableFigures receivables, EvaluationFigures evaluations) {
    }

    @Transactional(readOnly = true)
    public Dashboard dashboard(String owner, String teamId) {
        LocalDate today = today();
        var scope = scopes.readNarrowed(CurrentUsers.require(), owner, teamId);
        var key = new ScopeKey(scope.all(), new java.util.TreeSet<>(scope.owners()).toString(), today);
        long now = System.nanoTime();
        var kept = recent.get(key);
        if (kept != null && now - kept.at() < FRESH.toNanos()) {
            return kept.dashboard();
        }
        var fresh = compute(owner, teamId, scope, today);
        if (recent.size() >= MAX_KEPT) {
            recent.clear();
        }
        recent.put(key, new Kept(fresh, now));
        return fresh;
    }

    private Dashboard compute(String owner, String teamId, io.qiyue.security.OwnerScope scope, LocalDate today) {
        var counts = store.counts(scope, today, today.plusDays(30));
        long overdue = 0;
        long open = 0;
        for (var byStatus : counts.byKind().values()) {
            overdue += byStatus.getOrDefault(ObligationStatus.OVERDUE, 0L);
            open += byStatus.getOrDefault(ObligationStatus.OVERDUE, 0L) + byStatus.getOrDefault(ObligationStatus.PENDING, 0L);
        }
        return new Dashboard(today, contracts.statistics(owner, teamId, today),
                new ObligationFigures(counts.byKind(), overdue, open, counts.dueSoon()),
                receivableFigures(scope, today), evaluationFigures(scope, today));
    }

    /**
     * A scope's dashboard is kept for {@link #FRESH}: at a million obligations its figures (counts by kind and status
     * over a whole index, what is unpaid per age, the averages) cost seconds on a small machine, and a dashboard a
     * minute old is as good as one of now. Keyed by the scope itself, so users of the same scope share it and no
     * one sees another scope's figures; dropped at any audited change on this instance (other instances' changes
     * and the hourly scan show within the minute).
     */
    @org.springframework.context.event.EventListener
    void on(io.qiyue.shared.EntityChanged changed) {
        if (!recent.isEmpty()) {
            recent.clear();
        }
    }

    static final java.time.Duration FRESH = java.time.Duration.ofSeconds(60);
    private static final int MAX_KEPT = 500;
    private final java.util.concurrent.ConcurrentHashMap<ScopeKey, Kept> recent =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record ScopeKey(boolean all, String owners, LocalDate day) {
    }

    private record Kept(Dashboard dashboard, long at) {
    }

    private ReceivableFigures receivableFigures(io.qiyue.security.OwnerScope scope, LocalDate today) {
        var sums = receivableStore.openAgeing(scope, today);
        var ageing = new AgeingReport.Row(null, null, money(sums, Ageing.Bucket.NOT_DUE),
                money(sums, Ageing.Bucket.DAYS_0_30), money(sums, Ageing.Bucket.DAYS_31_60),
                money(sums, Ageing.Bucket.DAYS_61_90), money(sums, Ageing.Bucket.OVER_90),
                io.qiyue.shared.Money.cny(sums.overdue()), io.qiyue.shared.Money.cny(sums.total()));
        LocalDate from = today.withDayOfMonth(1).minusMonths(11);
        var collected = receivableStore.collectedByMonth(scope, from, today.withDayOfMonth(1).plusMonths(1));
        var months = new ArrayList<Collected>();
        for (var m = java.time.YearMonth.from(from); !m.isAfter(java.time.YearMonth.from(today)); m = m.plusMonths(1)) {
            months.add(new Collected(m, io.qiyue.shared.Money.cny(collected.getOrDefault(m, java.math.BigDecimal.ZERO))));
        }
        return new ReceivableFigures(ageing, months);
    }

    private static io.qiyue.shared.Money money(Ageing.Sums sums, Ageing.Bucket bucket) {
        return io.qiyue.shared.Money.cny(sums.get(bucket));
    }

    private EvaluationFigures evaluationFigures(io.qiyue.security.OwnerScope scope, LocalDate today) {
        if (scope.isEmpty()) {
            return new EvaluationFigures(List.of(), 0, null, 0, 0, 0);
        }
        var rows = evaluationStore.averages("contract_type", scope);
        long count = 0;
        long low = 0;
        double sum = 0;
        var byType = new ArrayList<Evaluations.Average>();
        for (var r : rows) {
            count += r.evaluations();
            low += r.low();
            if (r.rating() != null) {
                sum += r.rating() * r.evaluations();
            }
            byType.add(new Evaluations.Average(r.key(), text("enum.ContractType." + r.key()), r.evaluations(),
                    r.rating(), r.serviceQuality(), r.confidentiality(), r.sharingAsAgreed(), r.low()));
        }
        long[] cases = evaluationStore.openCases(scope, today);
        Double average = count == 0 ? null : Math.round(sum / count * 100) / 100.0;
        return new EvaluationFigures(byType, count, average, low, cases[0], cases[1]);
    }

    /** The obligations the filters select as XLSX, streamed: rows are written while the database hands them over. */
    @Transactional(readOnly = true)
    public int exportObligations(ObligationQuery query, String owner, String teamId, OutputStream out) {
        try (var xlsx = new XlsxWriter(text("obligation.export.sheet"), obligationColumns())) {
            var scope = scopes.readNarrowed(CurrentUsers.require(), owner, teamId);
            forEachObligationRow(query, scope, null, xlsx::row);
            xlsx.writeTo(out);
            return xlsx.rows();
        }
    }

    /** The columns of an obligations export, in the reader's language. */
    public List<String> obligationColumns() {
        return List.of(text("contract.number"), text("contract.title"), text("obligation.kind"),
                text("obligation.item"), text("obligation.side"), text("obligation.responsible"),
                text("obligation.due"), text("obligation.export.daysLate"), text("obligation.export.amount"),
                text("contract.status"), text("obligation.export.completedOn"), text("obligation.reason"));
    }

    /**
     * Each obligation of {@link Obligations#list}'s filtered list, every page of it, as the cells of
     * {@link #obligationColumns()}, due date first, in batches as the database hands them over.
     */
    @Transactional(readOnly = true)
    public void forEachListedObligationRow(ObligationQuery query, Consumer<Object[]> row) {
        var user = CurrentUsers.require();
        forEachObligationRow(Obligations.forCaller(query, user), scopes.read(user), user.username(), row);
    }

    private void forEachObligationRow(ObligationQuery query, OwnerScope scope, String me, Consumer<Object[]> row) {
        LocalDate today = today();
        var paging = Paging.of(0, 1, "dueDate,asc", ObligationStore.SORTABLE, "dueDate,asc");
        var batch = new ArrayList<Obligation>(EXPORT_BATCH);
        store.forEach(query, scope, me, paging, o -> {
            batch.add(o);
            if (batch.size() == EXPORT_BATCH) {
                obligationRows(batch, today, row);
                batch.clear();
            }
        });
        obligationRows(batch, today, row);
    }

    /** The cells of {@link #obligationColumns()} for obligations already read and scoped (one contract's list). */
    public void forEachObligationRow(List<Obligation> obligations, Consumer<Object[]> row) {
        obligationRows(obligations, today(), row);
    }

    private void obligationRows(List<Obligation> batch, LocalDate today, Consumer<Object[]> row) {
        if (batch.isEmpty()) {
            return;
        }
        var labels = contracts.labels(batch.stream().map(Obligation::contractId).distinct().toList());
        for (var o : batch) {
            var label = labels.get(o.contractId());
            Long daysLate = o.status() == ObligationStatus.OVERDUE && o.dueDate() != null
                    ? ChronoUnit.DAYS.between(o.dueDate(), today) : null;
            row.accept(new Object[]{label == null ? o.contractId() : label.number(), label == null ? null : label.title(),
                    text("enum.ObligationKind." + o.kind().name()), titles.of(o.title()),
                    text("enum.ObligationSide." + o.side().name()), o.responsible(), o.dueDate(), daysLate,
                    o.amount() == null ? null : o.amount().value(), text("enum.ObligationStatus." + o.status().name()),
                    o.completedOn(), o.statusReason() == null ? null
                            : text("obligation.statusReason." + o.statusReason(), titles.reason(o.statusReason()))});
        }
    }

    /** Contracts in force ending within {@code days} (1–366) as XLSX. */
    @Transactional(readOnly = true)
    public int exportEnding(String owner, String teamId, int days, OutputStream out) {
        LocalDate today = today();
        int window = Math.max(1, Math.min(366, days));
        try (var xlsx = new XlsxWriter(text("dashboard.export.ending.sheet"), List.of(text("contract.number"),
                text("contract.title"), text("contract.type"), text("contract.customer"), text("common.owner"),
                text("obligation.export.amount"), text("contract.startDate"), text("contract.endDate"),
                text("dashboard.export.daysLeft"), text("contract.status")))) {
            contracts.forEachEnding(owner, teamId, today, today.plusDays(window), batch -> {
                for (ContractSummary c : batch) {
                    xlsx.row(c.number(), c.title(), text("enum.ContractType." + c.type().name()), c.customerName(),
                            c.owner(), c.amount() == null ? null : c.amount().value(), c.startDate(), c.endDate(),
                            ChronoUnit.DAYS.between(today, c.endDate()), text("enum.ContractStatus." + c.status().name()));
                }
            });
            xlsx.writeTo(out);
            return xlsx.rows();
        }
    }

    /** The receivables ageing by customer, owner or team as XLSX: one row per group and the totals. */
    @Transactional(readOnly = true)
    public int exportAgeing(Receivables.GroupBy groupBy, String owner, String teamId, OutputStream out) {
        var scope = scopes.readNarrowed(CurrentUsers.require(), owner, teamId);
        var report = receivables.ageing(groupBy, today(), scope);
        try (var xlsx = new XlsxWriter(text("dashboard.export.ageing.sheet"), List.of(
                text("dashboard.export.ageing." + groupBy.name().toLowerCase(java.util.Locale.ROOT)),
                text("dashboard.ageing.notDue"), text("dashboard.ageing.days0To30"), text("dashboard.ageing.days31To60"),
                text("dashboard.ageing.days61To90"), text("dashboard.ageing.over90"), text("dashboard.ageing.overdue"),
                text("dashboard.ageing.total")))) {
            for (var row : report.rows()) {
                ageingRow(xlsx, row.label() == null ? row.key() : row.label(), row);
            }
            ageingRow(xlsx, text("dashboard.ageing.totals"), report.totals());
            xlsx.writeTo(out);
            return xlsx.rows();
        }
    }

    private static void ageingRow(XlsxWriter xlsx, String label, AgeingReport.Row row) {
        xlsx.row(label, row.notDue().value(), row.days0To30().value(), row.days31To60().value(),
                row.days61To90().value(), row.over90().value(), row.overdue().value(), row.total().value());
    }

    /** The concern cases still open (or all with {@code all}) as XLSX, most urgent first. */
    @Transactional(readOnly = true)
    public int exportCases(boolean all, String owner, String teamId, OutputStream out) {
        var scope = scopes.readNarrowed(CurrentUsers.require(), owner, teamId);
        LocalDate today = today();
        try (var xlsx = new XlsxWriter(text("dashboard.export.cases.sheet"), List.of(text("contract.number"),
                text("contract.title"), text("dashboard.export.case.category"), text("dashboard.export.case.description"),
                text("common.owner"), text("dashboard.export.case.deadline"), text("obligation.export.daysLate"),
                text("contract.status"), text("dashboard.export.case.resolution"), text("dashboard.export.case.createdAt")))) {
            if (!scope.isEmpty()) {
                var query = new EvaluationStore.CaseQuery(null, all ? null : Boolean.TRUE, null, null, null);
                for (int page = 0; ; page++) {
                    var paging = Paging.of(page, Paging.MAX_SIZE, "deadline,asc", Evaluations.CASE_SORT, "deadline,asc");
                    var result = evaluationStore.cases(query, scope, paging);
                    for (var c : result.items()) {
                        Long late = c.status().open() && c.deadline().isBefore(today)
                                ? ChronoUnit.DAYS.between(c.deadline(), today) : null;
                        xlsx.row(c.contractNumber(), c.contractTitle(), text("enum.CaseCategory." + c.category().name()),
                                c.description(), c.owner(), c.deadline(), late,
                                text("enum.CaseStatus." + c.status().name()), c.resolution(),
                                LocalDate.ofInstant(c.createdAt(), Obligations.CHINA));
                    }
                    if ((long) (page + 1) * paging.size() >= result.total()) {
                        break;
                    }
                }
            }
            xlsx.writeTo(out);
            return xlsx.rows();
        }
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Obligations.CHINA);
    }

    private String text(String key) {
        return text(key, key);
    }

    private String text(String key, String fallback) {
        return messages.getMessage(key, null, fallback, LocaleContextHolder.getLocale());
    }
}
