package io.qiyue.template;

/** Article numbers as Chinese contracts write them: 一, 十, 十一, 二十三, 一百零五. */
final class ChineseNumbers {
    private static final String DIGITS = "零一二三四五六七八九";

    private ChineseNumbers() {
    }

    static String of(int n) {
        if (n < 1 || n > 999) {
            return String.valueOf(n);
        }
        int hundreds = n / 100;
        int tens = n / 10 % 10;
        int units = n % 10;
        var out = new StringBuilder();
        if (hundreds > 0) {
            out.append(DIGITS.charAt(hundreds)).append('百');
            if (tens == 0 && units > 0) {
                out.append('零');
            }
        }
        if (tens > 0) {
            if (tens > 1 || hundreds > 0) {
                out.append(DIGITS.charAt(tens));
            }
            out.append('十');
        }
        if (units > 0) {
            out.append(DIGITS.charAt(units));
        }
        return out.toString();
    }
}
