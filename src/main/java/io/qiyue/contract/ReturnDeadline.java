package io.qiyue.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The time limit the words of {@code terms.personalInformation.returnOrDeletion} set for returning or deleting
 * shared information, counted either from the contract's end (合同终止后30日内, 协议到期后5个工作日内, 解除或期满后…) or
 * from the end of the sharing period (共享期限届满后30日内). One reading for the review (QY-C014 compares the first with
 * the sharing period) and for the obligation planner (which dates the return by it): two patterns had drifted apart,
 * so that the review warned of 合同到期后30日内 as counted from the end while the planner dated it at the end of the
 * sharing period.
 */
public final class ReturnDeadline {
    /** {@code days} calendar days, or working days when {@code workingDays}. */
    public record Limit(int days, boolean workingDays) {
    }

    // 共享期满 is the sharing period's end, not the contract's
    private static final Pattern AFTER_CONTRACT_END = Pattern.compile(
            "(?<!共享)(?<!共享期限)(?:终止|解除|到期|期满)(?:或(?:到期|期满|终止|解除))?后\\s*(\\d{1,3})\\s*(个工作日|日|天)内");
    private static final Pattern AFTER_SHARING_PERIOD = Pattern.compile(
            "(?:共享期限届满|共享期限期满|共享期满|期限届满)后\\s*(\\d{1,3})\\s*(个工作日|日|天)内");

    private ReturnDeadline() {
    }

    /** The limit counted from the contract's end, if the words set one. */
    public static Optional<Limit> afterContractEnd(String words) {
        return limit(AFTER_CONTRACT_END, words);
    }

    /** The limit counted from the end of the sharing period, if the words set one. */
    public static Optional<Limit> afterSharingPeriod(String words) {
        return limit(AFTER_SHARING_PERIOD, words);
    }

    private static Optional<Limit> limit(Pattern pattern, String words) {
        if (words == null) {
            return Optional.empty();
        }
        var m = pattern.matcher(words);
        return m.find() ? Optional.of(new Limit(Integer.parseInt(m.group(1)), m.group(2).equals("个工作日")))
                : Optional.empty();
    }
}
