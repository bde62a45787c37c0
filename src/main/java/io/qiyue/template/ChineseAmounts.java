package io.qiyue.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Amounts in Chinese capitals (大写) as 支付结算办法 附一《正确填写票据和结算凭证的基本规定》 prescribes:
 * digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿 元(圆) 角 分 (traditional 貳 陸 億 萬 圓 accepted);
 * 整 (or 正) required after 元, optional after 角, never after 分; 零 per 第五条: one 零 for a run of
 * zeros between digits, optional when the run ends at the 万 (or 亿) digit or at the 元 digit with a
 * non-zero 角, required after 元 when 角 is 0 and 分 is not.
 */
public final class ChineseAmounts {
    private static final String DIGITS = "零壹贰叁肆伍陆柒捌玖";
    private static final String SMALL_UNITS = "拾佰仟";
    /** Every character that can occur in an amount, for finding amounts in text. */
    public static final String CHARACTERS = "零壹贰貳叁肆伍陆陸柒捌玖拾佰仟万萬亿億元圆圓角分整正";

    private ChineseAmounts() {
    }

    /** Why a text is not a valid 大写 amount. */
    public static final class InvalidAmountException extends IllegalArgumentException {
        public InvalidAmountException(String reason) {
            super(reason);
        }
    }

    private record Entry(int digit, int position, int zerosBefore) {
    }

