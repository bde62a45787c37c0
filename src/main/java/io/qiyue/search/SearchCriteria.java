package io.qiyue.search;

import io.qiyue.security.OwnerScope;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A validated search: the words, the filters (null: not filtered), the owners whose records the caller may see (the
 * data scope already narrowed by the owner and team filters), the order and the page.
 */
public record SearchCriteria(String text, SearchKind kind, String type, String status, OwnerScope owners,
                             LocalDate from, LocalDate to, BigDecimal amountMin, BigDecimal amountMax, SearchSort sort,
                             int page, int size, boolean asTyped) {

    /** A search of whole words; {@code asTyped}: the text is being typed, its last word perhaps cut short. */
    public SearchCriteria(String text, SearchKind kind, String type, String status, OwnerScope owners,
                          LocalDate from, LocalDate to, BigDecimal amountMin, BigDecimal amountMax, SearchSort sort,
                          int page, int size) {
        this(text, kind, type, status, owners, from, to, amountMin, amountMax, sort, page, size, false);
    }

    /** Whether a short text is also looked for as part of titles and names (a customer's, or one being typed). */
    boolean partsOfNames() {
        return asTyped || kind == SearchKind.CUSTOMER;
    }

    /** Whether, beside the words, a search of every kind looks for the text as part of customers' names. */
    boolean partsOfCustomerNames() {
        return kind == null;
    }
}
