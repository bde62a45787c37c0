package io.qiyue.review.rules;

import io.qiyue.contract.ContractType;
import io.qiyue.review.ReviewSubject;

import java.util.EnumSet;
import java.util.Set;

/** One rule of the catalogue. Rules are stateless after construction and safe to share between threads. */
public interface Rule {
    Set<ContractType> ALL = EnumSet.allOf(ContractType.class);
    Set<ContractType> PRICED = EnumSet.of(ContractType.SERVICE, ContractType.MAINTENANCE, ContractType.CONSULTING);

    /** The stable public id, e.g. {@code QY-V001}. */
    String id();

    /** The contract types the rule applies to. */
    default Set<ContractType> types() {
        return ALL;
    }

    /** Whether the rule applies to this subject beyond its type (e.g. only when personal information is shared). */
    default boolean appliesTo(ReviewSubject subject) {
        return types().contains(subject.contract().type());
    }

    void check(ReviewSubject subject, Findings findings);
}
