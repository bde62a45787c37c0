package io.qiyue.contract;

import java.time.LocalDate;

/**
 * A contract in force reaches its renewal notice period ({@code renewalNoticeDays} before the end date,
 * 30 days when the contract names none). Published once per end date by the daily calendar.
 */
public record ContractExpiring(String contractId, String number, String title, String owner, LocalDate endDate,
                               int daysLeft, boolean autoRenew) {
}
