package io.qiyue.template;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:docs;DB_CLOSE_DELAY=-1",
        "qiyue.data-dir=${java.io.tmpdir}/qiyue-docs-it", "qiyue.admin-password=admin-secret-1"})
class DocumentApiIT {
    static final String EVIL = "<script>alert(1)</script> & Co";
    static final JsonMapper JSON = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    HttpResponse<byte[]> send(String method, String path, String contentType, byte[] body, String... headers)
            throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:admin-secret-1".getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode json(String method, String path, String body, int status, String... headers) throws Exception {
        var r = send(method, path, "application/json", body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(method + " " + path + " → " + text).isEqualTo(status);
        return text.isEmpty() ? null : JSON.readTree(text);
    }

    static String contract(String customerId, String entityId, String scope) {
        return """
                {"type":"SERVICE","title":"2027年度IT运维服务合同","customerId":"%s","ourEntityId":"%s",
                 "amount":{"value":"120000.00","currency":"CNY"},"startDate":"2027-01-01","endDate":"2027-12-31",
                 "autoRenew":false,"terms":{"service":{"items":[{"name":"服务器巡检","standard":"每月一次"}],"scope":"%s"},
                 "payment":{"method":"BANK_TRANSFER","schedule":[{"dueDate":"2027-01-15","amount":{"value":"120000.00","currency":"CNY"},"description":"全款"}]},
                 "dispute":{"method":"ARBITRATION","arbitrationCommission":"上海仲裁委员会"}}}
                """.formatted(customerId, entityId, scope);
    }

