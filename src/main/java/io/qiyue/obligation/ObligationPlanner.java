package io.qiyue.obligation;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms;
import io.qiyue.shared.Money;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a contract's terms oblige each side to do, worked out once when it is signed (spec/domain.md): a pure
 * function of the contract and the signing day, so that the rules are tested without a database.
 */
final class ObligationPlanner {
    /** The due trigger of a duty that binds beyond the contract without a last day. */
    static final String SURVIVES = "SURVIVES_TERMINATION";
    /** More visits than this over one term is a typing error in the interval, not a plan. */
    static final int MAX_VISITS = 2_000;

    private ObligationPlanner() {
    }

    /** One obligation before it is stored. */
    record Planned(ObligationKind kind, ObligationSide side, String title, String description, LocalDate startsOn,
                   LocalDate dueDate, String dueTrigger, Money amount) {
    }

    static List<Planned> plan(Contract contract, LocalDate signedOn) {
        return plan(contract, signedOn, null);
    }

    /**
     * The contract's obligations. {@code signedOn}: the day "within N working days of signing" counts from;
     * {@code payableFrom}: the day the contract was made, when known (an instalment dated before it falls due on
     * it), else null.
     */
    static List<Planned> plan(Contract contract, LocalDate signedOn, LocalDate payableFrom) {
        var terms = contract.terms() == null ? ContractTerms.EMPTY : contract.terms();
        var out = new ArrayList<Planned>();
        payments(terms, signedOn, payableFrom, contract.startDate(), out);
        service(contract, terms, out);
        maintenance(contract, terms, out);
        consulting(contract, terms, out);
        confidentiality(contract, terms, out);
        sharing(contract, terms, out);
        return out;
    }

    private static void payments(ContractTerms terms, LocalDate signedOn, LocalDate payableFrom, LocalDate start,
                                 List<Planned> out) {
        if (terms.payment() == null || terms.payment().schedule() == null
                || terms.withoutConsideration()) {
            return;
        }
        var schedule = terms.payment().schedule();
        for (int i = 0; i < schedule.size(); i++) {
            var instalment = schedule.get(i);
            if (instalment == null || instalment.amount() == null || instalment.amount().isZero()) {
                continue;
            }
            String title = schedule.size() == 1 ? "合同价款" : "第" + (i + 1) + "期款项";
            LocalDate due = instalment.dueDate();
            String trigger = null;
            if (instalment.trigger() == Terms.PaymentTrigger.ON_SIGNING) {
                LocalDate byTrigger = addWorkingDays(signedOn, orZero(instalment.workingDays()));
                due = due == null || byTrigger.isBefore(due) ? byTrigger : due;
            } else if (due == null) {
                trigger = instalment.trigger() != null ? instalment.trigger().name()
                        : blankToNull(instalment.milestone());
            }
            // dated before the signature, it fell due with it: nobody is late under a contract not yet made (the
            // receivables, the ageing and the daily scan all read this one date)
            if (due != null && payableFrom != null && due.isBefore(payableFrom)) {
                due = payableFrom;
            }
            out.add(new Planned(ObligationKind.PAYMENT, ObligationSide.CUSTOMER, title,
                    blankToNull(instalment.description()), start, due, trigger, instalment.amount()));
        }
    }

    private static void service(Contract c, ContractTerms terms, List<Planned> out) {
        var service = terms.service();
        if (service == null) {
            return;
        }
        var items = service.items() == null ? List.<Terms.Item>of() : service.items();
        for (var item : items) {
            out.add(ours(ObligationKind.SERVICE_DELIVERY, item.name(), joined(item.standard(),
                    service.qualityRequirements()), c.startDate(), c.endDate()));
        }
        if (items.isEmpty() && !isBlank(service.scope())) {
            out.add(ours(ObligationKind.SERVICE_DELIVERY, "约定范围内的服务", joined(service.scope(),
                    service.qualityRequirements()), c.startDate(), c.endDate()));
        }
    }

