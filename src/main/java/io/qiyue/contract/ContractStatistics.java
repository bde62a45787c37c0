package io.qiyue.contract;

import io.qiyue.shared.Money;

import java.time.YearMonth;
import java.util.List;

/**
 * The figures of the dashboard that the contract module answers, within the caller's (narrowed) read scope:
 * counts and value by type and status, the value of contracts by the month they start, and how many contracts
 * in force end within 30, 60 and 90 days.
 */
public record ContractStatistics(List<ByTypeAndStatus> byTypeAndStatus, List<ByMonth> valueByMonth,
                                 long endingIn30, long endingIn60, long endingIn90) {

    public static final ContractStatistics EMPTY = new ContractStatistics(List.of(), List.of(), 0, 0, 0);

    /** Their summed amount as money, as everywhere in the API ({@code "amount": { "value": "1555000.00", … }}). */
    public record ByTypeAndStatus(ContractType type, ContractStatus status, long count, Money amount) {
    }

    /** Signed contracts (in force or ended) starting in {@code month}: how many and their value. */
    public record ByMonth(YearMonth month, long count, Money amount) {
    }

    /** A contract as a report names it. */
    public record Label(String id, String number, String title, String customerId, String owner) {
    }
}
