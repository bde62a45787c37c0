package io.qiyue.signing;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seal page of the session UI: admins upload (problems beside the form, never an error page), choose users,
 * deactivate; others see the seals read-only and are refused the writes.
 */
@UsingDatabase(TestDatabase.H2)
class SealPagesH2IT extends ApiTestSupport {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String BOUNDARY = "seal-page";

    /** A session of the UI that can also post multipart forms. */
    final class Session {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                            .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> form(String path, String page, String... fields) throws Exception {
            var body = new StringBuilder("_csrf=").append(enc(csrf(page)));
            for (int i = 0; i < fields.length; i += 2) {
                body.append('&').append(enc(fields[i])).append('=').append(enc(fields[i + 1]));
            }
            return post(path, "application/x-www-form-urlencoded", body.toString().getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> upload(String page, String fileName, byte[] content, String kind, String name,
                                    String... users) throws Exception {
            var out = new ByteArrayOutputStream();
            part(out, "_csrf", csrf(page));
            part(out, "kind", kind);
            part(out, "name", name);
            for (String user : users) {
                part(out, "users", user);
            }
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return post(page, "multipart/form-data; boundary=" + BOUNDARY, out.toByteArray());
        }

        String csrf(String page) throws Exception {
            var m = CSRF.matcher(get(page).body());
            assertThat(m.find()).as("CSRF token on " + page).isTrue();
            return m.group(1);
        }

        Session login(String username, String password) throws Exception {
            var r = post("/login", "application/x-www-form-urlencoded", ("username=" + enc(username) + "&password="
                    + enc(password) + "&_csrf=" + enc(csrf("/login"))).getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
            return this;
        }

        /** The page a redirect leads to. */
        HttpResponse<String> follow(HttpResponse<String> redirect) throws Exception {
            assertThat(redirect.statusCode()).as("%s", redirect.body()).isBetween(300, 399);
            String location = redirect.headers().firstValue("Location").orElseThrow();
            return get(URI.create(location).getPath());
        }
    }

    private static void part(ByteArrayOutputStream out, String name, String value) {
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void adminsManageSealsOthersSeeThemReadOnly() throws Exception {
        var signer = createUser("SALES", null);
        String entity = ourEntityId();
        String page = "/our-entities/" + entity + "/seals";
        var admin = new Session().login("admin", ADMIN_PASSWORD);

        var empty = admin.get(page);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("id=\"seal-upload-form\"");
        assertThat(admin.get("/our-entities").body()).contains("href=\"" + page + "\"");

        // a GIF comes back beside the form, in words, with what was typed kept
        var refused = admin.follow(admin.upload(page, "seal.gif", SealImagesTest.SampleImages.gif(), "CONTRACT",
                "页面上传的章"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"error-detail\"", "GIF", "is-invalid", "value=\"页面上传的章\"");

        String name = unique("合同专用章");
        var uploaded = admin.follow(admin.upload(page, "seal.png",
                SealImages.companySeal("契约示例（上海）有限公司", "合同专用章"), "CONTRACT", name, signer.username()));
        assertThat(uploaded.body()).contains(name, "id=\"notice\"").doesNotContain("id=\"error-detail\"");
        String id = admin().get("/api/v1/our-entities/" + entity + "/seals").json().path("items").valueStream()
                .filter(s -> s.path("name").asString().equals(name)).findFirst().orElseThrow().path("id").asString();
        assertThat(uploaded.body()).contains("/seals/" + id + "/image");
        var image = admin.http.send(HttpRequest.newBuilder(uri("/seals/" + id + "/image")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(SealImages.format(image.body())).isEqualTo("png");

        // stale version: beside the seal, not an error page
        var stale = admin.follow(admin.form("/seals/" + id + "/users", page, "version", "9", "users", "admin"));
        assertThat(stale.body()).contains("id=\"error-detail\"");
        var users = admin.follow(admin.form("/seals/" + id + "/users", page, "version", "1", "users", "admin",
                "users", signer.username()));
        assertThat(users.body()).contains("id=\"notice\"");
        assertThat(admin().get("/api/v1/seals/" + id).json().path("users").size()).isEqualTo(2);

        // a non-admin reads, without forms or the use log, and is refused writes with an error page in words
        var sales = new Session().login(signer.username(), USER_PASSWORD);
        var readOnly = sales.get(page);
        assertThat(readOnly.statusCode()).isEqualTo(200);
        assertThat(readOnly.body()).contains(name, "id=\"seal-readonly\"").doesNotContain("seal-upload-form",
                "/seals/" + id + "/deactivate");
        var forbidden = sales.upload(page, "seal.png", SealImages.nameStamp("张三"), "CONTRACT", "x");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("id=\"error-detail\"");
        assertThat(sales.form("/seals/" + id + "/deactivate", page, "version", "2").statusCode()).isEqualTo(403);

        var deactivated = admin.follow(admin.form("/seals/" + id + "/deactivate", page, "version", "2"));
        assertThat(deactivated.body()).contains("id=\"notice\"");
        assertThat(admin().get("/api/v1/seals/" + id).json().path("active").asBoolean()).isFalse();
    }
}
