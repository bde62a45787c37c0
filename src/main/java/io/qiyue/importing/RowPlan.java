package io.qiyue.importing;

import io.qiyue.contract.Contracts;
import io.qiyue.contract.LegacyContract;
import java.util.function.Supplier;

/**
 * What the real run does with one checked row: create, change or skip it. {@code write} runs inside the file's one
 * transaction; it is null for a row skipped because its record exists (a re-run). {@code legacy}: a new legacy
 * contract, written in bulk with the new ones around it ({@link Contracts#importLegacyAll}) rather than by
 * {@code write} alone.
 */
record RowPlan(int row, Outcome outcome, Supplier<Object> write, LegacyContract legacy) {
    enum Outcome { CREATE, UPDATE, SKIP }

    RowPlan(int row, Outcome outcome, Supplier<Object> write) {
        this(row, outcome, write, null);
    }
}
