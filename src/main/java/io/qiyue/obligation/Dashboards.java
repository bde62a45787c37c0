package io.qiyue.obligation;

import io.qiyue.contract.ContractStatistics;
import io.qiyue.contract.ContractSummary;
import io.qiyue.contract.Contracts;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.DataScopes;
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

/**
 * The performance dashboard: contracts by status and type, value by month, what ends soon, obligations by kind
 * and status — each within the caller's read scope, narrowed to one owner or team — and the lists behind it as
 * streamed XLSX files with the same filters.
 */
@Service
public class Dashboards {
    static final int EXPORT_BATCH = 500;

    private final Contracts contracts;
    private final ObligationStore store;
    private final DataScopes scopes;
    private final MessageSource messages;
    private final Clock clock;

    Dashboards(Contracts contracts, ObligationStore store, DataScopes scopes, MessageSource messages, Clock clock) {
        this.contracts = contracts;
        this.store = store;
        this.scopes = scopes;
        this.messages = messages;
        this.clock = clock;
    }

    /** Obligations of the scope: per kind and status, how many are late, open, and due within 30 days. */
    public record ObligationFigures(Map<ObligationKind, Map<ObligationStatus, Long>> byKind, long overdue,
                                    long open, long dueIn30) {
    }

    public record Dashboard(LocalDate asOf, ContractStatistics contracts, ObligationFigures obligations) {
    }

    @Transactional(readOnly = true)
    public Dashboard dashboard(String owner, String teamId) {
        LocalDate today = today();
        var scope = scopes.readNarrowed(CurrentUsers.require(), owner, teamId);
        var counts = store.counts(scope, today, today.plusDays(30));
        long overdue = 0;
        long open = 0;
        for (var byStatus : counts.byKind().values()) {
            overdue += byStatus.getOrDefault(ObligationStatus.OVERDUE, 0L);
            open += byStatus.getOrDefault(ObligationStatus.OVERDUE, 0L) + byStatus.getOrDefault(ObligationStatus.PENDING, 0L);
        }
        return new Dashboard(today, contracts.statistics(owner, teamId, today),
                new ObligationFigures(counts.byKind(), overdue, open, counts.dueSoon()));
    }

    /** The obligations the filters select as XLSX, streamed: rows are written while the database hands them over. */
    @Transactional(readOnly = true)
    public int exportObligations(ObligationQuery query, String owner, String teamId, OutputStream out) {
        var scope = scopes.readNarrowed(CurrentUsers.require(), owner, teamId);
        LocalDate today = today();
        var paging = Paging.of(0, 1, "dueDate,asc", ObligationStore.SORTABLE, "dueDate,asc");
        try (var xlsx = new XlsxWriter(text("obligation.export.sheet"), List.of(text("contract.number"),
                text("contract.title"), text("obligation.kind"), text("obligation.item"), text("obligation.side"),
                text("obligation.responsible"), text("obligation.due"), text("obligation.export.daysLate"),
                text("obligation.export.amount"), text("contract.status"), text("obligation.export.completedOn"),
                text("obligation.reason")))) {
            var batch = new ArrayList<Obligation>(EXPORT_BATCH);
            store.forEach(query, scope, null, paging, o -> {
                batch.add(o);
                if (batch.size() == EXPORT_BATCH) {
                    writeObligations(xlsx, batch, today);
                    batch.clear();
                }
            });
            writeObligations(xlsx, batch, today);
            xlsx.writeTo(out);
            return xlsx.rows();
        }
    }

    private void writeObligations(XlsxWriter xlsx, List<Obligation> batch, LocalDate today) {
        if (batch.isEmpty()) {
            return;
        }
        var labels = contracts.labels(batch.stream().map(Obligation::contractId).distinct().toList());
        for (var o : batch) {
            var label = labels.get(o.contractId());
            Long daysLate = o.status() == ObligationStatus.OVERDUE && o.dueDate() != null
                    ? ChronoUnit.DAYS.between(o.dueDate(), today) : null;
            xlsx.row(label == null ? o.contractId() : label.number(), label == null ? null : label.title(),
                    text("enum.ObligationKind." + o.kind().name()), o.title(),
                    text("enum.ObligationSide." + o.side().name()), o.responsible(), o.dueDate(), daysLate,
                    o.amount() == null ? null : o.amount().value(), text("enum.ObligationStatus." + o.status().name()),
                    o.completedOn(), "PERIOD_ENDED".equals(o.statusReason()) ? text("obligation.periodEnded")
                            : o.statusReason());
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

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Obligations.CHINA);
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
