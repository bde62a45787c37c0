package io.qiyue.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChineseAmountsTest {

    @ParameterizedTest
    @CsvSource({
            "1004000.50, 壹佰万肆仟元伍角",
            "10.05, 壹拾元零伍分",
            "100, 壹佰元整",
            "0.30, 叁角",
            "0, 零元整",
            "0.05, 伍分",
            "0.35, 叁角伍分",
            "1, 壹元整",
            "1.30, 壹元叁角",
            "1409.50, 壹仟肆佰零玖元伍角",
            "6007.14, 陆仟零柒元壹角肆分",
            "1680.32, 壹仟陆佰捌拾元叁角贰分",
            "107000.53, 壹拾万柒仟元伍角叁分",
            "16409.02, 壹万陆仟肆佰零玖元零贰分",
            "325.04, 叁佰贰拾伍元零肆分",
            "100010, 壹拾万零壹拾元整",
            "1000000, 壹佰万元整",
            "10000, 壹万元整",
            "10001, 壹万零壹元整",
            "100000000, 壹亿元整",
            "100000005, 壹亿零伍元整",
            "150000000, 壹亿伍仟万元整",
            "105000000, 壹亿零伍佰万元整",
            "1000000000000, 壹万亿元整",
            "120000, 壹拾贰万元整",
            "60000.00, 陆万元整",
            "999999999999.99, 玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
            "20.10, 贰拾元壹角",
            "20.01, 贰拾元零壹分",
            "1001.01, 壹仟零壹元零壹分",
    })
    void formatsAndParsesBack(String figures, String capitals) {
        BigDecimal value = new BigDecimal(figures).setScale(2);
        assertThat(ChineseAmounts.format(value)).isEqualTo(capitals);
        assertThat(ChineseAmounts.parse(capitals)).isEqualByComparingTo(value);
    }

    @ParameterizedTest
    @CsvSource({
            // optional 零 where the 万 or 元 digit is 0 and the next digit is not (附一第五条(三))
            "107000.53, 壹拾万零柒仟元零伍角叁分",
            "107000.53, 壹拾万柒仟元零伍角叁分",
            "1680.32, 壹仟陆佰捌拾元零叁角贰分",
            "1004000.50, 壹佰万零肆仟元零伍角",
            "1007000, 壹佰万零柒仟元整",
            // 整 optional after 角, 正 instead of 整
            "0.30, 叁角整",
            "1.30, 壹元叁角整",
            "100, 壹佰元正",
            // traditional forms and 圆
            "260000, 贰拾陆万元整",
            "260000, 貳拾陸萬圓整",
            "200000000, 貳億圆整",
            // 拾 without 壹 at the very start
            "100000, 拾万元整",
    })
    void acceptsTheAllowedVariants(String figures, String capitals) {
        assertThat(ChineseAmounts.parse(capitals)).isEqualByComparingTo(new BigDecimal(figures));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "壹佰元",                 // 整 missing after 元
            "壹佰元零伍分整",             // 整 after 分
            "伍分整",
            "壹仟肆佰玖元伍角",           // 零 missing inside (1409.50)
            "壹拾元伍分",                 // 零 missing after 元 when 角 is 0 (10.05)
            "壹万陆仟肆佰零玖元贰分",      // 16409.02 without 零
            "壹拾万壹拾元整",             // 零 missing: run 千百 after 万 (100010)
            "陆仟零零柒元整",             // two 零 for one run
            "壹佰零元整",                 // 零 before 元
            "壹佰元零整",
            "壹元零叁角",                 // 零 where no digit is 0
            "壹佰零伍拾元整",             // 零 between adjacent digits
            "零壹元整",                   // leading 零
            "壹拾零万元整",               // 零 before 万
            "壹佰伍",                     // no 元
            "壹佰",
            "壹伍元整",                   // two digits in a row
            "壹佰仟元整",                 // unit without digit
            "壹佰贰仟元整",               // units out of order
            "壹万伍仟万元整",
            "叁角元整",                   // 角 before 元
            "壹元整伍角",                 // text after 整
            "壹元伍角角",
            "壹佰元整整",
            "一百元整",                   // not 大写
            "壹佰块",
            "万元整",
            "壹亿万元整",
    })
    void rejectsWhatAppendixOneForbids(String capitals) {
        assertThatThrownBy(() -> ChineseAmounts.parse(capitals))
                .isInstanceOf(ChineseAmounts.InvalidAmountException.class);
        assertThat(ChineseAmounts.isValid(capitals)).isFalse();
    }

    @Test
    void zerosInEveryPositionRoundTrip() {
        // every amount with digits 1 or 0 in 12 integer and 2 fraction positions covers zeros in every position
        for (long mask = 1; mask < (1L << 14); mask += 7) {
            var digits = new StringBuilder();
            for (int bit = 13; bit >= 0; bit--) {
                digits.append((mask >> bit & 1) == 1 ? (char) ('1' + bit % 9) : '0');
            }
            BigDecimal value = new BigDecimal(digits.toString()).movePointLeft(2);
            String text = ChineseAmounts.format(value);
            assertThat(ChineseAmounts.parse(text)).as(text).isEqualByComparingTo(value);
        }
    }

    @Test
    void randomAmountsRoundTrip() {
        var random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal value = BigDecimal.valueOf(Math.abs(random.nextLong() % 1_000_000_000_000_00L)).movePointLeft(2);
            assertThat(ChineseAmounts.parse(ChineseAmounts.format(value))).isEqualByComparingTo(value);
        }
    }

    @Test
    void formatRefusesNegativeAndFractionsOfFen() {
        assertThatThrownBy(() -> ChineseAmounts.format(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChineseAmounts.format(new BigDecimal("1.005"))).isInstanceOf(ArithmeticException.class);
    }
}