    /** The value of a 大写 amount; {@link InvalidAmountException} when it breaks a rule of 附一. */
    public static BigDecimal parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidAmountException("empty");
        }
        String s = normaliseTraditional(text.strip());
        if (s.equals("零元整") || s.equals("零元正")) {
            return BigDecimal.ZERO.setScale(2);
        }
        boolean integral = s.indexOf('元') >= 0;
        var entries = new ArrayList<Entry>();
        int sinceWan = 0;   // first entry not yet multiplied by 万
        int sinceYi = 0;    // first entry not yet multiplied by 亿
        int zeros = 0;
        Integer pendingDigit = null;
        boolean afterYuan = !integral;
        boolean end = false;
        int i = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (end) {
                throw new InvalidAmountException("text after 整");
            }
            int d = DIGITS.indexOf(c);
            if (d == 0) {
                if (pendingDigit != null) {
                    throw new InvalidAmountException("零 after a digit");
                }
                if (entries.isEmpty() && !afterYuan) {
                    throw new InvalidAmountException("leading 零");
                }
                zeros++;
                if (zeros > 1) {
                    throw new InvalidAmountException("more than one 零 in a row");
                }
                continue;
            }
            if (d > 0) {
                if (pendingDigit != null) {
                    throw new InvalidAmountException("two digits in a row");
                }
                pendingDigit = d;
                continue;
            }
            int unit = SMALL_UNITS.indexOf(c);
            if (unit >= 0) {
                if (afterYuan) {
                    throw new InvalidAmountException(c + " after 元");
                }
                int digit;
                if (pendingDigit == null) {
                    // 拾 without 壹 is tolerated only at the very start (拾万元整)
                    if (c != '拾' || !entries.isEmpty() || zeros > 0) {
                        throw new InvalidAmountException(c + " without a digit");
                    }
                    digit = 1;
                } else {
                    digit = pendingDigit;
                }
                entries.add(new Entry(digit, unit + 1, zeros));
                pendingDigit = null;
                zeros = 0;
                continue;
            }
            switch (c) {
                case '万', '亿' -> {
                    if (afterYuan) {
                        throw new InvalidAmountException(c + " after 元");
                    }
                    if (zeros > 0 && pendingDigit == null) {
                        throw new InvalidAmountException("零 before " + c);
                    }
                    flushUnits(entries, pendingDigit, zeros);
                    pendingDigit = null;
                    zeros = 0;
                    int from = c == '万' ? Math.max(sinceWan, sinceYi) : sinceYi;
                    if (from >= entries.size()) {
                        throw new InvalidAmountException(c + " without digits");
                    }
                    int shift = c == '万' ? 4 : 8;
                    for (int k = from; k < entries.size(); k++) {
                        var e = entries.get(k);
                        entries.set(k, new Entry(e.digit(), e.position() + shift, e.zerosBefore()));
                    }
                    if (c == '万') {
                        sinceWan = entries.size();
                    } else {
                        sinceYi = entries.size();
                        sinceWan = entries.size();
                    }
                }
                case '元' -> {
                    if (afterYuan) {
                        throw new InvalidAmountException("second 元");
                    }
                    if (zeros > 0 && pendingDigit == null) {
                        throw new InvalidAmountException("零 before 元");
                    }
                    flushUnits(entries, pendingDigit, zeros);
                    pendingDigit = null;
                    zeros = 0;
                    if (entries.isEmpty()) {
                        throw new InvalidAmountException("元 without digits");
                    }
                    afterYuan = true;
                }
                case '角', '分' -> {
                    if (!afterYuan) {
                        throw new InvalidAmountException(c + " before 元");
                    }
                    if (pendingDigit == null) {
                        throw new InvalidAmountException(c + " without a digit");
                    }
                    entries.add(new Entry(pendingDigit, c == '角' ? -1 : -2, zeros));
                    pendingDigit = null;
                    zeros = 0;
                }
                case '整' -> {
                    if (pendingDigit != null || zeros > 0) {
                        throw new InvalidAmountException("整 after a bare digit");
                    }
                    end = true;
                }
                default -> throw new InvalidAmountException("not a 大写 character: " + c);
            }
        }
        if (pendingDigit != null) {
            throw new InvalidAmountException(integral ? "digit without unit" : "no 元");
        }
        if (zeros > 0) {
            throw new InvalidAmountException("trailing 零");
        }
        if (entries.isEmpty()) {
            throw new InvalidAmountException("no digits");
        }
        // fraction-only amounts (叁角伍分) have no 元; an integral part needs one
        int last = entries.getLast().position();
        if (last >= 0 && !integral) {
            throw new InvalidAmountException("no 元");
        }
        if (last >= 0 && !end) {
            throw new InvalidAmountException("整 missing after 元");
        }
        if (last == -2 && end) {
            throw new InvalidAmountException("整 after 分");
        }
        BigDecimal value = BigDecimal.ZERO;
        for (int k = 0; k < entries.size(); k++) {
            var e = entries.get(k);
            if (k > 0 && entries.get(k - 1).position() <= e.position()) {
                throw new InvalidAmountException("units out of order");
            }
            int previous = k == 0 ? Integer.MIN_VALUE : entries.get(k - 1).position();
            boolean run = k > 0 && previous - e.position() > 1;
            if (k == 0) {
                if (e.zerosBefore() > 0) {
                    throw new InvalidAmountException("leading 零");
                }
            } else if (!run && e.zerosBefore() > 0) {
                throw new InvalidAmountException("零 where no digit is 0");
            } else if (run && e.zerosBefore() == 0 && zeroRequired(e.position() + 1, e.position())) {
                throw new InvalidAmountException("零 missing");
            }
            value = value.add(BigDecimal.valueOf(e.digit()).scaleByPowerOfTen(e.position()));
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Whether a text parses as a 大写 amount. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidAmountException e) {
            return false;
        }
    }

    /**
     * Whether a run of zeros whose lowest digit is at {@code lowest} (0 = 元, -1 = 角, 4 = 万 …), followed
     * by a non-zero digit at {@code next}, must be written with a 零.
     */
    private static boolean zeroRequired(int lowest, int next) {
        if (lowest == 4 || lowest == 8 || lowest == 12) {
            return false; // 万位 (亿位) is 0 but the next (千) digit is not: 零 optional
        }
        return !(lowest == 0 && next == -1); // 元位 is 0 but 角 is not: optional; 角 0 and 分 not: required
    }

    private static void flushUnits(List<Entry> entries, Integer pendingDigit, int zerosBefore) {
        if (pendingDigit != null) {
            entries.add(new Entry(pendingDigit, 0, zerosBefore));
        }
    }

    private static String normaliseTraditional(String s) {
        return s.replace('貳', '贰').replace('陸', '陆').replace('億', '亿').replace('萬', '万')
                .replace('圓', '元').replace('圆', '元').replace('正', '整');
    }

    /**
     * The canonical 大写 of a non-negative amount with at most two decimals, omitting every optional 零:
     * 1004000.50 → 壹佰万肆仟元伍角, 10.05 → 壹拾元零伍分, 100 → 壹佰元整, 0.30 → 叁角.
     */
    public static String format(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("negative amount");
        }
        BigDecimal v = amount.setScale(2, RoundingMode.UNNECESSARY);
        if (v.compareTo(new BigDecimal("10000000000000000")) >= 0) {
            throw new IllegalArgumentException("amount too large");
        }
        if (v.signum() == 0) {
            return "零元整";
        }
        String digits = v.movePointRight(2).toBigIntegerExact().toString();
        var entries = new ArrayList<int[]>(); // {digit, position}
        for (int k = 0; k < digits.length(); k++) {
            int d = digits.charAt(k) - '0';
            if (d != 0) {
                entries.add(new int[]{d, digits.length() - 3 - k});
            }
        }
        var out = new StringBuilder();
        for (int k = 0; k < entries.size(); k++) {
            int d = entries.get(k)[0];
            int p = entries.get(k)[1];
            int next = k + 1 < entries.size() ? entries.get(k + 1)[1] : Integer.MIN_VALUE;
            if (k > 0) {
                int previous = entries.get(k - 1)[1];
                if (previous - p > 1 && zeroRequired(p + 1, p)) {
                    out.append('零');
                }
            }
            out.append(DIGITS.charAt(d));
            if (p > 0 && p % 4 != 0) {
                out.append(SMALL_UNITS.charAt(p % 4 - 1));
            } else if (p == -1) {
                out.append('角');
            } else if (p == -2) {
                out.append('分');
            }
            if (p >= 12 && next < 12) {
                out.append('万');
            }
            if (p >= 8 && next < 8) {
                out.append('亿');
            }
            if (p >= 4 && p < 8 && next < 4) {
                out.append('万');
            }
            if (p >= 0 && next < 0) {
                out.append('元');
            }
        }
        if (entries.getLast()[1] >= 0) {
            out.append('整');
        }
        return out.toString();
    }
}
