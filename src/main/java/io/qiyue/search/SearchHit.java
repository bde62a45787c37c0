package io.qiyue.search;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One hit: {@code title} the contract's title or the customer's name, {@code number} the contract number or credit
 * code; {@code snippet} is HTML: the matched words in {@code <em>}, everything else escaped.
 */
public record SearchHit(SearchKind kind, String id, String title, String number, String snippet, float score,
                        String customerName, String type, String status, String owner, LocalDate startDate,
                        LocalDate endDate, BigDecimal amount) {
}
