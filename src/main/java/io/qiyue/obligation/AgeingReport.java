package io.qiyue.obligation;

import io.qiyue.shared.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * What customers owe as of a day, by how long it is past due, per customer, owner or team (see {@link Ageing}):
 * {@code notDue}, {@code days0To30} (1–30 days past due), {@code days31To60}, {@code days61To90}, {@code over90};
 * {@code overdue} is the sum of the four late columns, {@code total} all of it.
 */
public record AgeingReport(LocalDate asOf, String groupBy, List<Row> rows, Row totals) {

    public record Row(String key, String label, Money notDue, Money days0To30, Money days31To60, Money days61To90,
                      Money over90, Money overdue, Money total) {
    }
}
