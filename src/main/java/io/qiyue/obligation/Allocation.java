package io.qiyue.obligation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a receipt is spread over the open instalments when the user does not say: the oldest due first, instalments
 * still waiting for their trigger (no due date) last in plan order. A pure function, tested without a database;
 * the caller has checked under the contract's lock that the amount does not exceed what is outstanding.
 */
final class Allocation {
    private Allocation() {
    }

    /** An instalment that still has money outstanding. */
    record Open(String obligationId, int seq, LocalDate dueDate, BigDecimal outstanding) {
    }

    /** What one receipt pays of one instalment. */
    record Part(String obligationId, BigDecimal amount) {
    }

    static final Comparator<Open> OLDEST_FIRST = Comparator
            .comparing(Open::dueDate, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(Open::seq);

    static BigDecimal outstanding(List<Open> open) {
        return open.stream().map(Open::outstanding).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Fills the instalments oldest first until {@code amount} is used up. Throws {@link IllegalArgumentException}
     * when the amount is not positive or exceeds the total outstanding (the caller refuses that with a 409 first).
     */
    static List<Part> oldestFirst(List<Open> open, BigDecimal amount) {
        if (amount.signum() <= 0 || amount.compareTo(outstanding(open)) > 0) {
            throw new IllegalArgumentException("amount " + amount + " outside (0, " + outstanding(open) + "]");
        }
        var sorted = new ArrayList<>(open);
        sorted.sort(OLDEST_FIRST);
        var parts = new ArrayList<Part>();
        BigDecimal left = amount;
        for (var instalment : sorted) {
            if (left.signum() == 0) {
                break;
            }
            if (instalment.outstanding().signum() <= 0) {
                continue;
            }
            BigDecimal take = left.min(instalment.outstanding());
            parts.add(new Part(instalment.obligationId(), take));
            left = left.subtract(take);
        }
        return parts;
    }
}
