package io.qiyue.review.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Liquidated damages or a deposit stated in free text, as a share of the contract amount: "违约金为合同总价的35%",
 * "按日1%支付违约金，累计不超过合同总价的10%", "定金人民币5万元". Per sentence that names the sum, the figures
 * of the parts about it are read: a daily rate accrues over the term, a cap (不超过…, …为限) limits it, an amount is
 * divided by the contract amount. The largest share a sentence allows is what it states.
 */
final class StatedSums {
    private StatedSums() {
    }

    /** Damages or deposit stated at [start, end) of the clause text, worth {@code percent} of the amount. */
    record Stated(BigDecimal percent, int start, int end, boolean daily) {
    }

    /**
     * A sum as text names it: the pattern, and a word every match contains, looked for first (a ten-page contract
     * has hundreds of sentences, few of which name the sum, and a pattern that opens with a look-behind is tried by
     * Java's matcher at every character).
     */
    record Sum(Pattern pattern, String word) {
        boolean namedIn(String text) {
            return text.contains(word) && pattern.matcher(text).find();
        }
    }

    static final Sum DAMAGES = new Sum(Pattern.compile("违约金"), "违约金");
    /** 定金, but not the 定金 of 约定金额, 规定金额 …, nor 订金 (which is no deposit). */
    static final Sum DEPOSIT = new Sum(Pattern.compile("(?<![约规确决核认设鉴限指特锁固议审稳判])定金(?!额)"), "定金");
    private static final Pattern DAILY = Pattern.compile("每日|每天|按日|日息|逾期每[日天]|每(?:逾期|迟延|延迟|延期|超过|超期)一[日天]"
            + "|日(?:万分之|千分之|百分之)");
    private static final Pattern CAP_BEFORE = Pattern.compile("(?:不超过|不高于|不得超过|最高(?:不超过)?|上限为?|至多|累计)"
            + "[^，,。；;]{0,12}$");
    private static final Pattern CAP_AFTER = Pattern.compile("^\\s*(?:为限|为上限|封顶)");

    /**
     * What the text states about the sum named by {@code sum} ({@link #DAMAGES} or {@link #DEPOSIT}); parts that
     * name only the {@code other} sum are not read. {@code amount} is the contract amount (null or zero: amounts
     * cannot be compared), {@code days} the days a daily rate runs.
     */
    static List<Stated> in(String text, Sum sum, Sum other, BigDecimal amount, long days, boolean dailyCounts) {
        var out = new ArrayList<Stated>();
        if (!text.contains(sum.word())) {
            return out;
        }
        for (int[] sentence : Figures.sentences(text)) {
            String s = text.substring(sentence[0], sentence[1]);
            if (!sum.namedIn(s)) {
                continue;
            }
            boolean mixed = other.namedIn(s);
            BigDecimal best = null;
            Rate bestRate = null;
            BigDecimal cap = null;
            // per day is said of the rate in its own part (另每日按1%计付), or of the next rate after a part that says
            // it alone (每逾期一日，按…0.5%支付): not of every rate of the sentence (合同总价的百分之四十的违约金)
            boolean dailyPending = false;
            var rates = new ArrayList<Rate>();
            int partStart = 0;
            for (int i = 0; i <= s.length(); i++) {
                if (i < s.length() && ("，,、：:".indexOf(s.charAt(i)) < 0 || thousands(s, i))) {
                    continue;
                }
                String part = s.substring(partStart, i);
                if (!(mixed && other.namedIn(part) && !sum.namedIn(part))) {
                    boolean daily = dailyCounts && DAILY.matcher(part).find();
                    boolean rated = false;
                    for (var f : Figures.in(part)) {
                        var shifted = new Figures.Figure(f.kind(), f.value(), f.start() + partStart, f.end() + partStart);
                        BigDecimal share = share(shifted, amount);
                        if (share == null) {
                            continue;
                        }
                        if (cap(s, shifted)) {
                            cap = cap == null ? share : cap.min(share);
                        } else {
                            rates.add(new Rate(shifted, daily || dailyPending));
                            rated = true;
                        }
                    }
                    dailyPending = rated ? false : dailyPending || daily;
                }
                partStart = i + 1;
            }
            for (var rate : rates) {
                BigDecimal share = share(rate.figure(), amount);
                if (rate.daily()) {
                    share = share.multiply(BigDecimal.valueOf(days));
                }
                if (cap != null) {
                    share = share.min(cap);
                }
                if (best == null || share.compareTo(best) > 0) {
                    best = share;
                    bestRate = rate;
                }
            }
            if (bestRate != null) {
                out.add(new Stated(best, sentence[0] + bestRate.figure().start(), sentence[0] + bestRate.figure().end(),
                        bestRate.daily()));
            }
        }
        return out;
    }

    /** A figure the sum is stated at, and whether it runs per day. */
    private record Rate(Figures.Figure figure, boolean daily) {
    }

    /** Whether the sentence speaks of a rate per day (每日, 按日, 每逾期一日 …). */
    static boolean daily(String sentence) {
        return DAILY.matcher(sentence).find();
    }

    /** Whether the figure (at its place in the sentence) is a cap on the sum (不超过…, 累计…, …为限), not the sum. */
    static boolean cap(String sentence, Figures.Figure f) {
        return CAP_BEFORE.matcher(sentence.substring(Math.max(0, f.start() - 16), f.start())).find()
                || CAP_AFTER.matcher(sentence.substring(f.end())).find();
    }

    /** Whether the comma at {@code i} separates thousands (50,000) rather than parts of a sentence. */
    private static boolean thousands(String s, int i) {
        return i > 0 && i + 1 < s.length() && Character.isDigit(s.charAt(i - 1)) && Character.isDigit(s.charAt(i + 1));
    }

    /** The figure as a percentage of the amount; null for an amount when there is no amount to compare with. */
    private static BigDecimal share(Figures.Figure f, BigDecimal amount) {
        if (f.kind() == Figures.Kind.PERCENT) {
            return f.value();
        }
        return amount == null || amount.signum() <= 0 ? null
                : f.value().multiply(BigDecimal.valueOf(100)).divide(amount, 4, RoundingMode.HALF_UP);
    }
}
