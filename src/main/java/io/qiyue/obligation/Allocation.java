package io.qiyue.obligation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * An instalment of the plan as a reallocation sees it: {@code takesMoney} when receipts may be spread over it
     * again (open, or settled by the receipts), not when it was waived or settled some other way — what is on
     * those stays there.
     */
    record Slot(String obligationId, int seq, LocalDate dueDate, BigDecimal amount, boolean takesMoney) {
    }

    /**
     * A live receipt: the day the money was paid ({@code receivedOn}), when it was recorded, its amount, whether Qiyue
     * spread it oldest first (else someone chose its instalments, which is kept) and what it pays now.
     */
    record Spread(String receiptId, LocalDate receivedOn, Instant recordedAt, BigDecimal amount, boolean oldestFirst,
                  List<Part> parts) {
    }

    /**
     * The order in which receipts pay: by the day the money was paid (民法典第560条: a payment goes to the debt that
     * fell due first when it is made, so money paid earlier takes the earlier instalment, whenever it was recorded),
     * then in the order they were recorded.
     */
    static final Comparator<Spread> PAYMENT_ORDER = Comparator.comparing(Spread::receivedOn)
            .thenComparing(Spread::recordedAt).thenComparing(Spread::receiptId);

    /**
     * The receipts Qiyue spread oldest first, spread again in {@link #PAYMENT_ORDER} (the day each was paid, then the
     * order they were recorded) over what the others leave: after a receipt was taken back, so that they pay what they
     * would have paid had it never been recorded; and when a receipt is recorded that was paid before others already
     * spread (it is given here with no parts), so that it pays the instalments that were due first when it was paid.
     * Receipts whose instalments someone chose keep them, and so does money on an instalment that takes none
     * ({@link Slot#takesMoney}); those are set aside first. The answer: the new parts of every receipt spread oldest
     * first (unchanged ones included), or empty when the receipts do not fit the plan (records out of step with each
     * other: then nothing is moved).
     */
    static Optional<Map<String, List<Part>>> respread(List<Slot> plan, List<Spread> receipts) {
        var byId = new HashMap<String, Slot>();
        plan.forEach(s -> byId.put(s.obligationId(), s));
        var room = new LinkedHashMap<String, BigDecimal>();
        plan.stream().filter(Slot::takesMoney).forEach(s -> room.put(s.obligationId(), s.amount()));
        var kept = new HashMap<String, List<Part>>();
        for (var receipt : receipts) {
            var stays = receipt.parts().stream().filter(p -> !receipt.oldestFirst() || !takesMoney(byId, p)).toList();
            kept.put(receipt.receiptId(), stays);
            for (var part : stays) {
                room.computeIfPresent(part.obligationId(), (id, left) -> left.subtract(part.amount()));
            }
        }
        var out = new LinkedHashMap<String, List<Part>>();
        var inPaymentOrder = new ArrayList<>(receipts);
        inPaymentOrder.sort(PAYMENT_ORDER);
        for (var receipt : inPaymentOrder) {
            if (!receipt.oldestFirst()) {
                continue;
            }
            var stays = kept.get(receipt.receiptId());
            BigDecimal amount = receipt.amount().subtract(
                    stays.stream().map(Part::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
            var parts = new ArrayList<>(stays);
            if (amount.signum() > 0) {
                var open = new ArrayList<Open>();
                room.forEach((id, left) -> {
                    if (left.signum() > 0) {
                        var s = byId.get(id);
                        open.add(new Open(id, s.seq(), s.dueDate(), left));
                    }
                });
                if (amount.compareTo(outstanding(open)) > 0) {
                    return Optional.empty();
                }
                for (var part : oldestFirst(open, amount)) {
                    parts.add(part);
                    room.computeIfPresent(part.obligationId(), (id, left) -> left.subtract(part.amount()));
                }
            } else if (amount.signum() < 0) {
                return Optional.empty();
            }
            out.put(receipt.receiptId(), List.copyOf(parts));
        }
        return Optional.of(out);
    }

    private static boolean takesMoney(Map<String, Slot> plan, Part part) {
        var slot = plan.get(part.obligationId());
        return slot != null && slot.takesMoney();
    }
}
