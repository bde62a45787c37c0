package io.qiyue.search;

import io.qiyue.shared.Money;

import java.time.LocalDate;

/**
 * One hit: {@code title} the contract's title or the customer's name, {@code number} the contract number or credit
 * code; {@code snippet} is HTML: the matched words in {@code <em>}, everything else escaped; {@code amount} is money
 * as everywhere in the API ({@code { "value": "290000.00", "currency": "CNY" }}).
 */
public record SearchHit(SearchKind kind, String id, String title, String number, @io.qiyue.shared.HtmlText String snippet,
                        float score,
                        String customerName, String type, String status, String owner, LocalDate startDate,
                        LocalDate endDate, Money amount) {
}
