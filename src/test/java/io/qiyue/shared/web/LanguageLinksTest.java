package io.qiyue.shared.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageLinksTest {

    @Test
    void keepTheFiltersAndReplaceTheLanguage() {
        var links = LanguageLinks.of("type=SERVICE&q=%E4%BF%9D%E5%AF%86&lang=zh-CN&page=2");
        assertThat(links.en()).isEqualTo("?type=SERVICE&q=%E4%BF%9D%E5%AF%86&page=2&lang=en");
        assertThat(links.zh()).isEqualTo("?type=SERVICE&q=%E4%BF%9D%E5%AF%86&page=2&lang=zh-CN");
    }

    @Test
    void aPageWithoutAQueryGetsOnlyTheLanguage() {
        assertThat(LanguageLinks.of(null).en()).isEqualTo("?lang=en");
        assertThat(LanguageLinks.of("").zh()).isEqualTo("?lang=zh-CN");
    }
}
