package io.qiyue.idempotency;

import io.qiyue.security.CurrentUser;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.Hashes;
import io.qiyue.shared.Instances;
import io.qiyue.shared.RequestIdempotency;
import io.qiyue.shared.web.EarlyErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Idempotency-Key on every POST of the API, for every create alike. The key belongs to the caller; it
 * is claimed (committed) before the request runs, so a concurrent duplicate finds it and gets 409; a
 * successful answer is kept for 24 hours and a retry with the same key, method, path and body gets it
 * again byte for byte (with {@code Idempotent-Replayed: true}); the same key for a different request is
 * a 422. A request that failed gives the key up, so that its retry runs again. The key's form (1–100
 * visible ASCII characters) is checked earlier, by the request guard.
 *
 * <p>The pages' forms carry the same kind of key as a hidden {@code requestKey} field, so that a form
 * sent twice (a double click, a reload) saves once; there the answer kept is the redirect that follows
 * a save, as a form shown again with its errors must be sendable again once corrected.
 *
 * <p>Runs after Spring Security (default order), so the caller is known; anonymous requests pass.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {
    static final String HEADER = "Idempotency-Key";
    static final String FORM_FIELD = "requestKey";
    private static final int MAX_KEY_LENGTH = 100;
    /** The width of {@code idempotent_request.request_path} (V15). */
    private static final int MAX_STORED_PATH = 2000;
    static final String REPLAYED = "Idempotent-Replayed";
    /** The parts of an answer that make it the same answer; the rest is set afresh on every response. */
    private static final List<String> KEPT_HEADERS = List.of("Content-Type", "Content-Disposition", "Location", "ETag",
            "Last-Modified");

    private final IdempotentRequests store;
    private final EarlyErrors errors;
    private final Clock clock;
    private final Instances instances;

    IdempotencyFilter(IdempotentRequests store, EarlyErrors errors, Clock clock, Instances instances) {
        this.store = store;
        this.errors = errors;
        this.clock = clock;
        this.instances = instances;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || keyOf(request) == null;
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/");
    }

    /** The header on the API; on pages the form field of a form (its parameters are already parsed then). */
    private static String keyOf(HttpServletRequest request) {
        if (isApi(request)) {
            return request.getHeader(HEADER);
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return null;
        }
        String key = request.getParameter(FORM_FIELD);
        return key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH ? null : key;
    }

    /**
     * The path and query as the key's row keeps them: a query string has no length limit of its own, the column
     * has, so a long one is cut and followed by the whole one's hash (the request hash covers it exactly anyway).
     */
    static String storablePath(HttpServletRequest request) {
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (path.length() <= MAX_STORED_PATH) {
            return path;
        }
        return path.substring(0, MAX_STORED_PATH - 80) + "…#sha256=" + Hashes.sha256Hex(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var user = CurrentUsers.current();
        if (user.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String principal = user.map(CurrentUser::username).orElseThrow();
        String access = accessOf(user.get());
        String key = keyOf(request);
        String path = storablePath(request);
        HttpServletRequest body;
        String hash;
        try {
            if (isMultipart(request)) {
                body = request;
                hash = hash(request.getMethod(), path, partsOf(request));
            } else if (!isApi(request)) {
                body = request;
                hash = hash(request.getMethod(), path, fieldsOf(request));
            } else {
                var cached = new CachedBody(request, request.getInputStream().readAllBytes());
                body = cached;
                hash = hash(request.getMethod(), path, List.of(cached.bytes));
            }
        } catch (IOException | IllegalStateException | ServletException unreadable) {
            // a body too large or not readable as sent: the handler gives the answer it gives without a key
            chain.doFilter(request, response);
            return;
        }
        while (true) {
            var now = clock.instant();
            var earlier = store.find(principal, key);
            if (earlier.isEmpty()) {
                if (store.claim(principal, key, request.getMethod(), path, hash, access, now, instances.self())) {
                    run(body, response, chain, principal, key, hash);
                    return;
                }
                continue;
            }
            var entry = earlier.get();
            boolean expired = entry.createdAt().isBefore(now.minus(IdempotentRequests.RETENTION))
                    || (entry.response().isEmpty()
                    && (entry.createdAt().isBefore(now.minus(IdempotentRequests.ABANDONED))
                    || (entry.instanceId() != null && !instances.alive(entry.instanceId()))));
            if (expired) {
                store.forget(principal, key, entry.createdAt());
                continue;
            }
            if (!entry.method().equals(request.getMethod()) || !entry.path().equals(path)
                    || !entry.requestHash().equals(hash)) {
                errors.write(request, response, 422, "idempotency-mismatch", "qiyue.problem.idempotency-mismatch", key);
                return;
            }
            if (entry.response().isEmpty()) {
                errors.write(request, response, 409, "conflict", "qiyue.problem.idempotency-in-progress", key);
                return;
            }
            if (entry.accessHash() != null && !entry.accessHash().equals(access)) {
                // the answer was the caller's under the roles and team they had then: a user demoted since, or
                // moved to another team, would read again what they may no longer read (an outside tester did)
                errors.write(request, response, 409, "conflict", "qiyue.problem.idempotency-access-changed", key);
                return;
            }
            replay(entry.response().get(), response);
            return;
        }
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String principal,
                     String key, String requestHash) throws ServletException, IOException {
        var recorded = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            doFilterWithSeed(Hashes.sha256Hex(principal + "\n" + key + "\n" + requestHash), request, recorded, chain);
            int status = recorded.getStatus();
            if (isApi(request) ? status >= 200 && status < 300 : status >= 300 && status < 400) {
                var headers = new ArrayList<StoredResponse.Header>();
                for (String name : KEPT_HEADERS) {
                    String value = name.equals("Content-Type") ? recorded.getContentType() : recorded.getHeader(name);
                    if (value != null) {
                        headers.add(new StoredResponse.Header(name, value));
                    }
                }
                store.complete(principal, key, new StoredResponse(status, headers, recorded.getContentAsByteArray()));
                kept = true;
            }
        } finally {
            if (!kept) {
                store.release(principal, key);
            }
            recorded.copyBodyToResponse();
        }
    }

    /** The chain with the key's seed for the ids of what the request creates ({@link RequestIdempotency}). */
    private static void doFilterWithSeed(String seed, HttpServletRequest request, HttpServletResponse response,
                                         FilterChain chain) throws ServletException, IOException {
        try {
            RequestIdempotency.with(seed, () -> {
                chain.doFilter(request, response);
                return null;
            });
        } catch (ServletException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    /** The caller's roles and team, which decide what an answer may show them. */
    static String accessOf(CurrentUser user) {
        return Hashes.sha256Hex(user.roles().stream().map(Enum::name).sorted().toList() + "\n" + user.teamId());
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        for (var header : stored.headers()) {
            if (header.name().equals("Content-Type")) {
                response.setContentType(header.value());
            } else {
                response.setHeader(header.name(), header.value());
            }
        }
        response.setHeader(REPLAYED, "true");
        response.setContentLength(stored.body().length);
        response.getOutputStream().write(stored.body());
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /**
     * A multipart body by its parts (name, file name, content), not its bytes: a client that retries
     * picks a new boundary, and the request is still the same.
     */
    private static List<byte[]> partsOf(HttpServletRequest request) throws IOException, ServletException {
        var parts = new TreeMap<String, byte[]>();
        for (Part part : request.getParts()) {
            try (InputStream in = part.getInputStream()) {
                parts.put(part.getName() + "\u0000" + part.getSubmittedFileName() + "\u0000" + part.getContentType(),
                        in.readAllBytes());
            }
        }
        var hashed = new ArrayList<byte[]>();
        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            hashed.add(part.getKey().getBytes(StandardCharsets.UTF_8));
            hashed.add(part.getValue());
        }
        return hashed;
    }

    /** A form by its fields, except the CSRF token, which a new page of the same session may renew. */
    private static List<byte[]> fieldsOf(HttpServletRequest request) {
        var fields = new ArrayList<byte[]>();
        new TreeMap<>(request.getParameterMap()).forEach((name, values) -> {
            if (!name.equals("_csrf")) {
                fields.add(name.getBytes(StandardCharsets.UTF_8));
                for (String value : values) {
                    fields.add(value.getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        return fields;
    }

    private static String hash(String method, String path, List<byte[]> content) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            for (byte[] chunk : content) {
                // the length first, so that no two different sequences of parts hash alike
                digest.update(Integer.toString(chunk.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) 0);
                digest.update(chunk);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once, for hashing, and served again to the handler. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] bytes;

        CachedBody(HttpServletRequest request, byte[] bytes) {
            super(request);
            this.bytes = bytes;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
