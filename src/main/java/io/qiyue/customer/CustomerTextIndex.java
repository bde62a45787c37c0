package io.qiyue.customer;

import io.qiyue.security.OwnerScope;
import io.qiyue.shared.IndexMatches;

import java.util.Optional;

/**
 * The customers whose names or credit codes hold a text, found by the search module's index (the core does not
 * import it) without the table scan a {@code LIKE '%text%'} needs when the text is too short for the database's own
 * index. Only an exact answer counts: when the index is behind the change log it declines, and the database looks.
 */
public interface CustomerTextIndex {
    /** At most this many matching customers are named by id. */
    int ID_LIMIT = 2_000;

    /** Where the text is looked for. */
    enum Where { NAME, NAME_OR_CREDIT_CODE }

    /**
     * The customers in {@code scope} whose name (case ignored) or, as {@code where} says, credit code holds {@code text}
     * (trimmed, not blank): how many, and their ids when at most {@code idLimit}. Empty when the index cannot say
     * exactly.
     */
    Optional<IndexMatches> match(String text, Where where, OwnerScope scope, int idLimit);
}
