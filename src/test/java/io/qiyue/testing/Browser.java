package io.qiyue.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One browser of the session UI over a real port: its own cookie jar, no redirects followed, the CSRF token of
 * a page, forms posted as a browser sends them; optionally from another loopback address.
 */
public final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public Browser(int port) {
        this(port, null);
    }

    public Browser(int port, String sourceAddress) {
        this.port = port;
        var builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
        if (sourceAddress != null) {
            try {
                builder.localAddress(InetAddress.getByName(sourceAddress));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        this.http = builder.build();
    }

    /** A GET of a path as written (already percent-encoded where needed). */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build());
    }

    /** A GET as htmx sends it. */
    public HttpResponse<String> htmxGet(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").header("HX-Request", "true")
                .GET().build());
    }

    /** A form post of an already encoded body ({@code a=1&b=%ff}). */
    public HttpResponse<String> post(String path, String formBody) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(formBody.getBytes(StandardCharsets.ISO_8859_1))).build());
    }

    /** A post of a body of any type, e.g. a multipart upload form. */
    public HttpResponse<String> post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A form of name/value pairs submitted to {@code path}, with the CSRF token of {@code formPage}. */
    public HttpResponse<String> submit(String path, String formPage, String... fields) {
        return post(path, form(formPage, fields));
    }

    private String form(String formPage, String... fields) {
        var form = new StringBuilder("_csrf=").append(enc(csrf(formPage)));
        for (int i = 0; i < fields.length; i += 2) {
            form.append('&').append(enc(fields[i])).append('=').append(enc(fields[i + 1]));
        }
        return form.toString();
    }

    /** {@link #submit} as htmx sends a form (its {@code HX-Request} header). */
    public HttpResponse<String> htmxSubmit(String path, String formPage, String... fields) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").header("HX-Request", "true")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form(formPage, fields).getBytes(StandardCharsets.ISO_8859_1)))
                .build());
    }

    public String csrf(String page) {
        var response = get(page);
        var m = CSRF.matcher(response.body());
        assertThat(m.find()).as("CSRF token on %s: %s %s", page, response.statusCode(), response.body()).isTrue();
        return m.group(1);
    }

    public HttpResponse<String> tryLogin(String username, String password) {
        return submit("/login", "/login", "username", username, "password", password);
    }

    public Browser login(String username, String password) {
        var r = tryLogin(username, password);
        assertThat(r.statusCode()).as("login of %s: %s", username, r.body()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("/login").doesNotContain("error");
        return this;
    }

    /** The session cookie's value, or null. */
    public String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SESSION"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Whether the answer sends the browser to the sign-in page. */
    public static boolean toLogin(HttpResponse<String> response) {
        return response.statusCode() == 302
                && response.headers().firstValue("Location").orElse("").endsWith("/login");
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
