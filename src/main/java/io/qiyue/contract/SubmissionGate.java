package io.qiyue.contract;

import java.util.List;

/**
 * Asked before a contract enters approval or signing ({@link ContractStatus#needsCleanReview()}): which
 * findings block it. The contract module declares the question; an outer module (review) answers it, so
 * the core never imports the outer module.
 * With no gate in the application context, nothing blocks.
 */
public interface SubmissionGate {

    /**
     * The findings that block submitting this version of the contract (a fresh review of it), in the
     * caller's language; empty when it may be submitted.
     */
    List<Blocking> blockingFindings(Contract contract);

    /**
     * One blocking finding, as the contract module reports it in its 409.
     *
     * @param severity BLOCKER, or WARNING for a warning neither fixed nor accepted
     * @param path     JSON pointer into the contract
     * @param start    start of the words within the clause at {@code path}, or null for a field
     * @param end      end of the words, or null
     * @param source   the law cited (民法典), with {@code article} (第586条)
     */
    record Blocking(String ruleId, String severity, String path, Integer start, Integer end, String message,
                    String source, String article) {
    }
}
