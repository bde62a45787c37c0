package io.qiyue.customer;

import io.qiyue.testing.TestIdentifiers;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"91330100716105852F", "91350100M000100Y43", "91440300708461136T", "911100007109288314"})
    void acceptsValidCodes(String code) {
        assertThat(CreditCode.check(code)).isNull();
        assertThat(new CreditCode(code).value()).isEqualTo(code);
    }

    @Test
    void theCheckCharacterOfTheSampleIsF() {
        assertThat(CreditCode.checkCharacterFor("91330100716105852")).isEqualTo('F');
        assertThat(TestIdentifiers.creditCheckCharacter("91330100716105852")).isEqualTo('F');
    }

    @RepeatedTest(20)
    void agreesWithAnIndependentImplementationOfTheRule() {
        String code = TestIdentifiers.creditCode();
        assertThat(CreditCode.check(code)).isNull();
        assertThat(CreditCode.check(TestIdentifiers.withWrongCreditCheck(code))).isEqualTo(CreditCode.Problem.CHECK_CHARACTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91330100716105852", "91330100716105852FF", "9133010071610585"})
    void refusesWrongLengths(String code) {
        assertThat(CreditCode.check(code)).isEqualTo(CreditCode.Problem.LENGTH);
    }

    @Test
    void refusesNull() {
        assertThat(CreditCode.check(null)).isEqualTo(CreditCode.Problem.LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9133010071610585IF", "9133010071610585OF", "9133010071610585ZF", "9133010071610585SF",
            "9133010071610585VF", "9133010071610585aF", "91330100716105852I", "9133010071610585-F"})
    void refusesCharactersOutsideTheAlphabet(String code) {
        assertThat(CreditCode.check(code)).isEqualTo(CreditCode.Problem.CHARACTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"91330100716105852E", "91330100716105852G", "913301007161058520"})
    void refusesAWrongCheckCharacter(String code) {
        assertThat(CreditCode.check(code)).isEqualTo(CreditCode.Problem.CHECK_CHARACTER);
        assertThatIllegalArgumentException().isThrownBy(() -> new CreditCode(code));
    }

    /** Every registering authority of GB 32100-2015 with each category it registers, under a right check character. */
    @ParameterizedTest
    @ValueSource(strings = {"11", "12", "13", "19", "21", "29", "31", "32", "33", "34", "35", "39", "41", "49", "51", "52",
            "53", "59", "61", "62", "69", "71", "72", "79", "81", "89", "91", "92", "93", "A1", "A9", "N1", "N2", "N3",
            "N9", "Y1"})
    void acceptsEveryAuthorityWithItsCategories(String prefix) {
        assertThat(CreditCode.check(withCheck(prefix + "330100716105852"))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"000000000000000000", "01330100716105852", "B1330100716105852", "X1330100716105852",
            "G1330100716105852"})
    void refusesAnUnknownRegisteringAuthority(String code) {
        String full = code.length() == 18 ? code : withCheck(code);
        assertThat(CreditCode.check(full)).isEqualTo(CreditCode.Problem.REGISTRATION_AUTHORITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"90330100716105852", "94330100716105852", "99330100716105852", "Y2330100716105852",
            "Y9330100716105852", "14330100716105852", "2A330100716105852", "54330100716105852", "A2330100716105852"})
    void refusesACategoryItsAuthorityDoesNotRegister(String first17) {
        assertThat(CreditCode.check(withCheck(first17))).isEqualTo(CreditCode.Problem.ORGANIZATION_CATEGORY);
    }

    private static String withCheck(String first17) {
        return first17 + TestIdentifiers.creditCheckCharacter(first17);
    }

    @Test
    void normalisesCaseAndSpaces() {
        assertThat(CreditCode.normalise(" 91330100716105852f ")).isEqualTo("91330100716105852F");
        assertThat(CreditCode.normalise(null)).isNull();
    }
}
