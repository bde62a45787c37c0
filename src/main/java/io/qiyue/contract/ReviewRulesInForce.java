package io.qiyue.contract;

/**
 * Which ruleset a review started now runs with; the review module answers. The contract list compares each
 * contract's last review with it (and, in the database, with the review settings in force), so that a contract
 * still being made whose review ran under other rules is listed {@link ReviewState#OUTDATED}, not clean.
 */
public interface ReviewRulesInForce {
    String rulesetVersion();
}
