package io.qiyue.shared.web;

import io.qiyue.shared.Text;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Refuses, before anything else reads them, request parameters that are not UTF-8 ({@code ?q=%ff}) —
 * Tomcat throws on every later read of any parameter, in security filters, interceptors and error pages
 * alike — and an Idempotency-Key that cannot be one. Both are a 400 naming the parameter or header.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RequestGuard extends OncePerRequestFilter {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 100;
    private static final String UNKNOWN = "parameters";
    private static final Pattern NAMED = Pattern.compile("Character decoding failed\\. Parameter \\[([^\\]]{1,100})\\]");

    private final EarlyErrors errors;

    RequestGuard(EarlyErrors errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && carriesBody(request) && !describesOneType(contentType)) {
            // Spring's request headers throw on a wildcard (a 500 for every write) and call an unparsable one missing
            errors.write(request, response, 415, "unsupported-media-type", "qiyue.problem.media-type",
                    Text.withoutUnrenderable(contentType.length() > 100 ? contentType.substring(0, 100) : contentType));
            return;
        }
        // multipart parameters are parsed with the upload, under its own limits
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            try {
                request.getParameterMap();
            } catch (InvalidParameterException e) {
                String name = undecodableParameter(request);
                if (name.equals(UNKNOWN)) {
                    // in a form body, which cannot be read again: Tomcat's message names the parameter
                    var named = NAMED.matcher(String.valueOf(e.getMessage()));
                    name = named.find() ? named.group(1) : UNKNOWN;
                }
                if (name.equals(UNKNOWN)) {
                    // not an encoding: too many parameters, or a body Tomcat could not read
                    errors.write(request, response, 400, "bad-request", "qiyue.problem.bad-request");
                } else {
                    errors.writeInvalid(request, response, name, "qiyue.validation.encoding");
                }
                return;
            }
        }
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F))) {
            errors.writeInvalid(request, response, IDEMPOTENCY_KEY, "qiyue.validation.idempotency-key", MAX_KEY_LENGTH);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean carriesBody(HttpServletRequest request) {
        String method = request.getMethod();
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }

    /** Whether a Content-Type names one media type, as a body's must: no wildcard, nothing unparsable. */
    static boolean describesOneType(String contentType) {
        if (contentType.isBlank()) {
            return true; // as if absent: the handler says which type it takes
        }
        try {
            var type = org.springframework.http.MediaType.parseMediaType(contentType);
            type.getCharset(); // throws for a charset this JDK does not know
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (IllegalArgumentException unreadable) { // InvalidMimeTypeException, UnsupportedCharsetException
            return false;
        }
    }

    /**
     * The first query parameter whose name or value is not UTF-8 once percent-decoded, found without
     * asking Tomcat (which only throws); {@code parameters} when it is in a form body instead.
     */
    static String undecodableParameter(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                String decodedName = decode(name);
                if (decodedName == null) {
                    return name;
                }
                if (decode(value) == null) {
                    return decodedName;
                }
            }
        }
        return UNKNOWN;
    }

    /** Strict form decoding: null when the bytes are not UTF-8 (or a % is not followed by two hex digits). */
    private static String decode(String s) {
        var bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || !HexFormat.isHexDigit(s.charAt(i + 1)) || !HexFormat.isHexDigit(s.charAt(i + 2))) {
                    return null;
                }
                bytes.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] own = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(own, 0, own.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
