package io.qiyue.template;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts in Chinese capital numerals (大写金额) as 《支付结算办法》附一 writes them: 壹佰万肆仟元伍角,
 * 壹拾元零伍分, 壹佰元整, 叁角. One 零 stands for a run of zeros inside the figure; a zero in the 元
 * place before a non-zero 角 is not written; a zero 角 before a non-zero 分 is written as 零.
 */
final class ChineseMoney {
    private static final char[] DIGITS = "零壹贰叁肆伍陆柒捌玖".toCharArray();
    private static final String[] PLACES = {"仟", "佰", "拾", ""};
    private static final long WAN = 10_000L;
    private static final long YI = 100_000_000L;

    private ChineseMoney() {
    }

    static String format(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("negative amount");
        }
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP).movePointRight(2);
        if (cents.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 10)) > 0 || amount.compareTo(new BigDecimal("1E16")) >= 0) {
            throw new IllegalArgumentException("amount too large: " + amount);
        }
        long total = cents.longValueExact();
        long yuan = total / 100;
        int jiao = (int) (total / 10 % 10);
        int fen = (int) (total % 10);
        var out = new StringBuilder();
        if (yuan > 0) {
            out.append(integer(yuan)).append('元');
        }
        if (jiao == 0 && fen == 0) {
            return yuan == 0 ? "零元整" : out.append('整').toString();
        }
        if (jiao > 0) {
            out.append(DIGITS[jiao]).append('角');
        }
        if (fen > 0) {
            if (jiao == 0 && yuan > 0) {
                out.append('零');
            }
            out.append(DIGITS[fen]).append('分');
        }
        return out.toString();
    }

    /** A positive integer below 10^16 in capital numerals, without unit. */
    private static String integer(long n) {
        if (n >= YI) {
            long high = n / YI;
            long low = n % YI;
            String s = integer(high) + "亿";
            if (low == 0) {
                return s;
            }
            return s + (low < YI / 10 ? "零" : "") + integer(low);
        }
        if (n >= WAN) {
            long high = n / WAN;
            long low = n % WAN;
            String s = group((int) high) + "万";
            if (low == 0) {
                return s;
            }
            return s + (low < 1000 ? "零" : "") + group((int) low);
        }
        return group((int) n);
    }

    /** 1 … 9999: 壹仟零壹, 壹拾, 玖仟玖佰玖拾玖. */
    private static String group(int n) {
        var out = new StringBuilder();
        int[] digits = {n / 1000, n / 100 % 10, n / 10 % 10, n % 10};
        boolean started = false;
        boolean zero = false;
        for (int i = 0; i < 4; i++) {
            int d = digits[i];
            if (d == 0) {
                zero = started;
                continue;
            }
            if (zero) {
                out.append('零');
            }
            out.append(DIGITS[d]).append(PLACES[i]);
            started = true;
            zero = false;
        }
        return out.toString();
    }
}
