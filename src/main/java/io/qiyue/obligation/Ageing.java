package io.qiyue.obligation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ageing of what customers owe (账龄), as of a day: each instalment's amount still unpaid on that day goes to
 * one bucket by how many days it is past its due date. Not yet due (due on or after {@code asOf}, or waiting for a
 * trigger) is a column of its own, so that "0–30" holds only what is late: 1 to 30 days past due. A pure
 * calculation; the rows it sums come from {@link ReceivableStore#ageingRows}.
 */
final class Ageing {
    private Ageing() {
    }

    enum Bucket { NOT_DUE, DAYS_0_30, DAYS_31_60, DAYS_61_90, OVER_90 }

    /** One instalment's unpaid amount on {@code asOf} with what it is grouped by. */
    record Item(String customerId, String owner, LocalDate dueDate, BigDecimal unpaid) {
    }

    static Bucket bucket(LocalDate dueDate, LocalDate asOf) {
        if (dueDate == null) {
            return Bucket.NOT_DUE;
        }
        long days = ChronoUnit.DAYS.between(dueDate, asOf);
        if (days <= 0) {
            return Bucket.NOT_DUE;
        }
        if (days <= 30) {
            return Bucket.DAYS_0_30;
        }
        if (days <= 60) {
            return Bucket.DAYS_31_60;
        }
        return days <= 90 ? Bucket.DAYS_61_90 : Bucket.OVER_90;
    }

    /** The sums of one group, per bucket, in fen-exact decimals. */
    static final class Sums {
        final BigDecimal[] buckets = new BigDecimal[Bucket.values().length];

        Sums() {
            java.util.Arrays.fill(buckets, BigDecimal.ZERO.setScale(2));
        }

        void add(Bucket bucket, BigDecimal amount) {
            buckets[bucket.ordinal()] = buckets[bucket.ordinal()].add(amount);
        }

        BigDecimal get(Bucket bucket) {
            return buckets[bucket.ordinal()];
        }

        BigDecimal overdue() {
            return total().subtract(get(Bucket.NOT_DUE));
        }

        BigDecimal total() {
            BigDecimal t = BigDecimal.ZERO.setScale(2);
            for (BigDecimal b : buckets) {
                t = t.add(b);
            }
            return t;
        }
    }

    /** Sums the items per group key (in the order groups first appear). */
    static Map<String, Sums> sum(List<Item> items, LocalDate asOf, Function<Item, String> groupKey) {
        var groups = new LinkedHashMap<String, Sums>();
        for (var item : items) {
            if (item.unpaid().signum() <= 0) {
                continue;
            }
            groups.computeIfAbsent(groupKey.apply(item), k -> new Sums()).add(bucket(item.dueDate(), asOf),
                    item.unpaid());
        }
        return groups;
    }
}
