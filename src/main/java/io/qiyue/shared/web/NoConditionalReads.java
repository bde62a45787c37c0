package io.qiyue.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

/**
 * No read is answered {@code 304 Not Modified}. Qiyue's ETag is a record's version, for {@code If-Match} on writes
 * (spec/api.md); it does not tell two answers apart. A contract's answer carries its customer's name, which changes
 * without the contract's version: Spring MVC, comparing {@code If-None-Match} with the ETag a handler sets, told a
 * client that had the old name that nothing had changed. The headers of a conditional read are
 * not passed on, so every read answers in full.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class NoConditionalReads extends OncePerRequestFilter {
    private static final Set<String> CONDITIONS = Set.of(HttpHeaders.IF_NONE_MATCH.toLowerCase(),
            HttpHeaders.IF_MODIFIED_SINCE.toLowerCase());

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.IF_NONE_MATCH) == null
                && request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Unconditional(request), response);
    }

    private static final class Unconditional extends HttpServletRequestWrapper {
        Unconditional(HttpServletRequest request) {
            super(request);
        }

        private static boolean hidden(String name) {
            return name != null && CONDITIONS.contains(name.toLowerCase());
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public long getDateHeader(String name) {
            return hidden(name) ? -1 : super.getDateHeader(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            var names = Collections.list(super.getHeaderNames());
            names.removeIf(Unconditional::hidden);
            return Collections.enumeration(names);
        }
    }
}