    @Test
    void documentsVersionsUploadDiffTemplatesAndClauses() throws Exception {
        String customer = json("POST", "/api/v1/customers", """
                {"kind":"ORGANIZATION","name":"%s","creditCode":"91330100716105852F","address":"杭州","legalRepresentative":"张三","level":"A"}
                """.formatted(EVIL.replace("\"", "\\\"")), 201).get("id").asString();
        String entity = json("POST", "/api/v1/our-entities", """
                {"name":"上海契约信息技术有限公司","creditCode":"91310115MA1H7GXN4F","address":"上海市浦东新区"}
                """, 201).get("id").asString();
        var created = json("POST", "/api/v1/contracts", contract(customer, entity, "甲方总部机房"), 201);
        String id = created.get("id").asString();
        json("PUT", "/api/v1/contracts/" + id, contract(customer, entity, "甲方总部及分部机房"), 200, "If-Match", "\"1\"");

        // HTML, PDF, DOCX
        var html = send("GET", "/api/v1/contracts/" + id + "/document?format=html", null, null);
        assertThat(html.statusCode()).isEqualTo(200);
        String page = new String(html.body(), StandardCharsets.UTF_8);
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co").doesNotContain("<script>")
                .contains("甲方总部及分部机房").contains("壹拾贰万元整");
        var pdf = send("GET", "/api/v1/contracts/" + id + "/document?format=pdf", null, null);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (var pd = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(pd)).contains(EVIL).contains("客户");
        }
        var docx = send("GET", "/api/v1/contracts/" + id + "/document?format=docx", null, null);
        assertThat(docx.statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/contracts/" + id + "/document?format=odt", null, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/contracts/nope/document", null, null).statusCode()).isEqualTo(404);

        // versions 1 and 2 were rendered when saved; the diff shows the changed scope
        var versions = json("GET", "/api/v1/contracts/" + id + "/documents", null, 200);
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("templateId").asString()).isEqualTo("default-service");
        var diff = json("GET", "/api/v1/contracts/" + id + "/diff?from=1&to=2", null, 200);
        assertThat(diff.get("ops").toString()).contains("{\"op\":\"insert\",\"text\":\"及分部\"}");
        assertThat(diff.get("fields").toString()).contains("/terms/service/scope");
        var diffHtml = send("GET", "/api/v1/contracts/" + id + "/diff?from=1&to=2", null, null, "Accept", "text/html");
        assertThat(new String(diffHtml.body(), StandardCharsets.UTF_8)).contains("<ins>及分部</ins>")
                .contains("&lt;script&gt;");

        // the counterparty's paper: our PDF back as EXTERNAL version 3, diffable against version 2
        String boundary = "qiyue-boundary";
        var upload = send("POST", "/api/v1/contracts/" + id + "/versions", "multipart/form-data; boundary=" + boundary,
                multipart(boundary, "paper.pdf", "application/pdf", pdf.body()));
        assertThat(upload.statusCode()).as(new String(upload.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        var external = JSON.readTree(upload.body());
        assertThat(external.get("version").asInt()).isEqualTo(3);
        assertThat(external.get("kind").asString()).isEqualTo("EXTERNAL");
        var cross = json("GET", "/api/v1/contracts/" + id + "/diff?from=2&to=3", null, 200);
        String rebuilt = StreamSupport.stream(cross.get("ops").spliterator(), false)
                .filter(o -> !o.get("op").asString().equals("delete")).map(o -> o.get("text").asString())
                .collect(Collectors.joining());
        var text3 = send("GET", "/api/v1/contracts/" + id + "/versions/3/text", null, null);
        assertThat(rebuilt).isEqualTo(new String(text3.body(), StandardCharsets.UTF_8));
        var wrong = send("POST", "/api/v1/contracts/" + id + "/versions", "multipart/form-data; boundary=" + boundary,
                multipart(boundary, "note.txt", "text/plain", "纯文本".getBytes(StandardCharsets.UTF_8)));
        assertThat(wrong.statusCode()).isEqualTo(415);
        assertThat(wrong.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // templates: defaults listed, a broken body refused with the line, a valid one saved and used
        var templates = json("GET", "/api/v1/templates", null, 200);
        assertThat(templates).hasSize(5);
        var service = json("GET", "/api/v1/templates/default-service", null, 200);
        String body = service.get("body").asString();
        var broken = json("PUT", "/api/v1/templates/default-service", JSON.writeValueAsString(java.util.Map.of(
                "type", "SERVICE", "name", "x", "body", body.replace("{{title}}</h1>", "{{titel}}</h1>"))), 400, "If-Match", "\"1\"");
        assertThat(broken.get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(broken.get("errors").get(0).get("message").asString()).contains("titel");
        json("PUT", "/api/v1/templates/default-service", JSON.writeValueAsString(java.util.Map.of(
                "type", "SERVICE", "name", "服务合同 2027", "body", body.replace("第十条 其他", "第十条 其他约定"))), 200, "If-Match", "\"1\"");
        json("PUT", "/api/v1/templates/default-service", JSON.writeValueAsString(java.util.Map.of(
                "type", "SERVICE", "name", "x", "body", body)), 412, "If-Match", "\"1\"");
        var preview = send("POST", "/api/v1/templates/preview", "application/json", JSON.writeValueAsString(java.util.Map.of(
                "body", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>{{partyA.name}}</p></body></html>",
                "contractId", id)).getBytes(StandardCharsets.UTF_8));
        assertThat(new String(preview.body(), StandardCharsets.UTF_8)).contains("&lt;script&gt;");

        // clauses: an approved conspicuous GENERAL clause appears in the next saved version
        json("POST", "/api/v1/clauses", """
                {"category":"GENERAL","title":"责任限制","text":"乙方对{{partyA.name}}的赔偿以{{fees.total.words}}为限。","approved":true,"conspicuous":true}
                """, 201);
        assertThat(json("GET", "/api/v1/clauses", null, 200)).hasSize(1);
        json("PUT", "/api/v1/contracts/" + id, contract(customer, entity, "甲方总部机房"), 200, "If-Match", "\"2\"");
        var v4 = json("GET", "/api/v1/contracts/" + id + "/documents", null, 200).get(3);
        assertThat(v4.get("contractVersion").asInt()).isEqualTo(3);
        assertThat(v4.get("templateVersion").asInt()).isEqualTo(2);
        String text4 = new String(send("GET", "/api/v1/contracts/" + id + "/versions/4/text", null, null).body(),
                StandardCharsets.UTF_8);
        assertThat(text4).contains("第十条 其他约定").contains("责任限制：乙方对" + EVIL + "的赔偿以壹拾贰万元整为限。");
    }

    static byte[] multipart(String boundary, String name, String type, byte[] content) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