    private static void maintenance(Contract c, ContractTerms terms, List<Planned> out) {
        var maintenance = terms.maintenance();
        if (maintenance == null) {
            return;
        }
        var items = maintenance.items() == null ? List.<Terms.Item>of() : maintenance.items();
        String what = items.stream().map(Terms.Item::name).collect(Collectors.joining("、"));
        String description = isBlank(what) ? null : "维护内容：" + what;
        if (maintenance.visitIntervalDays() != null && c.startDate() != null && c.endDate() != null) {
            var visits = visitDays(c.startDate(), c.endDate(), maintenance.visitIntervalDays());
            for (int k = 0; k < visits.size(); k++) {
                LocalDate previous = k == 0 ? c.startDate() : visits.get(k - 1).plusDays(1);
                out.add(ours(ObligationKind.MAINTENANCE_VISIT, "第" + (k + 1) + "次定期回访与维护", description,
                        previous, visits.get(k)));
            }
            return;
        }
        for (var item : items) {
            out.add(ours(ObligationKind.MAINTENANCE_VISIT, item.name(), item.standard(), c.startDate(), c.endDate()));
        }
    }

    /**
     * Every {@code interval} days from the start, within the term; at least one visit (on the last day) when the
     * interval is longer than the term, since a maintenance agreement without a single visit keeps nothing.
     */
    static List<LocalDate> visitDays(LocalDate start, LocalDate end, int interval) {
        var days = new ArrayList<LocalDate>();
        for (LocalDate d = start.plusDays(interval); !d.isAfter(end) && days.size() < MAX_VISITS;
             d = d.plusDays(interval)) {
            days.add(d);
        }
        if (days.isEmpty() && !end.isBefore(start)) {
            days.add(end);
        }
        return days;
    }

    private static void consulting(Contract c, ContractTerms terms, List<Planned> out) {
        var consulting = terms.consulting();
        if (consulting == null) {
            return;
        }
        var deliverables = consulting.deliverables() == null ? List.<String>of() : consulting.deliverables();
        for (String deliverable : deliverables) {
            out.add(ours(ObligationKind.CONSULTING_DELIVERABLE, cut(deliverable, 480), joined(deliverable,
                    consulting.qualityRequirements()), c.startDate(), c.endDate()));
        }
        if (deliverables.isEmpty() && !isBlank(consulting.scope())) {
            out.add(ours(ObligationKind.CONSULTING_DELIVERABLE, "约定范围内的咨询服务", joined(consulting.scope(),
                    consulting.qualityRequirements()), c.startDate(), c.endDate()));
        }
    }

    /** The duties the confidentiality clause of the default templates lists when the contract names none. */
    private static final List<String> DEFAULT_CONFIDENTIALITY = List.of("不得向任何第三方披露、泄露对方的保密信息",
            "不得将对方的保密信息用于本合同约定之外的用途");

    private static void confidentiality(Contract c, ContractTerms terms, List<Planned> out) {
        boolean nda = c.type() == ContractType.CONFIDENTIALITY;
        var duties = terms.confidentialityObligations() == null ? List.<String>of() : terms.confidentialityObligations();
        // every type's document has a confidentiality clause: the contract's duties, else the template's default
        // ones (QY-C011 says so), which bind both sides beyond the end as well
        if (duties.isEmpty() && !nda) {
            duties = DEFAULT_CONFIDENTIALITY;
        }
        Integer years = terms.confidentialityPeriod() == null ? null : terms.confidentialityPeriod().yearsAfterTermination();
        // without an agreed period the clause binds beyond the end (the rendered clause says the duty survives any
        // change, rescission or termination): no last day, so the duty is never closed by the calendar
        LocalDate until = years == null ? null : plusYears(c.endDate(), years);
        String trigger = years == null ? SURVIVES : null;
        String description = joined(duties.isEmpty() ? null : String.join("；", duties),
                years == null ? "保密期限：合同终止后继续有效" : "保密期限：合同期限内及终止后" + years + "年");
        var direction = nda && terms.confidentialInformation() != null ? terms.confidentialInformation().direction()
                : null;
        // the receiver keeps the secret: we alone when the customer discloses, the customer alone when we do
        if (direction != Terms.NdaDirection.PARTY_B_DISCLOSES) {
            out.add(new Planned(ObligationKind.CONFIDENTIALITY, ObligationSide.OURS, "保密义务", description,
                    c.startDate(), until, trigger, null));
        }
        if (direction != Terms.NdaDirection.ONE_WAY) {
            out.add(new Planned(ObligationKind.CONFIDENTIALITY, ObligationSide.CUSTOMER, "保密义务", description,
                    c.startDate(), until, trigger, null));
        }
    }

