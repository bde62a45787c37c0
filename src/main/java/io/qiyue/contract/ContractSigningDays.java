package io.qiyue.contract;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The signing day in the contract's own records: its import file's 签订日期, the day of its move to signed, and the
 * 签订日期 its terms state, the earliest of them. Unlike {@link Contracts#legacySignedOn} the start date does not
 * stand in: paying ahead of the term's start is usual, so a start date says nothing about the signing.
 */
@Component
class ContractSigningDays implements SigningDays {
    private final ContractStore store;
    private final Clock clock;

    ContractSigningDays(ContractStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<LocalDate> signedOn(Contract contract) {
        Optional<LocalDate> imported = store.importedSignedOn(contract.id());
        Optional<LocalDate> moved = store.versions(contract.id()).stream()
                .filter(v -> v.cause() == VersionCause.SIGN).findFirst()
                .map(v -> LocalDate.ofInstant(v.createdAt(), clock.getZone()));
        var signing = contract.terms() == null ? null : contract.terms().signing();
        Optional<LocalDate> stated = Optional.ofNullable(signing == null ? null : signing.date());
        return Stream.of(imported, moved, stated).flatMap(Optional::stream).min(LocalDate::compareTo);
    }
}
