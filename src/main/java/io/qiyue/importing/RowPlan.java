package io.qiyue.importing;

import io.qiyue.contract.Contracts;
import io.qiyue.contract.LegacyContract;
import io.qiyue.contract.Terms;
import io.qiyue.shared.Money;

import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * What the real run does with one checked row: create, change or skip it. {@code write} runs inside the file's one
 * transaction; it is null for a row skipped because its record exists (a re-run). {@code legacy}: a new legacy
 * contract, written in bulk with the new ones around it ({@link Contracts#importLegacyAll}) rather than by
 * {@code write} alone. {@code received}: what a new legacy contract's customer had paid before it came to Qiyue,
 * recorded as a receipt once the contract and its instalments are written (null: nothing).
 */
record RowPlan(int row, Outcome outcome, Supplier<Object> write, LegacyContract legacy, Received received) {
    enum Outcome { CREATE, UPDATE, SKIP }

    /** 已收金额 and its 收款日期, paid as the receipt's method says (the contract's payment method, else other). */
    record Received(Money amount, LocalDate on, Terms.PaymentMethod method) {
    }

    RowPlan(int row, Outcome outcome, Supplier<Object> write) {
        this(row, outcome, write, null, null);
    }
}
