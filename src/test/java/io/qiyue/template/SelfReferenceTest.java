package io.qiyue.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SelfReferenceTest {

    @Test
    void theTitlesLastWordDecidesBracketedRemarksAndAClosingShuAside() {
        assertThat(SelfReference.of("技术保密合同")).contains("本合同");
        assertThat(SelfReference.of("年度运维服务协议")).contains("本协议");
        assertThat(SelfReference.of("运维服务合同（2027年度）")).contains("本合同");
        assertThat(SelfReference.of("保密协议(续签) ")).contains("本协议");
        assertThat(SelfReference.of("咨询服务协议书")).contains("本协议");
        assertThat(SelfReference.of("服务合同书【草案】")).contains("本合同");
        assertThat(SelfReference.of("2027年运维")).isEmpty();
        assertThat(SelfReference.of("合同与协议汇编（第一册）附表")).isEmpty();
        assertThat(SelfReference.of(null)).isEmpty();
    }

    @Test
    void theOtherWordIsReplacedEverywhereAndATitleOfNeitherChangesNothing() {
        String xhtml = "<p>本协议自签订之日起生效。</p><p>用于本合同约定之外</p>";
        assertThat(SelfReference.align(xhtml, "技术保密合同"))
                .isEqualTo("<p>本合同自签订之日起生效。</p><p>用于本合同约定之外</p>");
        assertThat(SelfReference.align(xhtml, "服务协议"))
                .isEqualTo("<p>本协议自签订之日起生效。</p><p>用于本协议约定之外</p>");
        assertThat(SelfReference.align(xhtml, "2027年运维")).isSameAs(xhtml);
    }
}
