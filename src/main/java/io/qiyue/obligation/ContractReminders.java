package io.qiyue.obligation;

import io.qiyue.contract.Contract;
import io.qiyue.contract.Contracts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * The contracts' expiry reminder: a contract in force ends within {@code qiyue.reminders.expiry-days} (default 7),
 * told to its owner once per end date. The renewal notice ({@code renewalNoticeDays} before the end, 30 when the
 * contract names none) is not sent here: the contract calendar already sends it once per end date
 * ({@code ContractExpiring}, the notification kind EXPIRING). So that the two never say the same thing twice, a
 * contract whose notice period is not longer than this window has only its renewal notice.
 */
@Component
class ContractReminders implements ReminderSource {
    /** The contract module's default notice period (a contract that names none). */
    static final int DEFAULT_RENEWAL_NOTICE_DAYS = 30;
    private static final int PAGE = 500;

    private final Contracts contracts;
    private final int expiryDays;

    ContractReminders(Contracts contracts, @Value("${qiyue.reminders.expiry-days:7}") int expiryDays) {
        this.contracts = contracts;
        this.expiryDays = Math.max(0, expiryDays);
    }

    @Override
    public void remindersFor(LocalDate today, Consumer<Reminder> sink) {
        String after = null;
        while (true) {
            List<Contract> page = contracts.internalInForceEndingBetween(today, today.plusDays(expiryDays), after, PAGE);
            for (Contract c : page) {
                if (noticeAlreadySaysIt(c, expiryDays)) {
                    continue;
                }
                sink.accept(new Reminder(key(c), ReminderKind.CONTRACT_EXPIRING, c.id(), c.number(), c.title(),
                        List.of(c.owner()), c.endDate(), String.valueOf(ChronoUnit.DAYS.between(today, c.endDate())),
                        "/contracts/" + c.id()));
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast().id();
        }
    }

    static String key(Contract c) {
        return ReminderKind.CONTRACT_EXPIRING.name() + ":" + c.id() + ":" + c.endDate();
    }

    /** The renewal notice falls within the expiry window: it is the reminder. */
    static boolean noticeAlreadySaysIt(Contract c, int expiryDays) {
        int notice = c.renewalNoticeDays() == null ? DEFAULT_RENEWAL_NOTICE_DAYS : c.renewalNoticeDays();
        return notice <= expiryDays;
    }
}
