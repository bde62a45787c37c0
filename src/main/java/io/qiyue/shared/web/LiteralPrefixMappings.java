package io.qiyue.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.ServletRequestPathUtils;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spring MVC finds the handler of a path with a variable ({@code /api/v1/contracts/{id}}) by asking every one of
 * the application's few hundred mappings whether it matches the request, each asking the request's method, headers
 * and path through a dozen request wrappers: a quarter of the CPU of GET by id in a JFR profile. This mapping keeps
 * the mappings by the literal segments their patterns begin with and asks only those that may match the path. The
 * answer is the same: a mapping is left out only when none of its patterns can match the path, the comparison is
 * made only where it is exact (a case-sensitive parser, a path with no percent-encoding; matrix parameters are
 * already removed from the lookup path), and whenever it is not a single match Spring's own lookup decides.
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
        /**
         * Before the actuator's endpoint mapping (order -100), which Spring MVC otherwise asks first about every
         * request: it has no literal index, and its few mappings check the Accept header before the path, which cost
         * GET by id a twentieth of its CPU for paths it never serves. None of the application's mappings match a path
         * under {@code /actuator}, so the endpoints are found as before, one lookup later.
         */
        static final int BEFORE_ACTUATOR = -101;

        /** The mappings by the literal segments their patterns begin with; null while not built or after a change. */
        private volatile Index index;

        /** Spring MVC's configuration sets 0 after creating this mapping; see {@link #BEFORE_ACTUATOR}. */
        @Override
        public int getOrder() {
            return BEFORE_ACTUATOR;
        }

        @Override
        protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
            super.handlerMethodsInitialized(handlerMethods);
            index = Index.of(handlerMethods);
        }

        @Override
        public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
            index = null; // registered at run time: Spring's own lookup from now on
            super.registerMapping(mapping, handler, method);
        }

        @Override
        public void unregisterMapping(RequestMappingInfo mapping) {
            index = null;
            super.unregisterMapping(mapping);
        }

        /**
         * Asks only the mappings whose patterns may match the path; when exactly one of them does, it is the one
         * Spring's lookup would choose (it would find the same single match among all), so the answer is given as
         * Spring gives it. Anything else (no match, several to rank, a path where comparing literally is not exact)
         * goes to Spring's lookup.
         */
        @Override
        protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
            Index current = index;
            if (current == null || lookupPath.indexOf('%') >= 0 || getPatternParser() == null
                    || !getPatternParser().isCaseSensitive()) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
            // the path as the mappings' path conditions match it, so that only those whose patterns match it are asked
            // the full question (method, headers, media types: each read through every request wrapper)
            PathContainer path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
            int segments = Candidate.segments(lookupPath);
            RequestMappingInfo found = null;
            HandlerMethod handler = null;
            for (List<Candidate> bucket : current.candidates(lookupPath)) {
                for (Candidate candidate : bucket) {
                    if (!candidate.mayMatch(lookupPath, segments) || !candidate.matches(path)) {
                        continue;
                    }
                    RequestMappingInfo match = getMatchingMapping(candidate.info(), request);
                    if (match != null) {
                        if (found != null) {
                            return super.lookupHandlerMethod(lookupPath, request);
                        }
                        found = match;
                        handler = candidate.handler();
                    }
                }
            }
            if (found == null) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
            request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
            handleMatch(found, lookupPath, request);
            return handler;
        }

        /**
         * A mapping with the literal beginnings of its patterns (null: one of them begins with a variable) and the
         * number of segments all of them have ({@link #ANY_LENGTH}: one may match more than one segment, or they differ).
         */
        record Candidate(RequestMappingInfo info, HandlerMethod handler, List<String> prefixes, int length) {
            static final int ANY_LENGTH = -1;

            /**
             * The segments of a path or a pattern: its slashes, for a path that starts with one and does not end with
             * one ({@link #ANY_LENGTH} otherwise, or for a pattern with a wildcard over several segments).
             */
            static int segments(String pathOrPattern) {
                if (!pathOrPattern.startsWith("/") || pathOrPattern.endsWith("/") || pathOrPattern.contains("**")
                        || pathOrPattern.contains("{*")) {
                    return ANY_LENGTH;
                }
                int slashes = 0;
                for (int i = 0; i < pathOrPattern.length(); i++) {
                    if (pathOrPattern.charAt(i) == '/') {
                        slashes++;
                    }
                }
                return slashes;
            }

            /**
             * False only when no pattern can match the path: it differs before the first variable or wildcard, or
             * (without a trailing slash) has another number of segments, a path of {@code segments}.
             */
            boolean mayMatch(String path, int segments) {
                if (length != ANY_LENGTH && segments != ANY_LENGTH && length != segments) {
                    return false;
                }
                if (prefixes == null) {
                    return true;
                }
                for (String prefix : prefixes) {
                    if (Mapping.mayMatch(prefix, path)) {
                        return true;
                    }
                }
                return false;
            }

            /** Whether a path pattern of the mapping matches, as its path condition asks (no patterns: any path). */
            boolean matches(PathContainer path) {
                var condition = info.getPathPatternsCondition();
                if (condition == null || condition.getPatterns().isEmpty()) {
                    return true;
                }
                for (PathPattern pattern : condition.getPatterns()) {
                    if (pattern.matches(path)) {
                        return true;
                    }
                }
                return false;
            }
        }

        /**
         * Each mapping under the first up to three complete literal segments all of its patterns begin with
         * ({@code /api/v1/contracts} for {@code /api/v1/contracts/{id}}, {@code /contracts} for {@code /contracts/{id}});
         * a path is compared with the mappings under its own first one, two and three segments and with those that
         * have no complete literal segment.
         */
        record Index(Map<String, List<Candidate>> byKey, List<Candidate> unkeyed) {
            static final int DEPTH = 3;

            static Index of(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
                var byKey = new HashMap<String, List<Candidate>>();
                var unkeyed = new ArrayList<Candidate>();
                handlerMethods.forEach((info, handler) -> {
                    var condition = info.getPathPatternsCondition();
                    List<String> prefixes = new ArrayList<>();
                    String key = null;
                    if (condition == null || condition.getPatterns().isEmpty()) {
                        prefixes = null;
                    } else {
                        int depth = DEPTH;
                        for (PathPattern pattern : condition.getPatterns()) {
                            String p = pattern.getPatternString();
                            prefixes.add(p);
                            depth = Math.min(depth, completeSegments(p));
                        }
                        if (depth > 0) {
                            String first = condition.getPatterns().iterator().next().getPatternString();
                            String k = key(first, depth);
                            boolean shared = true;
                            for (PathPattern pattern : condition.getPatterns()) {
                                shared &= k.equals(key(pattern.getPatternString(), depth));
                            }
                            key = shared ? k : null;
                        }
                    }
                    int length = Candidate.ANY_LENGTH;
                    if (prefixes != null) {
                        var lengths = prefixes.stream().map(Candidate::segments).distinct().toList();
                        length = lengths.size() == 1 ? lengths.getFirst() : Candidate.ANY_LENGTH;
                    }
                    var candidate = new Candidate(info, handler, prefixes == null ? null : List.copyOf(prefixes),
                            length);
                    if (key == null) {
                        unkeyed.add(candidate);
                    } else {
                        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(candidate);
                    }
                });
                var frozen = new HashMap<String, List<Candidate>>();
                byKey.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
                return new Index(Map.copyOf(frozen), List.copyOf(unkeyed));
            }

            List<List<Candidate>> candidates(String path) {
                var found = new ArrayList<List<Candidate>>(DEPTH + 1);
                found.add(unkeyed);
                for (int depth = 1; depth <= DEPTH; depth++) {
                    String k = pathKey(path, depth);
                    if (k == null) {
                        break;
                    }
                    var bucket = byKey.get(k);
                    if (bucket != null) {
                        found.add(bucket);
                    }
                }
                return found;
            }

            /** How many whole segments the pattern begins with before any variable or wildcard (at most DEPTH). */
            static int completeSegments(String pattern) {
                if (!pattern.startsWith("/")) {
                    return 0;
                }
                int segments = 0;
                for (int i = 1; i <= pattern.length() && segments < DEPTH; i++) {
                    char c = i == pattern.length() ? '/' : pattern.charAt(i);
                    if (c == '{' || c == '*' || c == '?' || c == '%' || c == '\\') {
                        return segments;
                    }
                    if (c == '/') {
                        if (i == pattern.length() && pattern.charAt(i - 1) == '/') {
                            return segments; // a trailing slash ends no further segment
                        }
                        segments++;
                    }
                }
                return segments;
            }

            /** The pattern's first {@code depth} segments ({@code /a/b} for depth 2). */
            static String key(String pattern, int depth) {
                int slash = 0;
                for (int i = 1; i < pattern.length(); i++) {
                    if (pattern.charAt(i) == '/' && ++slash == depth) {
                        return pattern.substring(0, i);
                    }
                }
                return pattern;
            }

            /** The path's first {@code depth} segments, or null when it has fewer. */
            static String pathKey(String path, int depth) {
                if (!path.startsWith("/")) {
                    return null;
                }
                int seen = 0;
                for (int i = 1; i <= path.length(); i++) {
                    if (i == path.length() || path.charAt(i) == '/') {
                        if (++seen == depth) {
                            return path.substring(0, i);
                        }
                        if (i == path.length()) {
                            return null;
                        }
                    }
                }
                return null;
            }
        }

        /** False only when the pattern cannot match the path: they differ before its first variable or wildcard. */
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
