package io.qiyue.template;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChineseAmountsFormatTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            // the examples of 支付结算办法 附一 and of the brief
            "1004000.50, 壹佰万肆仟元伍角",
            "10.05, 壹拾元零伍分",
            "100, 壹佰元整",
            "0.30, 叁角",
            "1680.32, 壹仟陆佰捌拾元叁角贰分",
            "107000.53, 壹拾万柒仟元伍角叁分",
            // zeros in every position
            "0, 零元整",
            "0.00, 零元整",
            "0.01, 壹分",
            "0.05, 伍分",
            "0.10, 壹角",
            "0.11, 壹角壹分",
            "1, 壹元整",
            "10, 壹拾元整",
            "11, 壹拾壹元整",
            "101, 壹佰零壹元整",
            "110, 壹佰壹拾元整",
            "1001, 壹仟零壹元整",
            "1010, 壹仟零壹拾元整",
            "1100, 壹仟壹佰元整",
            "1000.01, 壹仟元零壹分",
            "1000.10, 壹仟元壹角",
            "10000, 壹万元整",
            "10001, 壹万零壹元整",
            "10010, 壹万零壹拾元整",
            "10100, 壹万零壹佰元整",
            "11000, 壹万壹仟元整",
            "100100, 壹拾万零壹佰元整",
            "101000, 壹拾万壹仟元整",
            "120000.00, 壹拾贰万元整",
            "1000000, 壹佰万元整",
            "10000000, 壹仟万元整",
            "10010000, 壹仟零壹万元整",
            "100000000, 壹亿元整",
            "100000005, 壹亿零伍元整",
            "100010000, 壹亿零壹万元整",
            "110000000, 壹亿壹仟万元整",
            "1000000001, 壹拾亿零壹元整",
            "1000000000000, 壹万亿元整",
            "9999999999999.99, 玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
    })
    void formats(String figures, String words) {
        assertThat(ChineseAmounts.format(new BigDecimal(figures))).isEqualTo(words);
    }

    @Test
    void refusesNegativeAndFractionsOfAFenAndAcceptsNull() {
        assertThat(ChineseAmounts.format(null)).isNull();
        assertThatThrownBy(() -> ChineseAmounts.format(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        // words that round would no longer agree with the figure they stand beside
        assertThatThrownBy(() -> ChineseAmounts.format(new BigDecimal("12.345"))).isInstanceOf(ArithmeticException.class);
    }
}
