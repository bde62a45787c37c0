package io.qiyue.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC finds the handler of a path with a variable ({@code /api/v1/contracts/{id}}) by asking every one of
 * the application's few hundred mappings whether it matches the request, each asking the request's method, headers
 * and path through a dozen request wrappers: a quarter of the CPU of GET by id in a JFR profile. This mapping first
 * compares the literal beginning of each mapping's path patterns with the path, which is what rules out nearly all
 * of them, and asks the full question only of those that may match. The answer is the same: a mapping is skipped
 * only when none of its patterns can match the path, and the comparison is made only where it is exact (a
 * case-sensitive parser, a path with no percent-encoding; matrix parameters are already removed from the lookup path).
 */
@Configuration(proxyBeanMethods = false)
class LiteralPrefixMappings {

    @Bean
    WebMvcRegistrations literalPrefixHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new Mapping();
            }
        };
    }

    static final class Mapping extends RequestMappingHandlerMapping {
        /** The lookup path of the request being matched on this thread, when comparing literally is exact. */
        private static final ThreadLocal<String> PATH = new ThreadLocal<>();

        @Override
        protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
            boolean exact = lookupPath.indexOf('%') < 0 && getPatternParser() != null
                    && getPatternParser().isCaseSensitive();
            String outer = PATH.get();
            PATH.set(exact ? lookupPath : null);
            try {
                return super.lookupHandlerMethod(lookupPath, request);
            } finally {
                if (outer == null) {
                    PATH.remove();
                } else {
                    PATH.set(outer);
                }
            }
        }

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            String path = PATH.get();
            if (path != null && !mayMatch(info, path)) {
                return null;
            }
            return super.getMatchingMapping(info, request);
        }

        /** False only when no pattern of the mapping can match: the path differs before the first variable or wildcard. */
        static boolean mayMatch(RequestMappingInfo info, String path) {
            var condition = info.getPathPatternsCondition();
            if (condition == null || condition.getPatterns().isEmpty()) {
                return true;
            }
            for (PathPattern pattern : condition.getPatterns()) {
                if (mayMatch(pattern.getPatternString(), path)) {
                    return true;
                }
            }
            return false;
        }

        static boolean mayMatch(String pattern, String path) {
            if (!pattern.startsWith("/")) {
                return true;
            }
            int n = pattern.length();
            for (int i = 0; i < n; i++) {
                char p = pattern.charAt(i);
                if (p == '{' || p == '*' || p == '?' || p == '%' || p == '\\') {
                    return true;
                }
                if (i >= path.length()) {
                    // the path ends here: "/a/" may still match "/a" with an optional trailing slash
                    return p == '/' && i == n - 1;
                }
                if (path.charAt(i) != p) {
                    return false;
                }
            }
            return true;
        }
    }
}
