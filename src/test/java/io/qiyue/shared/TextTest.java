package io.qiyue.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TextTest {

    @Test
    void refusesWhatXmlCannotCarry() {
        for (String bad : new String[]{"坏\u0001名", "\u0000", "a\uFFFF", "a\uFFFE", "lone \uD800 high", "lone \uDC00 low",
                "high at end \uD83D", "\u001F", "del \u007F", "c1 \u0085"}) {
            assertThat(Text.firstUnrenderable(bad)).as(bad).isPresent();
            assertThatExceptionOfType(UnrenderableTextException.class).as(bad).isThrownBy(() -> Text.input(bad));
        }
        assertThat(Text.firstUnrenderable("坏\u0001名")).hasValue(1);
        assertThatExceptionOfType(UnrenderableTextException.class).isThrownBy(() -> Text.input("x\uD800"))
                .satisfies(e -> assertThat(e.characterName()).isEqualTo("U+D800"));
    }

    @Test
    void acceptsOrdinaryTextTabsLineBreaksAndPairedSurrogates() {
        for (String good : new String[]{"杭州示例科技有限公司", "line\nbreak\r\nand\ttab", "emoji 😀 pair", "Ünïcødé — “quotes”",
                "全角　空格"}) {
            assertThat(Text.firstUnrenderable(good)).as(good).isEmpty();
            assertThat(Text.input(good)).isEqualTo(good);
        }
        assertThat(Text.input(null)).isNull();
    }

    @Test
    void removesBidiControls() {
        assertThat(Text.input("合同\u202Excod.exe")).isEqualTo("合同xcod.exe");
        assertThat(Text.input("\u2066a\u2067b\u2068c\u2069\u202A\u202B\u202C\u202D")).isEqualTo("abc");
    }

    @Test
    void nothingVisibleIsEmpty() {
        for (String blank : new String[]{"", " ", "\u00A0", "\u3000", "\u200B", "\uFEFF", "\t\n", " \u200B\u00A0 ", "\u202E"}) {
            assertThat(Text.isBlank(blank)).as("[%s]", blank).isTrue();
            assertThat(Text.blankToNull(blank)).isNull();
            assertThat(Text.input(blank)).isEmpty();
        }
        assertThat(Text.isBlank("\u00A0x")).isFalse();
        assertThat(Text.blankToNull("\u3000 名称\u00A0 ")).isEqualTo("名称");
    }

    @Test
    void fileNamesLosePathsAndInvisibleCharacters() {
        assertThat(Text.fileName("../../x.docx")).isEqualTo("x.docx");
        assertThat(Text.fileName("C:\\x\\y.docx")).isEqualTo("y.docx");
        assertThat(Text.fileName("/etc/passwd")).isEqualTo("passwd");
        assertThat(Text.fileName("evil\u0000.docx")).isEqualTo("evil.docx");
        assertThat(Text.fileName("报价\u202Excod.pdf")).isEqualTo("报价xcod.pdf");
        assertThat(Text.fileName("a\tb\nc.pdf")).isEqualTo("abc.pdf");
        assertThat(Text.fileName("dir/")).isNull();
        assertThat(Text.fileName("..")).isNull();
        assertThat(Text.fileName(null)).isNull();
        String longName = "合".repeat(300) + ".docx";
        assertThat(Text.fileName(longName)).hasSize(255).endsWith(".docx");
        assertThat(Text.fileName("😀".repeat(200) + ".pdf")).endsWith(".pdf")
                .satisfies(n -> assertThat(Text.firstUnrenderable(n)).isEmpty());
    }
}
