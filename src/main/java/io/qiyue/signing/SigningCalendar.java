package io.qiyue.signing;

import io.qiyue.contract.ContractAction;
import io.qiyue.contract.Contracts;
import io.qiyue.shared.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Signing requests run out: a reminder goes to whoever has not signed some days before, and a round still open
 * at its expiry ends — the contract goes back to the owner ({@code APPROVED}). Once across instances.
 */
@Component
public class SigningCalendar {
    private static final Logger log = LoggerFactory.getLogger(SigningCalendar.class);
    private static final int BATCH = 200;

    private final SigningStore store;
    private final SigningRounds rounds;
    private final Contracts contracts;
    private final ScheduledWork work;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Duration remindBefore;

    SigningCalendar(SigningStore store, SigningRounds rounds, Contracts contracts, ScheduledWork work, Clock clock,
                    PlatformTransactionManager transactions,
                    @Value("${qiyue.signing.remind-days-before:3}") int remindDaysBefore) {
        this.store = store;
        this.rounds = rounds;
        this.contracts = contracts;
        this.work = work;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.remindBefore = Duration.ofDays(remindDaysBefore);
    }

    public record Run(int reminded, int expired) {
    }

    @Scheduled(cron = "${qiyue.signing.calendar-cron:0 17 * * * *}", zone = "Asia/Shanghai")
    void hourly() {
        work.once("signing-calendar", Duration.ofMinutes(30), Duration.ofMinutes(1), () -> runAt(clock.instant()))
                .filter(run -> run.reminded() + run.expired() > 0)
                .ifPresent(run -> log.info("Signing: {} reminders sent, {} rounds expired", run.reminded(),
                        run.expired()));
    }

    /** One pass as of {@code now}; tests call it with a moved clock. */
    public Run runAt(Instant now) {
        int expired = 0;
        for (var session : store.expiredBy(now, BATCH)) {
            tx.executeWithoutResult(status -> {
                var contract = contracts.internal(session.contractId());
                rounds.close(session, SessionStatus.EXPIRED, null, "system");
                contracts.advance(session.contractId(), ContractAction.CANCEL_SIGNING, "签署请求已过期", "system");
                rounds.tellOwner(contract, SigningEvent.Kind.EXPIRED, null);
            });
            expired++;
        }
        int reminded = 0;
        for (var session : store.toRemind(now.plus(remindBefore), BATCH)) {
            reminded += tx.execute(status -> {
                var contract = contracts.internal(session.contractId());
                var signers = store.signers(session.id());
                int sent = 0;
                for (var signer : signers) {
                    if (signer.status() == SignerStatus.PENDING && signer.invitedAt() != null
                            && rounds.turnOf(session, signers, signer.side())) {
                        rounds.sendInvitation(contract, session, signer, "system", SigningEvent.Kind.REMINDER);
                        sent++;
                    }
                }
                store.reminded(session.id(), now);
                return sent;
            });
        }
        return new Run(reminded, expired);
    }
}
