package io.qiyue.template;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
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
 * The document pages of the session UI: data scope (404 outside), administrators only under /admin,
 * CSRF on the upload, and a clear error for a file that is neither DOCX nor PDF.
 */
@UsingDatabase(TestDatabase.H2)
class DocumentPagesH2IT extends ApiTestSupport {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrf(String page) throws Exception {
            var m = CSRF.matcher(get(page).body());
            assertThat(m.find()).as("CSRF token on " + page).isTrue();
            return m.group(1);
        }

        Browser login(String username, String password) throws Exception {
            String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf("/login"));
            var r = post("/login", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
            return this;
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static byte[] multipart(String csrf, String name, String type, byte[] content) {
        var out = new ByteArrayOutputStream();
        if (csrf != null) {
            out.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void documentPagesRespectScopeRolesAndCsrf() throws Exception {
        var user = createUser("SALES", null);
        String own = createContract(user.client(), "SERVICE").path("id").asString();
        String others = createContract(admin(), ContractSamples.contract("SERVICE", unique("合同"),
                createOrganization(admin()).path("id").asString(), ourEntityId())).path("id").asString();
        var browser = new Browser().login(user.username(), USER_PASSWORD);

        var pdf = browser.http.send(HttpRequest.newBuilder(uri("/contracts/" + own + "/document.pdf")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(browser.get("/contracts/" + own + "/document.docx").statusCode()).isEqualTo(200);
        var html = browser.get("/contracts/" + own + "/document.html");
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        // the session's pages keep their own policy; the rendered document gets the strict one for user-made HTML
        assertThat(html.headers().allValues("Content-Security-Policy"))
                .containsExactly("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
        assertThat(browser.get("/contracts/" + own + "/document.odt").statusCode()).isEqualTo(404);
        assertThat(browser.get("/contracts/" + others + "/document.pdf").statusCode()).isEqualTo(404);
        assertThat(browser.get("/contracts/" + others + "/compare").statusCode()).isEqualTo(404);
        assertThat(browser.get("/admin/templates").statusCode()).isEqualTo(403);
        assertThat(browser.get("/admin/clauses").statusCode()).isEqualTo(403);

        var detail = browser.get("/contracts/" + own);
        assertThat(detail.body()).contains("id=\"document-pdf\"").contains("id=\"upload-form\"");
        String csrf = browser.csrf("/contracts/" + own);
        String path = "/contracts/" + own + "/versions/upload";
        assertThat(browser.post(path, "multipart/form-data; boundary=b",
                multipart(null, "paper.pdf", "application/pdf", pdf.body())).statusCode()).isEqualTo(403);
        assertThat(browser.post("/contracts/" + others + "/versions/upload", "multipart/form-data; boundary=b",
                multipart(csrf, "paper.pdf", "application/pdf", pdf.body())).statusCode()).isEqualTo(404);

        var wrong = browser.post(path, "multipart/form-data; boundary=b",
                multipart(csrf, "note.txt", "text/plain", "纯文本".getBytes(StandardCharsets.UTF_8)));
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(browser.get("/contracts/" + own).body()).contains("id=\"upload-error\"").contains("只能上传 DOCX 或 PDF 文件");

        // refused before the controller runs (cut off, too large): back to the form with the reason beside it
        byte[] whole = multipart(csrf, "paper.pdf", "application/pdf", pdf.body());
        var cutOff = browser.post(path, "multipart/form-data; boundary=b",
                java.util.Arrays.copyOf(whole, whole.length - 20));
        assertThat(cutOff.statusCode()).as("%s", cutOff.body()).isEqualTo(303);
        assertThat(cutOff.headers().firstValue("Location").orElse("")).endsWith("/contracts/" + own + "#versions");
        assertThat(browser.get("/contracts/" + own).body()).contains("id=\"upload-error\"").contains("不完整");
        var tooLarge = browser.post(path, "multipart/form-data; boundary=b",
                multipart(csrf, "big.pdf", "application/pdf", new byte[20 * 1024 * 1024 + 1]));
        assertThat(tooLarge.statusCode()).isEqualTo(303);
        assertThat(browser.get("/contracts/" + own).body()).contains("id=\"upload-error\"").contains("20 MiB");

        var ok = browser.post(path, "multipart/form-data; boundary=b", multipart(csrf, "paper.pdf", "application/pdf",
                pdf.body()));
        assertThat(ok.statusCode()).isEqualTo(302);
        // one step: uploaded and reviewed, the review page of the paper next, its original downloadable
        assertThat(ok.headers().firstValue("Location").orElse(""))
                .endsWith("/contracts/" + own + "/versions/1000000001/review");
        var reviewed = browser.get("/contracts/" + own + "/versions/1000000001/review");
        assertThat(reviewed.body()).contains("id=\"document-review-meta\"", "id=\"document-original\"",
                "id=\"document-delete\"").doesNotContain("id=\"document-review-none\"");
        var original = browser.http.send(HttpRequest.newBuilder(uri("/contracts/" + own
                + "/versions/1000000001/original")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(original.body()).isEqualTo(pdf.body());
        var compare = browser.get("/contracts/" + own + "/compare?to=1000000001");
        assertThat(compare.statusCode()).isEqualTo(200);
        assertThat(compare.body()).contains("id=\"redline\"").contains("对方文本 E1 paper.pdf");
        assertThat(browser.get("/contracts/" + own).body()).contains("E1").contains("对方文本");
    }

    @Test
    void adminsEditTemplatesWithPreviewAndErrorsBesideTheEditor() throws Exception {
        String contract = createContract(admin(), "SERVICE").path("id").asString();
        var browser = new Browser().login("admin", ADMIN_PASSWORD);
        assertThat(browser.get("/admin/templates").body()).contains("default-service");
        String edit = browser.get("/admin/templates/default-service/edit").body();
        var csrfMatch = CSRF.matcher(edit);
        assertThat(csrfMatch.find()).isTrue();
        String csrf = csrfMatch.group(1);
        var versionMatch = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(edit);
        assertThat(versionMatch.find()).isTrue();
        String version = versionMatch.group(1);
        String body = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>{{partyA.name}}</p>\n<p>{{titel}}</p></body></html>";
        var preview = browser.post("/admin/templates/preview", "application/x-www-form-urlencoded",
                ("_csrf=" + enc(csrf) + "&contractId=" + contract + "&body=" + enc(body)).getBytes(StandardCharsets.UTF_8));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("id=\"preview-errors\"").contains("模板第 2 行").contains("titel");
        var rendered = browser.post("/admin/templates/preview", "application/x-www-form-urlencoded",
                ("_csrf=" + enc(csrf) + "&contractId=" + contract + "&body=" + enc(body.replace("{{titel}}", "{{title}}")))
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(rendered.body()).contains("id=\"preview-frame\"").contains("sandbox=\"\"").contains("srcdoc=\"");
        var refused = browser.post("/admin/templates/default-service", "application/x-www-form-urlencoded",
                ("_csrf=" + enc(csrf) + "&name=x&active=true&_active=on&version=" + version + "&body=" + enc(body))
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"body-errors\"").contains("titel");
    }
}
