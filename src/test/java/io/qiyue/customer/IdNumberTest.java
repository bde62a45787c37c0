package io.qiyue.customer;

import io.qiyue.testing.TestIdentifiers;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class IdNumberTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "440524188001010014", "110101199003074477"})
    void acceptsValidNumbers(String id) {
        assertThat(IdNumber.check(id, TODAY)).isNull();
    }

    @Test
    void computesTheCheckCharacterIncludingX() {
        assertThat(IdNumber.checkCharacterFor("11010519491231002")).isEqualTo('X');
        assertThat(IdNumber.checkCharacterFor("44052418800101001")).isEqualTo('4');
    }

    @RepeatedTest(20)
    void agreesWithAnIndependentImplementationOfTheRule() {
        String id = TestIdentifiers.idNumber();
        assertThat(IdNumber.check(id, TODAY)).isNull();
        assertThat(IdNumber.check(TestIdentifiers.withWrongIdCheck(id), TODAY)).isEqualTo(IdNumber.Problem.CHECK_DIGIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "11010519491231002", "11010519491231002XX", "110105491231002"})
    void refusesWrongLengths(String id) {
        assertThat(IdNumber.check(id, TODAY)).isEqualTo(IdNumber.Problem.LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1101051949123100XX", "A1010519491231002X", "11010519491231002x", "11010519491231002Y",
            "1101051949-231002X"})
    void refusesInvalidCharacters(String id) {
        assertThat(IdNumber.check(id, TODAY)).isEqualTo(IdNumber.Problem.CHARACTER);
    }

    /**
     * The first and last two-digit code of each run of GB/T 2260's province-level divisions, with a right check digit,
     * and 83 of the 台湾居民居住证.
     */
    @ParameterizedTest
    @ValueSource(strings = {"11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65", "71", "81", "82", "83"})
    void acceptsEveryProvinceLevelRegion(String province) {
        String first17 = province + "010519491231002";
        assertThat(IdNumber.check(first17 + TestIdentifiers.idCheckCharacter(first17), TODAY)).isNull();
    }

    /** Codes between the runs, 00 and 99, and 84 and 91, which GB/T 2260 does not define (see {@link IdNumber}). */
    @ParameterizedTest
    @ValueSource(strings = {"00", "10", "16", "20", "24", "30", "38", "40", "47", "49", "55", "60", "66", "70", "72",
            "80", "84", "90", "91", "99"})
    void refusesARegionThatIsNoProvince(String region) {
        String first17 = region + "010519491231002";
        assertThat(IdNumber.check(first17 + TestIdentifiers.idCheckCharacter(first17), TODAY))
                .isEqualTo(IdNumber.Problem.REGION);
    }

    @Test
    void refusesAWrongCheckDigit() {
        assertThat(IdNumber.check("110105194912310021", TODAY)).isEqualTo(IdNumber.Problem.CHECK_DIGIT);
    }

    @Test
    void refusesImpossibleBirthDatesEvenWithAMatchingCheckDigit() {
        for (String birth : new String[] {"19990230", "19991301", "19990000", "20010229", "18000101"}) {
            String first17 = "110105" + birth + "123";
            String id = first17 + TestIdentifiers.idCheckCharacter(first17);
            assertThat(IdNumber.check(id, TODAY)).as(id).isEqualTo(IdNumber.Problem.BIRTH_DATE);
        }
        String leapDay = "110105" + "20000229" + "123";
        assertThat(IdNumber.check(leapDay + TestIdentifiers.idCheckCharacter(leapDay), TODAY)).isNull();
    }

    @Test
    void refusesBirthDatesInTheFuture() {
        String tomorrow = TestIdentifiers.idNumber(TODAY.plusDays(1));
        String today = TestIdentifiers.idNumber(TODAY);

        assertThat(IdNumber.check(tomorrow, TODAY)).isEqualTo(IdNumber.Problem.BIRTH_DATE);
        assertThat(IdNumber.check(today, TODAY)).isNull();
    }

    @Test
    void masksAllButRegionAndLastFour() {
        assertThat(IdNumber.mask("11010519491231002X")).isEqualTo("110105********002X");
        assertThat(IdNumber.mask(null)).isNull();
        assertThat(IdNumber.mask("12345")).isEqualTo("*****");
    }

    @Test
    void normalisesLowerCaseX() {
        assertThat(IdNumber.normalise(" 11010519491231002x ")).isEqualTo("11010519491231002X");
    }
}
