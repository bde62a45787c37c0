package io.qiyue.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text stored before control characters were refused at the door (a customer name with U+0001) must not
 * make every document of its contracts fail: the renderer leaves out what XML cannot carry.
 */
class UnrenderableStoredTextTest {

    @Test
    void charactersXmlCannotCarryAreLeftOutOfTheDocument() {
        String xhtml = new TemplateEngine().render("<html><body><p>{{name}}</p></body></html>",
                Map.of("name", "坏\u0001名\uFFFF<&>\uD800"));

        assertThat(xhtml).isEqualTo("<html><body><p>坏名&lt;&amp;&gt;</p></body></html>");
        assertThat(Xhtml.text(Xhtml.parse(xhtml))).contains("坏名<&>");
    }
}
