package io.qiyue.obligation;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.qiyue.contract.Terms;
import io.qiyue.shared.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A contract's receivables as of a day: the contract amount, the collection plan (its payment instalments) and its
 * total, what was received, what is outstanding and overdue, the late-payment damages of the breach clause, and
 * 回款 % (received ÷ contract amount, one decimal, HALF_UP; null without an amount). {@code planShortOfAmount}: the
 * instalments, waived ones included, add up to less than the contract amount (one cut below what was signed).
 * {@code planMadeAtSigning}: the contract is not signed yet, so there is no plan: it is made from the payment schedule
 * at signing, and the plan is neither short of the amount nor beyond it.
 */
public record ContractReceivables(String contractId, LocalDate asOf, Money contractAmount, Money planned,
                                  boolean planExceedsAmount, boolean planShortOfAmount, boolean planMadeAtSigning,
                                  Money received,
                                  Money outstanding, Money overdue,
                                  @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal percentReceived,
                                  Damages damages, List<Instalment> instalments,
                                  List<Receipt> receipts, List<Invoice> invoices, Money invoiced) {

    /** The damages of the breach clause as of {@code asOf} (basis and value null: the contract names none). */
    public record Damages(Terms.DamagesBasis basis, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value,
                          Money amount, List<DamagesLine> lines) {
    }

    public record DamagesLine(String obligationId, Money lateAmount, Money unpaidLate, BigDecimal yuanDays,
                              Money damages) {
    }

    /**
     * One instalment of the plan with what paid it and what billed it. {@code title} is as stored (and as a PUT sends
     * it back); {@code displayTitle} is a title Qiyue gave in the reader's language (ObligationTitles).
     */
    public record Instalment(String id, int seq, String title, String displayTitle, String description,
                             LocalDate dueDate,
                             String dueTrigger, Money amount, Money received, Money outstanding, long daysOverdue,
                             ObligationStatus status, int version, List<ReceiptRef> receipts,
                             List<InvoiceRef> invoices) {
    }

    public record ReceiptRef(String receiptId, LocalDate receivedOn, Money amount) {
    }

    public record InvoiceRef(String invoiceId, String number, LocalDate issuedOn, Money amount) {
    }
}
