package io.qiyue.shared.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * No JAXB converter, and any list as a file ({@link ListPageExports}). Spring MVC registers a JAXB converter because
 * a library brings the JAXB API, yet no Qiyue type is a JAXB root element; every JSON answer still asked it, through
 * the annotations of the answer's class, whether it could write it (about 2% of the CPU of a GET by id in
 * bench/speed.sh's profile).
 */
@Configuration(proxyBeanMethods = false)
class MessageConverters implements WebMvcConfigurer {
    private final ListPageExports listExports;

    MessageConverters(tools.jackson.databind.json.JsonMapper json, org.springframework.context.MessageSource messages,
                      java.time.Clock clock) {
        this.listExports = new ListPageExports(json, messages, clock);
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> {
            converters.removeIf(Jaxb2RootElementHttpMessageConverter.class::isInstance);
            // last: a client accepting anything still gets JSON
            converters.add(listExports);
        });
    }
}
