package io.qiyue.search;

import java.util.Collection;
import java.util.Set;

/**
 * The contract list's filters an index holds: {@code text} found in the title (case ignored) or the number, or a
 * customer among {@code customersMatchingText} (null: no text filter); type, status, customer id and owner (each
 * null: any).
 */
public record ContractFilter(String text, Collection<String> customersMatchingText, String type, String status,
                             String customerId, String owner) {
    public ContractFilter {
        customersMatchingText = Set.copyOf(customersMatchingText);
    }
}
