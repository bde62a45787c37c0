package io.qiyue.search;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the index keeps of one contract or customer. {@code code} is what a user may type exactly to find it (the
 * contract number, the customer's credit code); {@code text} the searchable body (a contract's document and uploaded
 * papers with personal details blanked, a customer's contacts' names); {@code date} what date filters and the date
 * order use (a contract's start, else its creation; a customer's creation). Never personal data in clear.
 */
public record SearchDocument(SearchKind kind, String id, String code, String title, String customerId,
                             String customerName, String text, String type, String status, String owner,
                             LocalDate date, LocalDate startDate, LocalDate endDate, BigDecimal amount) {

    public String key() {
        return kind.name() + ":" + id;
    }
}
