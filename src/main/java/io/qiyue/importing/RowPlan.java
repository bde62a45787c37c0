package io.qiyue.importing;

import java.util.function.Supplier;

/**
 * What the real run does with one checked row: create, change or skip it. {@code write} runs inside the file's one
 * transaction; it is null for a row skipped because its record exists (a re-run).
 */
record RowPlan(int row, Outcome outcome, Supplier<Object> write) {
    enum Outcome { CREATE, UPDATE, SKIP }
}