    private static void sharing(Contract c, ContractTerms terms, List<Planned> out) {
        if (c.type() != ContractType.INFO_SHARING) {
            return;
        }
        Integer years = terms.sharingPeriod() == null ? null : terms.sharingPeriod().yearsAfterTermination();
        LocalDate until = plusYears(c.endDate(), years);
        var shared = terms.sharedInformation();
        String purpose = shared == null || isBlank(shared.purpose()) ? null : "使用目的：" + shared.purpose();
        String returning = terms.personalInformation() == null ? null : terms.personalInformation().returnOrDeletion();
        for (var recipient : recipients(shared == null ? null : shared.direction())) {
            out.add(new Planned(ObligationKind.DATA_SHARING, recipient, "仅按约定范围和目的使用共享信息", joined(purpose,
                    years == null ? null : "共享期限：合同期限内及终止后" + years + "年"), c.startDate(), until, null, null));
            LocalDate returnBy = returnDue(c.endDate(), returning, until);
            // named after what the agreed period counts from (outside tester: "合同终止后…" over words that counted
            // from the end of the sharing period)
            out.add(new Planned(ObligationKind.DATA_RETURN, recipient, returnBy == null || returnBy.equals(until)
                    ? "共享期限届满时返还或删除共享信息" : returnBy.isAfter(until) ? "共享期限届满后按约定返还或删除共享信息"
                    : "合同终止后按约定返还或删除共享信息", blankToNull(returning), returnBy, returnBy, null, null));
        }
    }

    /**
     * When shared data must be returned or deleted: the contract's own words when they name a number of days after
     * the end ("合同终止后30日内删除") or after the sharing period ("共享期限届满后30日内删除"), else at the end of the
     * sharing period.
     */
    static LocalDate returnDue(LocalDate end, String returnOrDeletion, LocalDate sharingEnds) {
        if (returnOrDeletion == null) {
            return sharingEnds;
        }
        var afterEnd = io.qiyue.contract.ReturnDeadline.afterContractEnd(returnOrDeletion);
        if (afterEnd.isPresent() && end != null) {
            return after(end, afterEnd.get());
        }
        return io.qiyue.contract.ReturnDeadline.afterSharingPeriod(returnOrDeletion)
                .filter(limit -> sharingEnds != null).map(limit -> after(sharingEnds, limit)).orElse(sharingEnds);
    }

    /** The day a limit ends after {@code from} ("…后30日内", "…后5个工作日内"). */
    private static LocalDate after(LocalDate from, io.qiyue.contract.ReturnDeadline.Limit limit) {
        return limit.workingDays() ? addWorkingDays(from, limit.days()) : from.plusDays(limit.days());
    }

    /** Who receives the shared data and so owes its careful use and its return; unknown reads as both. */
    private static List<ObligationSide> recipients(Terms.SharingDirection direction) {
        if (direction == Terms.SharingDirection.PARTY_A_PROVIDES) {
            return List.of(ObligationSide.OURS);
        }
        if (direction == Terms.SharingDirection.PARTY_B_PROVIDES) {
            return List.of(ObligationSide.CUSTOMER);
        }
        return List.of(ObligationSide.OURS, ObligationSide.CUSTOMER);
    }

    private static Planned ours(ObligationKind kind, String title, String description, LocalDate from, LocalDate due) {
        return new Planned(kind, ObligationSide.OURS, title, description, from, due, null, null);
    }

    /** {@code days} 个工作日 after {@code from}: Monday to Friday (public holidays are not known here). */
    static LocalDate addWorkingDays(LocalDate from, int days) {
        LocalDate d = from;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return d;
    }

    static LocalDate plusYears(LocalDate end, Integer years) {
        return end == null || years == null ? end : end.plusYears(years);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String joined(String... parts) {
        String s = java.util.Arrays.stream(parts).filter(Objects::nonNull).filter(p -> !p.isBlank())
                .collect(Collectors.joining("\n"));
        return s.isEmpty() ? null : cut(s, 4000);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }
}
