package io.qiyue.shared.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

import java.util.List;

/**
 * Where the static files are served from: each folder under its own path, in place of Spring Boot's one handler for
 * every path ({@code /**}) over four class-path folders (switched off with {@code spring.web.resources.add-mappings}).
 * Every link a page writes passes the resource URL filter, which asks the handlers whose pattern matches it for a
 * file to give its versioned address: under {@code /**} that was every link ({@code /contracts/…} too), looked up in
 * the four folders in the jar and never remembered when missing. That was more than half of rendering a page in the
 * profile of the contract page. Now only links to a static path are looked up, once, and remembered (the resource
 * chain's cache). The WebJars keep their version-free addresses in the templates, written out with the version.
 */
@Configuration(proxyBeanMethods = false)
public class StaticFiles implements WebMvcConfigurer {
    /**
     * The starts of the paths served below (a folder ends with /), also what the UI's security chain lets through
     * without a session: the favicon under any extension, as a browser asks for /favicon.ico on pages that name none
     * (the customer's pages), which must not start a session.
     */
    public static final List<String> PATHS = List.of("/css/", "/js/", "/favicon.", "/webjars/");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/").resourceChain(true);
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/").resourceChain(true);
        registry.addResourceHandler("/favicon.svg").addResourceLocations("classpath:/static/").resourceChain(true);
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
    }
}
