package io.qiyue.customer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MobilePhoneTest {

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "+8613800138000", "+86 138 0013 8000", "008613800138000", "8613800138000",
            "138-0013-8000", " 13800138000 "})
    void normalisesMainlandMobileNumbers(String raw) {
        assertThat(MobilePhone.normalise(raw)).isEqualTo("13800138000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12800138000", "1380013800", "138001380001", "23800138000", "1380013800a",
            "+1 13800138000", "010-12345678", "+85213800138000"})
    void refusesWhatIsNotAMainlandMobileNumber(String raw) {
        assertThat(MobilePhone.normalise(raw)).isNull();
    }

    @Test
    void acceptsEveryPrefixFrom13To19() {
        for (int second = 3; second <= 9; second++) {
            assertThat(MobilePhone.normalise("1" + second + "012345678")).isEqualTo("1" + second + "012345678");
        }
        assertThat(MobilePhone.normalise(null)).isNull();
    }

    @Test
    void masksTheMiddleFourDigits() {
        assertThat(MobilePhone.mask("13800138000")).isEqualTo("138****8000");
        assertThat(MobilePhone.mask(null)).isNull();
    }
}
