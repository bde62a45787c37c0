package io.qiyue.customer;

import java.util.Locale;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet; the last is a check
 * character computed with weights 3^(i-1) mod 31 (review rule QY-I001).
 */
public record CreditCode(String value) {
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public enum Problem { LENGTH, CHARACTER, CHECK_CHARACTER }

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
