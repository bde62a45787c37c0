package io.qiyue.customer;

import java.util.Locale;
import java.util.Map;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet; the first names the registering
 * authority (登记管理部门码) and the second a category that authority registers (机构类别码); the last is a check
 * character computed with weights 3^(i-1) mod 31 (review rule QY-I001).
 */
public record CreditCode(String value) {
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public enum Problem { LENGTH, CHARACTER, REGISTRATION_AUTHORITY, ORGANIZATION_CATEGORY, CHECK_CHARACTER }

    /**
     * The registering authorities and, for each, the categories it registers, as the code allocation of GB 32100-2015
     * lists them: 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商 (市场监管), A 中央军委改革和编制办公室,
     * N 农业, Y 其他 (no categories: always 1). The check character alone lets through codes such as 000000000000000000,
     * whose weighted sum is 0.
     */
    private static final Map<Character, String> CATEGORIES = Map.ofEntries(
            Map.entry('1', "1239"), Map.entry('2', "19"), Map.entry('3', "123459"), Map.entry('4', "19"),
            Map.entry('5', "1239"), Map.entry('6', "129"), Map.entry('7', "129"), Map.entry('8', "19"),
            Map.entry('9', "123"), Map.entry('A', "19"), Map.entry('N', "1239"), Map.entry('Y', "1"));

    public CreditCode {
        Problem problem = check(value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid credit code: " + problem);
        }
    }

    /** Upper-cases and trims; the result still has to pass {@link #check}. */
    public static String normalise(String raw) {
        return raw == null ? null : raw.trim().toUpperCase(Locale.ROOT);
    }

    /** What is wrong with the code, or null when it is valid. */
    public static Problem check(String code) {
        if (code == null || code.length() != 18) {
            return Problem.LENGTH;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(code.charAt(i));
            if (v < 0) {
                return Problem.CHARACTER;
            }
            sum += v * WEIGHTS[i];
        }
        if (ALPHABET.indexOf(code.charAt(17)) < 0) {
            return Problem.CHARACTER;
        }
        String categories = CATEGORIES.get(code.charAt(0));
        if (categories == null) {
            return Problem.REGISTRATION_AUTHORITY;
        }
        if (categories.indexOf(code.charAt(1)) < 0) {
            return Problem.ORGANIZATION_CATEGORY;
        }
        return code.charAt(17) == checkCharacter(sum) ? null : Problem.CHECK_CHARACTER;
    }

    /** The check character for the first 17 characters (which must be in the alphabet). */
    public static char checkCharacterFor(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return checkCharacter(sum);
    }

    private static char checkCharacter(int weightedSum) {
        int c = 31 - weightedSum % 31;
        return ALPHABET.charAt(c == 31 ? 0 : c);
    }

    @Override
    public String toString() {
        return value;
    }
}
