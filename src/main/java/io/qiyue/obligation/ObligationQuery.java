package io.qiyue.obligation;

import java.time.LocalDate;
import java.util.Set;

/**
 * Filters of the obligation list across contracts (all optional): status, kind and side; due on or after
 * {@code dueFrom} and on or before {@code dueTo}; the contract's owner; the responsible user ({@code "me"} for the
 * caller).
 */
public record ObligationQuery(Set<ObligationStatus> status, ObligationKind kind, ObligationSide side,
                              LocalDate dueFrom, LocalDate dueTo, String owner, String responsible,
                              String contractId) {

    public static final ObligationQuery ALL = new ObligationQuery(Set.of(), null, null, null, null, null, null, null);

    public ObligationQuery {
        // a query string such as status=&status=%00 binds to nulls: no filter, not a failure
        status = status == null ? Set.of() : status.stream().filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
