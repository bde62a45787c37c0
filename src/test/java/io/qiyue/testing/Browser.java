package io.qiyue.testing;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A UI session over a real port: cookies, the CSRF token of a page, form posts as a browser sends them. */
public final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    public Browser(int port) {
        this.port = port;
    }

    public Browser login(String username, String password) {
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf("/login"));
        var r = post("/login", form);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return this;
    }

    /** A GET of a path as written (already percent-encoded where needed). */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build());
    }

    /** A form post of an already encoded body ({@code a=1&b=%ff}). */
    public HttpResponse<String> post(String path, String formBody) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(formBody.getBytes(StandardCharsets.ISO_8859_1))).build());
    }

    public String csrf(String page) {
        var m = CSRF.matcher(get(page).body());
        assertThat(m.find()).as("CSRF token on " + page).isTrue();
        return m.group(1);
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
