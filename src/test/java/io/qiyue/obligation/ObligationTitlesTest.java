package io.qiyue.obligation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The titles Qiyue gives obligations are read in the reader's language; a title from the contract stays as written. */
class ObligationTitlesTest {
    private static final ObligationTitles TITLES = new ObligationTitles(io.qiyue.testing.ShippedMessages.source());

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void generatedTitlesAreTranslatedAndTheContractsOwnWordsAreNot() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(TITLES.of("第2期款项")).isEqualTo("Instalment 2");
        assertThat(TITLES.of("第12次定期回访与维护")).isEqualTo("Maintenance visit 12");
        assertThat(TITLES.of("保密义务")).isEqualTo("Confidentiality");
        assertThat(TITLES.of("服务器及网络设备巡检")).as("a service item's own name").isEqualTo("服务器及网络设备巡检");
        assertThat(TITLES.of(null)).isNull();
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(TITLES.of("第2期款项")).isEqualTo("第2期款项");
        assertThat(TITLES.of("第2期款项", Locale.ENGLISH)).as("a document's language").isEqualTo("Instalment 2");
    }

    @Test
    void theLinesQiyueWroteAreTranslatedLineByLineAndAReasonAroundTheWordsGiven() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(TITLES.description("不得泄露对方商业秘密\n保密期限：合同期限内及终止后3年"))
                .isEqualTo("不得泄露对方商业秘密\nConfidentiality period: during the term and 3 years after it ends");
        assertThat(TITLES.description("维护内容：巡检、故障处理")).isEqualTo("Maintenance items: 巡检、故障处理");
        assertThat(TITLES.reason("合同已终止：客户取消")).isEqualTo("The contract was terminated: 客户取消");
        assertThat(TITLES.reason("合同已终止")).isEqualTo("The contract was terminated");
        assertThat(TITLES.reason("客户要求")).isEqualTo("客户要求");
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(TITLES.reason("合同已终止：客户取消")).isEqualTo("合同已终止：客户取消");
    }
}
