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

    @Test
    void aPageShownInAnswerToAFormLinksToThePageTheFormWasSentFrom() {
        var post = new org.springframework.mock.web.MockHttpServletRequest("POST", "/contracts/c1/terminate");
        post.setServerName("qiyue.example.com");
        post.addHeader("Host", "qiyue.example.com");
        post.addHeader("Referer", "http://qiyue.example.com/contracts/c1?tab=lifecycle&lang=zh-CN");
        var links = new LanguageLinks().languageLinks(post);
        assertThat(links.en()).isEqualTo("/contracts/c1?tab=lifecycle&lang=en");
        assertThat(links.zh()).isEqualTo("/contracts/c1?tab=lifecycle&lang=zh-CN");
        // another site's page, or none: the language alone, as before
        post.removeHeader("Referer");
        post.addHeader("Referer", "http://evil.example.net/contracts/c1");
        assertThat(new LanguageLinks().languageLinks(post).en()).isEqualTo("?lang=en");
        post.removeHeader("Referer");
        assertThat(new LanguageLinks().languageLinks(post).en()).isEqualTo("?lang=en");
        // a GET keeps its own query, whatever the Referer
        var get = new org.springframework.mock.web.MockHttpServletRequest("GET", "/contracts");
        get.setQueryString("type=SERVICE");
        get.addHeader("Host", "localhost");
        get.addHeader("Referer", "http://localhost/customers");
        assertThat(new LanguageLinks().languageLinks(get).en()).isEqualTo("?type=SERVICE&lang=en");
    }

    @Test
    void aRefererTheFirewallWillNotReadGivesTheLanguageAlone() {
        var post = new org.springframework.mock.web.MockHttpServletRequest("POST", "/contracts/c1/terminate");
        post.addHeader("Host", "localhost");
        var unreadable = new jakarta.servlet.http.HttpServletRequestWrapper(post) {
            @Override
            public String getHeader(String name) {
                if ("Referer".equals(name)) { // raw bytes outside ASCII: an outside tester's 500
                    throw new org.springframework.security.web.firewall.RequestRejectedException("not ASCII");
                }
                return super.getHeader(name);
            }
        };
        assertThat(new LanguageLinks().languageLinks(unreadable).en()).isEqualTo("?lang=en");
    }
}
