package io.qiyue.contract;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.qiyue.contract.ContractAction.*;

/**
 * The lifecycle of spec/domain.md as one transition table: each state's allowed actions and where they
 * lead. Every move goes through {@link #next}; the 409 of an illegal move and the UI's buttons both read
 * {@link #allowedActions}. {@link ContractAction#RENEW} leads to the same state: it creates a successor.
 */
public enum ContractStatus {
    DRAFT, IN_APPROVAL, APPROVED, SIGNING, SIGNED, ACTIVE, EXPIRED, TERMINATED, RENEWED;

    private static final Map<ContractStatus, Map<ContractAction, ContractStatus>> TABLE = table();

    /**
     * The table's one entry without a state before it: {@link ContractAction#IMPORT} enters a legacy contract
     * directly in the state its file gives, signed long ago with its own number and dates (or a draft still to
     * be worked on). Nothing before signing: approval and signing happened outside this system or not at all.
     */
    private static final java.util.Set<ContractStatus> ENTERED_BY_IMPORT =
            java.util.Collections.unmodifiableSet(java.util.EnumSet.of(DRAFT, SIGNED, ACTIVE, EXPIRED));

    private static Map<ContractStatus, Map<ContractAction, ContractStatus>> table() {
        var t = new EnumMap<ContractStatus, Map<ContractAction, ContractStatus>>(ContractStatus.class);
        for (ContractStatus s : values()) {
            t.put(s, new EnumMap<>(ContractAction.class));
        }
        t.get(DRAFT).put(SUBMIT, IN_APPROVAL);
        t.get(IN_APPROVAL).put(WITHDRAW, DRAFT);
        t.get(IN_APPROVAL).put(APPROVE, APPROVED);
        t.get(IN_APPROVAL).put(REJECT, DRAFT);
        t.get(APPROVED).put(START_SIGNING, SIGNING);
        // back to a draft to revise (the customer declined the terms, or asked for changes before signing): the
        // revised contract is reviewed and approved again
        t.get(APPROVED).put(WITHDRAW, DRAFT);
        t.get(SIGNING).put(SIGN, SIGNED);
        t.get(SIGNING).put(CANCEL_SIGNING, APPROVED);
        t.get(SIGNED).put(ACTIVATE, ACTIVE);
        t.get(SIGNED).put(EXPIRE, EXPIRED);
        t.get(SIGNED).put(TERMINATE, TERMINATED);
        t.get(SIGNED).put(MARK_RENEWED, RENEWED);
        t.get(SIGNED).put(RENEW, SIGNED);
        t.get(SIGNED).put(AUTO_RENEW, SIGNED);
        t.get(ACTIVE).put(EXPIRE, EXPIRED);
        t.get(ACTIVE).put(TERMINATE, TERMINATED);
        t.get(ACTIVE).put(MARK_RENEWED, RENEWED);
        t.get(ACTIVE).put(RENEW, ACTIVE);
        t.get(ACTIVE).put(AUTO_RENEW, ACTIVE);
        t.get(EXPIRED).put(MARK_RENEWED, RENEWED);
        t.get(EXPIRED).put(RENEW, EXPIRED);
        t.replaceAll((status, moves) -> Collections.unmodifiableMap(moves));
        return Collections.unmodifiableMap(t);
    }

    /** Where {@code action} leads from this state, or empty when it is not allowed here. */
    public Optional<ContractStatus> next(ContractAction action) {
        return Optional.ofNullable(TABLE.get(this).get(action));
    }

    /** The states an import may enter a contract in ({@link ContractAction#IMPORT}). */
    public static java.util.Set<ContractStatus> enteredByImport() {
        return ENTERED_BY_IMPORT;
    }

    /** The actions allowed in this state, in the table's order. */
    public List<ContractAction> allowedActions() {
        return List.copyOf(TABLE.get(this).keySet());
    }

    /** The actions a person may ask for in this state (the UI's buttons, before the caller's rights). */
    public List<ContractAction> userActions() {
        return allowedActions().stream().filter(ContractAction::byUser).toList();
    }

    public boolean editable() {
        return this == DRAFT;
    }

    /** Not signed yet: nothing binds either side, and no duties or receivables have been planned. */
    public boolean beforeSigning() {
        return this == DRAFT || this == IN_APPROVAL || this == APPROVED || this == SIGNING;
    }

    /** Signed and not yet over: the contract binds both sides (or will from its start date). */
    public boolean inForce() {
        return this == SIGNED || this == ACTIVE;
    }

    /**
     * Entering approval or signing needs a review without blocking findings (review-rules.md). Signing asks
     * again although approval already did: the ruleset, its settings or a party's record may change between
     * the two.
     */
    public boolean needsCleanReview() {
        return this == IN_APPROVAL || this == SIGNING;
    }
}
