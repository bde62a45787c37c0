package io.qiyue.testing;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Valid (and deliberately invalid) identifiers for test data, computed here from the GB rules
 * themselves rather than with the production code they are meant to test.
 */
public final class TestIdentifiers {
    /** GB 32100-2015: the 31 characters of a credit code (no I, O, S, V, Z). */
    private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private TestIdentifiers() {
    }

    /** A random, valid 统一社会信用代码 starting with 91 (enterprise) and a Hangzhou region code. */
    public static String creditCode() {
        var random = ThreadLocalRandom.current();
        var sb = new StringBuilder("91330100");
        while (sb.length() < 17) {
            sb.append(CREDIT_ALPHABET.charAt(random.nextInt(CREDIT_ALPHABET.length())));
        }
        return sb.append(creditCheckCharacter(sb.toString())).toString();
    }

    /** The GB 32100 check character: weights 3^(i-1) mod 31, check = 31 - (sum mod 31), 31 becomes 0. */
    public static char creditCheckCharacter(String first17) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_ALPHABET.indexOf(first17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        int check = 31 - sum % 31;
        return CREDIT_ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /** The same code with a wrong (but well-formed) check character. */
    public static String withWrongCreditCheck(String code) {
        char right = code.charAt(17);
        char wrong = CREDIT_ALPHABET.charAt((CREDIT_ALPHABET.indexOf(right) + 1) % CREDIT_ALPHABET.length());
        return code.substring(0, 17) + wrong;
    }

    /** A random, valid 居民身份证号码 of a person born on {@code birth} in Beijing Chaoyang (110105). */
    public static String idNumber(LocalDate birth) {
        var random = ThreadLocalRandom.current();
        String first17 = "110105" + "%04d%02d%02d".formatted(birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
                + "%03d".formatted(random.nextInt(1000));
        return first17 + idCheckCharacter(first17);
    }

    public static String idNumber() {
        var random = ThreadLocalRandom.current();
        return idNumber(LocalDate.of(1960, 1, 1).plusDays(random.nextInt(40 * 365)));
    }

    /** GB 11643 / ISO 7064 MOD 11-2: sum of digit × weight, mod 11, mapped through "10X98765432". */
    public static char idCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    public static String withWrongIdCheck(String id) {
        String checks = "10X98765432";
        char wrong = checks.charAt((checks.indexOf(id.charAt(17)) + 1) % checks.length());
        return id.substring(0, 17) + wrong;
    }

    /** A random, valid mainland mobile number. */
    public static String mobile() {
        var random = ThreadLocalRandom.current();
        return "13" + (random.nextInt(900_000_000) + 100_000_000);
    }
}
