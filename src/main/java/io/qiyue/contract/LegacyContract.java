package io.qiyue.contract;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A contract as a file of legacy contracts gives it ({@link Contracts#importLegacy}): its content, its own number
 * (null: one is allocated as for a new draft), the state it is in ({@link ContractStatus#enteredByImport()}), who
 * created it and when (null: the importer, now), and the day it was signed (null: its start date).
 */
public record LegacyContract(ContractInput input, String number, ContractStatus status, String createdBy,
                             Instant createdAt, LocalDate signedOn) {
}
