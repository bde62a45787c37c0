package io.qiyue.customer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LandlinePhoneTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "010-12345678|010-12345678",
            "01012345678|010-12345678",
            "(010) 1234 5678|010-12345678",
            "（010）12345678|010-12345678",
            "+86 10 12345678|010-12345678",
            "0086-10-12345678|010-12345678",
            "021-6888 8888|021-68888888",
            "0755-12345678|0755-12345678",
            "0755-1234567|0755-1234567",
            "0755-12345678-123|0755-12345678-123",
            "0755-12345678 转 123|0755-12345678-123",
            "0755 12345678 分机 8|0755-12345678-8",
            "0755-12345678 ext. 123456|0755-12345678-123456",
            "0755-12345678x12|0755-12345678-12",
            "0755-12345678#12|0755-12345678-12",
            "400-810-8888|400-810-8888",
            "4008108888|400-810-8888",
            "800 820 8820|800-820-8820",
            "400-810-8888 转 2|400-810-8888-2",
            " 010-12345678 |010-12345678"})
    void keepsFixedLineNumbersInOneForm(String raw, String kept) {
        assertThat(LandlinePhone.normalise(raw)).isEqualTo(kept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345678", "13800138000", "010-1234567890", "010-123456", "010-02345678",
            "010-12345678-1234567", "0755-1234", "00755-12345678", "4008108", "40081088889", "300-810-8888",
            "010-1234567a", "010-12345678 转", "+1 10 12345678", "转 123"})
    void refusesWhatIsNotAFixedLineNumber(String raw) {
        assertThat(LandlinePhone.normalise(raw)).isNull();
    }

    @Test
    void nullStaysNull() {
        assertThat(LandlinePhone.normalise(null)).isNull();
        assertThat(LandlinePhone.mask(null)).isNull();
    }

    @Test
    void masksAllButTheAreaCodeAndTheLastFourDigits() {
        assertThat(LandlinePhone.mask("010-12345678")).isEqualTo("010-****5678");
        assertThat(LandlinePhone.mask("0755-1234567")).isEqualTo("0755-***4567");
        assertThat(LandlinePhone.mask("0755-12345678-123")).isEqualTo("0755-****5678-123");
        assertThat(LandlinePhone.mask("400-810-8888")).isEqualTo("400-***-8888");
    }

    @Test
    void aMaskedNumberIsNotANumber() {
        assertThat(LandlinePhone.normalise(LandlinePhone.mask("010-12345678"))).isNull();
    }
}
