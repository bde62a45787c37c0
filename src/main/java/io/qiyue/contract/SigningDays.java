package io.qiyue.contract;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The day a contract was signed, as one kind of record knows it: this module's own (an import file's 签订日期, the
 * move to signed, the 签订日期 of the terms) and the signing module's completed rounds each answer. They can differ
 * (paper signed before it was recorded here); a check of what may only follow the signing takes the earliest.
 */
public interface SigningDays {
    /** The day this record says the contract was signed; empty when it knows none. */
    Optional<LocalDate> signedOn(Contract contract);
}
