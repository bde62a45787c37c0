package io.qiyue.template;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RestrictedSpansTest {

    @Test
    void marksEveryOccurrenceAndMasksExactlyThose() {
        String text = "甲方：张三\n地址：北京市朝阳区建国路1号\n联系人：张三，zhang@example.com\n乙方地址：上海市";
        String spans = RestrictedSpans.find(text, List.of("北京市朝阳区建国路1号", "zhang@example.com", "张三", "", "x"));

        assertThat(RestrictedSpans.mask(text, spans, "(restricted)")).isEqualTo(
                "甲方：(restricted)\n地址：(restricted)\n联系人：(restricted)，(restricted)\n乙方地址：上海市");
    }

    @Test
    void overlappingValuesBecomeOneRangeAndNothingFoundChangesNothing() {
        String text = "地址：北京市朝阳区建国路1号";
        assertThat(RestrictedSpans.find(text, List.of("北京市朝阳区", "朝阳区建国路1号"))).isEqualTo("3-14");
        assertThat(RestrictedSpans.find(text, List.of("上海市"))).isEmpty();
        assertThat(RestrictedSpans.mask(text, "", "x")).isEqualTo(text);
        assertThat(RestrictedSpans.mask(text, null, "x")).isEqualTo(text);
    }
}
