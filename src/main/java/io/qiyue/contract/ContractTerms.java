package io.qiyue.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * All parts a contract can carry. One record for the five types keeps the JSON shape flat
 * ({@code terms.service}, {@code terms.maintenance} …, as spec/domain.md writes it); a part that
 * does not belong to the contract's type is refused at input ({@link ContractType#parts()}).
 * {@code confidentialityObligations} is allowed on every type because every type should have a
 * confidentiality clause (review rule QY-C011).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContractTerms(
        @Valid Terms.Payment payment,
        @Valid Terms.RightsAndObligations rightsAndObligations,
        @Valid Terms.Breach breach,
        @Valid Terms.Dispute dispute,
        @Valid Terms.Termination termination,
        @Valid Terms.IntellectualProperty intellectualProperty,
        @Size(max = 50) List<@NotBlank @Size(max = Terms.TEXT) String> confidentialityObligations,
        @Valid Terms.Service service,
        @Valid Terms.ConfidentialInformation confidentialInformation,
        @Valid Terms.PeriodAfterTermination confidentialityPeriod,
        @Valid Terms.Maintenance maintenance,
        @Valid Terms.Consulting consulting,
        @Valid Terms.SharedInformation sharedInformation,
        @Size(max = 5) List<Terms.@NotNull SharingMethod> sharingMethods,
        @Valid Terms.PeriodAfterTermination sharingPeriod,
        @Valid Terms.PersonalInformation personalInformation,
        @Valid Terms.Signing signing,
        @Valid Terms.Notices notices) {

    public static final ContractTerms EMPTY = new ContractTerms(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null);

    /**
     * The terms of a renewal whose term begins {@code shift} later: each instalment's day moves with it, and the
     * old signing day is gone (the renewal is signed anew). Copied unchanged, every instalment would lie before
     * the new start, and the review would block the renewal at once.
     */
    /** These terms with the 签订日期 given, when they print none: a legacy contract's signing day from its file. */
    public ContractTerms signedOnWhenUnstated(java.time.LocalDate signedOn) {
        if (signedOn == null || signing != null && signing.date() != null) {
            return this;
        }
        return new ContractTerms(payment, rightsAndObligations, breach, dispute, termination, intellectualProperty,
                confidentialityObligations, service, confidentialInformation, confidentialityPeriod, maintenance,
                consulting, sharedInformation, sharingMethods, sharingPeriod, personalInformation,
                new Terms.Signing(signedOn, signing == null ? null : signing.place()), notices);
    }

    /**
     * These terms for a term of another length ({@code newStart}…{@code newEnd} in place of {@code oldStart}…
     * {@code oldEnd}): each instalment keeps its place in the term, the same share of the way through it (outside
     * tester: a one-year renewal of a two-year contract kept instalments after its end). For a term of the same
     * length, {@link #renewedBy} keeps the days of the month instead.
     */
    public ContractTerms fittedTo(java.time.LocalDate oldStart, java.time.LocalDate oldEnd,
                                  java.time.LocalDate newStart, java.time.LocalDate newEnd) {
        long oldDays = java.time.temporal.ChronoUnit.DAYS.between(oldStart, oldEnd);
        long newDays = java.time.temporal.ChronoUnit.DAYS.between(newStart, newEnd);
        var shifted = renewedBy(java.time.Period.between(oldStart, newStart));
        if (payment == null || payment.schedule() == null || oldDays <= 0 || newDays < 0) {
            return shifted;
        }
        var fitted = payment.schedule().stream().map(i -> {
            if (i == null || i.dueDate() == null) {
                return i;
            }
            long into = Math.max(0, Math.min(oldDays,
                    java.time.temporal.ChronoUnit.DAYS.between(oldStart, i.dueDate())));
            long at = Math.round((double) into * newDays / oldDays);
            return new Terms.Instalment(newStart.plusDays(at), i.milestone(), i.amount(), i.description(), i.trigger(),
                    i.workingDays());
        }).toList();
        var p = shifted.payment();
        return new ContractTerms(new Terms.Payment(p.method(), fitted, p.deposit(), p.noConsideration(),
                p.depositOffsetsInstalment(), p.tax()), rightsAndObligations, breach, dispute, termination,
                intellectualProperty, confidentialityObligations, service, confidentialInformation,
                confidentialityPeriod, maintenance, consulting, sharedInformation, sharingMethods, sharingPeriod,
                personalInformation, shifted.signing(), notices);
    }

    public ContractTerms renewedBy(java.time.Period shift) {
        Terms.Payment movedPayment = payment;
        if (payment != null && payment.schedule() != null && !shift.isZero()) {
            var moved = payment.schedule().stream().map(i -> i == null || i.dueDate() == null ? i
                    : new Terms.Instalment(i.dueDate().plus(shift), i.milestone(), i.amount(), i.description(),
                            i.trigger(), i.workingDays())).toList();
            movedPayment = new Terms.Payment(payment.method(), moved, payment.deposit(), payment.noConsideration(),
                    payment.depositOffsetsInstalment(), payment.tax());
        }
        Terms.Signing unsigned = signing == null || signing.date() == null ? signing
                : new Terms.Signing(null, signing.place());
        return new ContractTerms(movedPayment, rightsAndObligations, breach, dispute, termination,
                intellectualProperty, confidentialityObligations, service, confidentialInformation,
                confidentialityPeriod, maintenance, consulting, sharedInformation, sharingMethods, sharingPeriod,
                personalInformation, unsigned, notices);
    }

    /**
     * These terms with each part that {@code given} holds put in place of this one's, and the parts it leaves out
     * kept: a file in update mode changes the parts it fills and never empties the others.
     */
    public ContractTerms overlaidWith(ContractTerms given) {
        if (given == null) {
            return this;
        }
        return new ContractTerms(either(given.payment, payment),
                either(given.rightsAndObligations, rightsAndObligations), either(given.breach, breach),
                either(given.dispute, dispute), either(given.termination, termination),
                either(given.intellectualProperty, intellectualProperty),
                either(given.confidentialityObligations, confidentialityObligations), either(given.service, service),
                either(given.confidentialInformation, confidentialInformation),
                either(given.confidentialityPeriod, confidentialityPeriod), either(given.maintenance, maintenance),
                either(given.consulting, consulting), either(given.sharedInformation, sharedInformation),
                either(given.sharingMethods, sharingMethods), either(given.sharingPeriod, sharingPeriod),
                either(given.personalInformation, personalInformation), either(given.signing, signing),
                either(given.notices, notices));
    }

    /** See {@link Terms.Payment#withoutConsideration()}. */
    public boolean withoutConsideration() {
        return payment != null && payment.withoutConsideration();
    }

    private static <T> T either(T given, T kept) {
        return given != null ? given : kept;
    }

    /** Terms as stored before 签订日期/地点 and 通知与送达 were parts: they read as absent. */
    public ContractTerms(Terms.Payment payment, Terms.RightsAndObligations rightsAndObligations, Terms.Breach breach,
                         Terms.Dispute dispute, Terms.Termination termination,
                         Terms.IntellectualProperty intellectualProperty, List<String> confidentialityObligations,
                         Terms.Service service, Terms.ConfidentialInformation confidentialInformation,
                         Terms.PeriodAfterTermination confidentialityPeriod, Terms.Maintenance maintenance,
                         Terms.Consulting consulting, Terms.SharedInformation sharedInformation,
                         List<Terms.SharingMethod> sharingMethods, Terms.PeriodAfterTermination sharingPeriod,
                         Terms.PersonalInformation personalInformation) {
        this(payment, rightsAndObligations, breach, dispute, termination, intellectualProperty,
                confidentialityObligations, service, confidentialInformation, confidentialityPeriod, maintenance,
                consulting, sharedInformation, sharingMethods, sharingPeriod, personalInformation, null, null);
    }
}
