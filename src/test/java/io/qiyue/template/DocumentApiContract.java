package io.qiyue.template;

import io.qiyue.contract.ContractType;
import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.TestIdentifiers;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract documents over HTTP: rendering in three formats, the one version history (saved versions and
 * uploaded paper in one numbering), redlines between any two listed versions, templates and clauses.
 */
abstract class DocumentApiContract extends ApiTestSupport {
    static final String EVIL = "<script>alert(1)</script> & Co";
    static final String BOUNDARY = "qiyue-boundary";
    static final int FIRST_EXTERNAL = 1_000_000_001;

    String customer(ApiClient as, String name) {
        var body = organizationBody(name, TestIdentifiers.creditCode());
        var created = as.post("/api/v1/customers", body.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().path("id").asString();
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

    JsonNode ok(io.qiyue.testing.HttpResponse r, int status) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        return r.body().isEmpty() ? null : r.json();
    }

    java.net.http.HttpResponse<byte[]> bytes(String path) {
        return admin().request("GET", path).sendForBytes();
    }

    io.qiyue.testing.HttpResponse upload(ApiClient as, String path, String name, String type, byte[] content) {
        return as.request("POST", path).bytes("multipart/form-data; boundary=" + BOUNDARY,
                multipart(name, type, content)).send();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Test
    void startUpUpgradesTheShippedDefaultsNoAdministratorEditedAndKeepsEditedOnes() {
        admin().get("/api/v1/templates");
        // an installation of an earlier release: the consulting default as it shipped then, never edited
        var before = ok(admin().get("/api/v1/templates/default-consulting"), 200);
        int version = before.path("version").asInt();
        String old = before.path("body").asString().replace("<h2 class=\"article\">咨询内容</h2>", "<h2>第一条 咨询内容</h2>");
        jdbc.sql("UPDATE doc_template SET body = ? WHERE id = ?").params(old, "default-consulting").update();
        // and an edited default: the administrator's text stays
        var maintenance = ok(admin().get("/api/v1/templates/default-maintenance"), 200);
        String edited = maintenance.path("body").asString().replace("维护内容", "维护内容及范围");
        ok(admin().put("/api/v1/templates/default-maintenance", JSON.writeValueAsString(Map.of("type", "MAINTENANCE",
                "name", maintenance.path("name").asString(), "body", edited)),
                "\"" + maintenance.path("version").asInt() + "\""), 200);

        new Templates(jdbc, transactions, java.time.Clock.systemUTC(), events).storeDefaults();

        var upgraded = ok(admin().get("/api/v1/templates/default-consulting"), 200);
        assertThat(upgraded.path("body").asString()).isEqualTo(DefaultTemplates.body(io.qiyue.contract.ContractType.CONSULTING));
        assertThat(upgraded.path("version").asInt()).isEqualTo(version + 1);
        assertThat(ok(admin().get("/api/v1/templates/default-maintenance"), 200).path("body").asString())
                .isEqualTo(edited);
        // a second start finds nothing to do
        new Templates(jdbc, transactions, java.time.Clock.systemUTC(), events).storeDefaults();
        assertThat(ok(admin().get("/api/v1/templates/default-consulting"), 200).path("version").asInt())
                .isEqualTo(version + 1);
        ok(admin().put("/api/v1/templates/default-maintenance", JSON.writeValueAsString(Map.of("type", "MAINTENANCE",
                "name", maintenance.path("name").asString(), "body", maintenance.path("body").asString())),
                "\"" + (maintenance.path("version").asInt() + 1) + "\""), 200);
    }

    @Test
    void paymentTriggersTaxSigningAndNoticesAreKeptPrintedAndDescribed() {
        String customer = customer(admin(), "条款字段" + unique(""));
        String body = """
                {"type":"SERVICE","title":"带付款条件的服务合同","customerId":"%s","ourEntityId":"%s",
                 "amount":{"value":"100000.00","currency":"CNY"},"startDate":"2027-01-01","endDate":"2027-12-31","autoRenew":false,
                 "terms":{"payment":{"method":"BANK_TRANSFER","deposit":{"value":"10000.00","currency":"CNY"},
                   "depositOffsetsInstalment":true,"tax":{"included":false,"ratePercent":"6","invoiceType":"VAT_ORDINARY"},
                   "schedule":[{"trigger":"ON_SIGNING","workingDays":5,"amount":{"value":"40000.00","currency":"CNY"},"description":"首期款"},
                     {"trigger":"ON_GO_LIVE_ACCEPTANCE","workingDays":10,"dueDate":"2027-06-30","amount":{"value":"60000.00","currency":"CNY"},"description":"尾款"}]},
                  "signing":{"date":"2026-12-28","place":"杭州市余杭区"},
                  "notices":{"partyAEmail":"a@example.com","partyBEmail":"b@example.com","emailServiceAgreed":true}}}
                """.formatted(customer, ourEntityId());
        var created = ok(admin().post("/api/v1/contracts", body), 201);
        String id = created.path("id").asString();
        var terms = ok(admin().get("/api/v1/contracts/" + id), 200).path("terms");
        assertThat(terms.at("/payment/schedule/0/trigger").asString()).isEqualTo("ON_SIGNING");
        assertThat(terms.at("/payment/schedule/1/workingDays").asInt()).isEqualTo(10);
        assertThat(terms.at("/payment/depositOffsetsInstalment").asBoolean()).isTrue();
        assertThat(terms.at("/payment/tax/ratePercent").asString()).isEqualTo("6");
        assertThat(terms.at("/payment/tax/invoiceType").asString()).isEqualTo("VAT_ORDINARY");
        assertThat(terms.at("/signing/date").asString()).isEqualTo("2026-12-28");
        assertThat(terms.at("/notices/emailServiceAgreed").asBoolean()).isTrue();

        String html = admin().get("/api/v1/contracts/" + id + "/document?format=html").body();
        assertThat(html).contains("合同签订后5个工作日内", "上线验收合格后10个工作日内，且不晚于2027年6月30日",
                "上述金额为不含税金额，增值税由甲方另行承担", "按6%的增值税税率另行向乙方支付该期款项对应的增值税税额",
                "开具与该期款项及增值税税额合计金额相等的增值税普通发票",
                "签订地点：杭州市余杭区", "a@example.com", "该定金抵作第1期款项的一部分");
        // every download of this version is the same file, byte for byte
        for (String format : List.of("pdf", "docx")) {
            String path = "/api/v1/contracts/" + id + "/document?format=" + format;
            assertThat(bytes(path).body()).isEqualTo(bytes(path).body());
        }

        // values outside their range or vocabulary are refused beside their field
        assertProblem(admin().post("/api/v1/contracts", body.replace("\"workingDays\":5", "\"workingDays\":-1")), 400,
                "terms.payment.schedule[0].workingDays");
        assertProblem(admin().post("/api/v1/contracts", body.replace("\"ratePercent\":\"6\"", "\"ratePercent\":\"101\"")),
                400, "terms.payment.tax.ratePercent");
        assertThat(admin().post("/api/v1/contracts", body.replace("ON_SIGNING", "SOON")).status()).isEqualTo(400);

        // the schema of every type describes the new fields, so that integrations can send them
        var types = ok(admin().get("/api/v1/contract-types"), 200).path("items");
        for (var type : types) {
            var properties = type.path("termsSchema").path("properties");
            assertThat(properties.has("signing")).as("%s", type.path("type")).isTrue();
            assertThat(properties.at("/notices/properties/emailServiceAgreed/type").asString()).isEqualTo("boolean");
            assertThat(properties.at("/payment/properties/schedule/items/properties/trigger/enum").toString())
                    .contains("ON_GO_LIVE_ACCEPTANCE", "AFTER_WARRANTY");
            assertThat(properties.at("/payment/properties/tax/properties/invoiceType/enum").toString())
                    .contains("VAT_SPECIAL");
        }
    }

    @Test
    void theContractFormOffersTheNewFieldsAndAnNdaNoFeesOrIp() {
        String customer = customer(admin(), "表单字段" + unique(""));
        var browser = new io.qiyue.testing.Browser(port).login("admin", ADMIN_PASSWORD);
        String nda = browser.get("/contracts/new?type=CONFIDENTIALITY").body();
        assertThat(nda).contains("terms.confidentialInformation.direction", "terms.signing.place",
                "terms.notices.emailServiceAgreed").doesNotContain("id=\"part-payment\"", "id=\"part-intellectualProperty\"");
        String sharing = browser.get("/contracts/new?type=INFO_SHARING").body();
        assertThat(sharing).contains("terms.sharedInformation.direction", "id=\"part-payment\"");
        String csrf = browser.csrf("/contracts/new?type=SERVICE");
        assertThat(browser.get("/contracts/new?type=SERVICE").body())
                .contains("terms.payment.schedule[0].trigger", "terms.payment.tax.invoiceType");
        var saved = browser.post("/contracts", "_csrf=" + io.qiyue.testing.Browser.enc(csrf)
                + "&type=SERVICE&title=" + io.qiyue.testing.Browser.enc("表单合同") + "&customerId=" + customer
                + "&ourEntityId=" + ourEntityId() + "&amount=50000&startDate=2027-01-01&endDate=2027-12-31"
                + "&terms.payment.schedule%5B0%5D.trigger=AFTER_WARRANTY&terms.payment.schedule%5B0%5D.workingDays=15"
                + "&terms.payment.schedule%5B0%5D.amount=50000&terms.payment.tax.included=true"
                + "&terms.payment.tax.ratePercent=6&terms.payment.tax.invoiceType=VAT_SPECIAL"
                + "&terms.signing.place=" + io.qiyue.testing.Browser.enc("上海") + "&terms.notices.emailServiceAgreed=true");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String id = saved.headers().firstValue("Location").orElseThrow().replaceAll(".*/contracts/", "");
        var terms = ok(admin().get("/api/v1/contracts/" + id), 200).path("terms");
        assertThat(terms.at("/payment/schedule/0/trigger").asString()).isEqualTo("AFTER_WARRANTY");
        assertThat(terms.at("/payment/schedule/0/workingDays").asInt()).isEqualTo(15);
        assertThat(terms.at("/payment/tax/included").asBoolean()).isTrue();
        assertThat(terms.at("/signing/place").asString()).isEqualTo("上海");
        assertThat(terms.at("/notices/emailServiceAgreed").asBoolean()).isTrue();
        assertThat(admin().get("/api/v1/contracts/" + id + "/document?format=html").body())
                .contains("质保期满后15个工作日内", "上述金额为含税金额，增值税税率为6%");
        assertThat(browser.get("/contracts/" + id).body()).contains("质保期满后 15", "增值税专用发票", "上海");
        // the form shows the stored values again
        assertThat(browser.get("/contracts/" + id + "/edit").body()).contains("value=\"AFTER_WARRANTY\" selected");
    }

    @Test
    void rendersHtmlPdfAndDocxWithEverythingEscaped() throws Exception {
        String customer = customer(admin(), EVIL + unique(""));
        String id = ok(admin().post("/api/v1/contracts", contract(customer, ourEntityId(), "甲方总部机房")), 201)
                .path("id").asString();

        var html = admin().get("/api/v1/contracts/" + id + "/document?format=html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co").doesNotContain("<script>")
                .contains("甲方总部机房").contains("壹拾贰万元整");
        var pdf = bytes("/api/v1/contracts/" + id + "/document?format=pdf");
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (var pd = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(pd)).contains(EVIL).contains("争议解决");
        }
        assertThat(bytes("/api/v1/contracts/" + id + "/document?format=docx").statusCode()).isEqualTo(200);
        assertProblem(admin().get("/api/v1/contracts/" + id + "/document?format=odt"), 400, "format");
        // without format, the one Accept asks for first (application/pdf answered HTML before)
        var byAccept = admin().request("GET", "/api/v1/contracts/" + id + "/document")
                .header("Accept", "application/pdf").sendForBytes();
        assertThat(byAccept.headers().firstValue("Content-Type")).hasValue("application/pdf");
        var docx = admin().request("GET", "/api/v1/contracts/" + id + "/document").header("Accept",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.9, text/plain;q=0.1")
                .sendForBytes();
        assertThat(docx.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.openxml");
        assertThat(admin().request("GET", "/api/v1/contracts/" + id + "/document").header("Accept", "text/html,*/*")
                .sendForBytes().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertProblem(admin().get("/api/v1/contracts/nope/document"), 404);
    }

    /** Computed amounts (10% of a price with fen) and fixed sums typed with more decimals are written to the fen. */
    @Test
    void amountsWithFenAndComputedDamagesAreWrittenRoundedToTheFen() {
        var body = io.qiyue.testing.ContractSamples.contract("SERVICE", unique("分位金额"), customer(admin(),
                unique("杭州分位测试有限公司")), ourEntityId());
        ((tools.jackson.databind.node.ObjectNode) body.at("/amount")).put("value", "120000.05");
        ((tools.jackson.databind.node.ObjectNode) body.at("/terms/payment/schedule/0/amount")).put("value", "60000.05");
        var created = admin().post("/api/v1/contracts", body.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(admin().get("/api/v1/contracts/" + id + "/document?format=html").body())
                .contains("壹拾贰万元零伍分", "¥12,000.01");

        // a fixed sum is money: below the fen it is refused, not rounded in the document
        assertProblem(admin().patch("/api/v1/contracts/" + id,
                "{\"terms\": {\"breach\": {\"liquidatedDamages\": {\"basis\": \"FIXED\", \"value\": \"100.125\"}}}}",
                "\"1\""), 400, "terms.breach.liquidatedDamages.value");
        var fixed = admin().patch("/api/v1/contracts/" + id,
                "{\"terms\": {\"breach\": {\"liquidatedDamages\": {\"basis\": \"FIXED\", \"value\": \"100.13\"}}}}", "\"1\"");
        assertThat(fixed.status()).as("%s", fixed).isEqualTo(200);
        assertThat(admin().get("/api/v1/contracts/" + id + "/document?format=html").body()).contains("¥100.13");
    }

    @Test
    void oneVersionHistoryWithUploadsDiffableAgainstAnyListedVersion() throws Exception {
        String customer = customer(admin(), unique("杭州版本测试有限公司"));
        String id = ok(admin().post("/api/v1/contracts", contract(customer, ourEntityId(), "甲方总部机房")), 201)
                .path("id").asString();
        String path = "/api/v1/contracts/" + id;
        ok(admin().put(path, contract(customer, ourEntityId(), "甲方总部及分部机房"), "\"1\""), 200);

        // the counterparty's paper (our own PDF back) becomes the first EXTERNAL version
        byte[] pdf = bytes(path + "/document?format=pdf").body();
        var external = ok(upload(admin(), path + "/versions", "paper.pdf", "application/pdf", pdf), 201);
        assertThat(external.path("version").asInt()).isEqualTo(FIRST_EXTERNAL);
        assertThat(external.path("kind").asString()).isEqualTo("EXTERNAL");

        // a later save still takes the contract's own number: no collision, no renumbering
        ok(admin().put(path, contract(customer, ourEntityId(), "甲方总部机房"), "\"2\""), 200);
        var second = ok(upload(admin(), path + "/versions", "paper2.pdf", "application/pdf", pdf), 201);
        assertThat(second.path("version").asInt()).isEqualTo(FIRST_EXTERNAL + 1);

        var history = ok(admin().get(path + "/versions"), 200).path("items");
        var numbers = new ArrayList<Integer>();
        history.forEach(v -> {
            numbers.add(v.path("version").asInt());
            assertThat(v.path("sha256").asString()).matches("[0-9a-f]{64}");
            assertThat(v.path("createdBy").asString()).isEqualTo("admin");
            assertThat(v.path("createdAt").asString()).isNotBlank();
        });
        assertThat(numbers).containsExactly(1, 2, 3, FIRST_EXTERNAL, FIRST_EXTERNAL + 1);
        assertThat(StreamSupport.stream(history.spliterator(), false).map(v -> v.path("kind").asString()).toList())
                .containsExactly("SAVED", "SAVED", "SAVED", "EXTERNAL", "EXTERNAL");
        var documents = ok(admin().get(path + "/documents"), 200).path("items");
        assertThat(StreamSupport.stream(documents.spliterator(), false).map(v -> v.path("version").asInt()).toList())
                .isEqualTo(numbers);

        // every listed number answers on /versions/{n} and /versions/{n}/text, and diffs against every other
        assertThat(ok(admin().get(path + "/versions/2"), 200).path("terms").path("service").path("scope").asString())
                .isEqualTo("甲方总部及分部机房");
        var paper = ok(admin().get(path + "/versions/" + FIRST_EXTERNAL), 200);
        assertThat(paper.path("kind").asString()).isEqualTo("EXTERNAL");
        assertThat(paper.path("fileName").asString()).isEqualTo("paper.pdf");
        assertThat(paper.path("mediaType").asString()).isEqualTo("application/pdf");
        assertThat(paper.path("text").asString()).contains("甲方总部及分部机房");
        for (int from : numbers) {
            for (int to : numbers) {
                var diff = ok(admin().get(path + "/diff?from=" + from + "&to=" + to), 200);
                String rebuilt = StreamSupport.stream(diff.path("ops").spliterator(), false)
                        .filter(o -> !o.path("op").asString().equals("delete")).map(o -> o.path("text").asString())
                        .collect(Collectors.joining());
                assertThat(rebuilt).as("%d→%d", from, to).isEqualTo(admin().get(path + "/versions/" + to + "/text").body());
            }
        }
        var diff = ok(admin().get(path + "/diff?from=1&to=2"), 200);
        assertThat(diff.path("ops").toString()).contains("{\"op\":\"insert\",\"text\":\"及分部\"}");
        assertThat(diff.path("coarse").asBoolean()).isFalse();
        var scope = StreamSupport.stream(diff.path("fields").spliterator(), false)
                .filter(f -> f.path("path").asString().equals("/terms/service/scope")).findFirst().orElseThrow();
        assertThat(scope.path("label").asString()).isEqualTo("服务 范围");
        assertThat(scope.path("after").asString()).isEqualTo("甲方总部及分部机房");
        var diffHtml = admin().request("GET", path + "/diff?from=2&to=3").header("Accept", "text/html").send();
        assertThat(diffHtml.body()).contains("<del>及分部</del>");
        // HTML made of what users typed runs nothing and loads nothing, wherever it is served
        var documentHtml = admin().get(path + "/document?format=html");
        var previewHtml = admin().request("POST", "/api/v1/templates/preview").json(JSON.writeValueAsString(Map.of(
                "body", DefaultTemplates.body(ContractType.SERVICE), "contractId", id))).send();
        for (var html : List.of(diffHtml, documentHtml, previewHtml)) {
            assertThat(html.status()).isEqualTo(200);
            assertThat(html.header("Content-Security-Policy"))
                    .isEqualTo("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
            assertThat(html.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertProblem(admin().get(path + "/versions/4"), 404);
        assertProblem(admin().get(path + "/versions/" + (FIRST_EXTERNAL + 2)), 404);
        assertProblem(admin().get(path + "/diff?from=1&to=" + (FIRST_EXTERNAL + 2)), 404);

        // other files are refused; someone outside the data scope sees nothing
        var wrong = upload(admin(), path + "/versions", "note.txt", "text/plain", "纯文本".getBytes(StandardCharsets.UTF_8));
        assertProblem(wrong, 415, "file");
        assertThat(wrong.json().path("detail").asString()).as("names the file and what is taken").contains("note.txt", "PDF");
        var untyped = upload(admin(), path + "/versions", "x.exe", null, new byte[]{1, 2, 3});
        assertProblem(untyped, 415, "file");
        assertThat(untyped.json().path("detail").asString()).as("a part without a type: not 'the request has none'")
                .contains("x.exe").doesNotContain("缺少");
        // a file that claims to be a PDF or DOCX but is not one, an empty one, or no file part: 400 naming file
        int before = admin().get(path + "/versions").json().path("items").size();
        assertProblem(upload(admin(), path + "/versions", "paper.docx", ContractDocuments.DOCX,
                "不是 Word 文件".getBytes(StandardCharsets.UTF_8)), 400, "file");
        assertProblem(upload(admin(), path + "/versions", "paper.pdf", "application/pdf", new byte[0]), 400, "file");
        String noFile = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--" + BOUNDARY
                + "--\r\n";
        assertProblem(admin().request("POST", path + "/versions").bytes("multipart/form-data; boundary=" + BOUNDARY,
                noFile.getBytes(StandardCharsets.UTF_8)).send(), 400, "file");
        // a damaged file, a cut-off upload, a NUL in the name, an oversize file: 400/413 saying what is wrong
        byte[] brokenDocx = "PK\u0003\u0004word/document.xml 已截断".getBytes(StandardCharsets.UTF_8);
        byte[] brokenPdf = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R".getBytes(StandardCharsets.UTF_8);
        for (var damaged : List.of(upload(admin(), path + "/versions", "paper.docx", ContractDocuments.DOCX, brokenDocx),
                upload(admin(), path + "/versions", "paper.pdf", "application/pdf", brokenPdf))) {
            assertProblem(damaged, 400, "file");
            assertThat(damaged.json().path("detail").asString() + damaged.json().path("errors").toString())
                    .contains("文件已损坏").doesNotContain("Exception");
        }
        byte[] whole = multipart("paper.pdf", "application/pdf", pdf);
        var truncated = admin().request("POST", path + "/versions").bytes("multipart/form-data; boundary=" + BOUNDARY,
                Arrays.copyOf(whole, whole.length / 2)).send();
        assertProblem(truncated, 400, "file");
        assertThat(truncated.json().path("errors").toString()).contains("不完整");
        var nul = upload(admin(), path + "/versions", "paper\u0000.pdf", "application/pdf", pdf);
        assertProblem(nul, 400, "file");
        assertThat(nul.json().path("errors").toString()).contains("U+0000");
        var oversize = upload(admin(), path + "/versions", "big.pdf", "application/pdf", new byte[20 * 1024 * 1024 + 100 * 1024]);
        assertProblem(oversize, 413, "file");
        assertThat(oversize.json().path("detail").asString()).contains("20 MiB");
        assertThat(admin().get(path + "/versions").json().path("items").size()).isEqualTo(before);
        var stranger = createUser("SALES", null).client();
        assertProblem(stranger.get(path + "/versions"), 404);
        assertProblem(stranger.get(path + "/versions/" + FIRST_EXTERNAL), 404);
        assertProblem(stranger.get(path + "/diff?from=1&to=2"), 404);
        assertProblem(upload(stranger, path + "/versions", "paper.pdf", "application/pdf", pdf), 404);
    }

    @Test
    void ourBankAccountIsPrintedInFullForEveryReader() {
        var sales = createUser("SALES", null).client();
        String customer = customer(sales, unique("客户"));
        var created = sales.post("/api/v1/contracts", contract(customer, ourEntityId(), "甲方总部机房"));
        String id = ok(created, 201).path("id").asString();
        String path = "/api/v1/contracts/" + id + "/document?format=";
        String account = "1001234567890123";

        assertThat(sales.get("/api/v1/our-entities/" + ourEntityId()).json().path("bankAccount").asString())
                .isEqualTo(account);
        var pdf = sales.request("GET", path + "pdf").sendForBytes();
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(TextExtraction.text(pdf.body(), "application/pdf").replaceAll("\\s", "")).contains(account);
        var docx = sales.request("GET", path + "docx").sendForBytes();
        assertThat(docx.statusCode()).isEqualTo(200);
        assertThat(TextExtraction.text(docx.body(), ContractDocuments.DOCX)).contains(account);
        assertThat(sales.get("/api/v1/contracts/" + id + "/versions/1/text").body()).contains(account);
    }

    @Test
    void storedTextIsTheFullDocumentWhoeverSaved() {
        var body = JSON.createObjectNode();
        body.put("kind", "PERSON");
        body.put("name", unique("赵六"));
        String idNumber = TestIdentifiers.idNumber();
        body.put("idNumber", idNumber);
        body.put("address", "浙江省杭州市");
        body.put("level", "B");
        var created = admin().post("/api/v1/customers", body.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String customer = created.json().path("id").asString();
        String id = ok(admin().post("/api/v1/contracts", contract(customer, ourEntityId(), "甲方总部机房")), 201)
                .path("id").asString();
        String path = "/api/v1/contracts/" + id;
        assertThat(admin().get(path + "/document?format=html").body()).contains(idNumber);
        String text = admin().get(path + "/versions/1/text").body();
        assertThat(text).contains(idNumber).contains("1001234567890123");
        // the same content saved again is no new version; changed and changed back, it has the same text again
        ok(admin().put(path, contract(customer, ourEntityId(), "甲方总部机房"), "\"1\""), 200);
        assertThat(admin().get(path + "/versions").json().path("items").size()).isEqualTo(1);
        ok(admin().put(path, contract(customer, ourEntityId(), "甲方分支机构机房"), "\"1\""), 200);
        ok(admin().put(path, contract(customer, ourEntityId(), "甲方总部机房"), "\"2\""), 200);
        assertThat(admin().get(path + "/versions/3/text").body()).isEqualTo(text);
    }

    @Test
    void aReaderOfTheContractWhoMayNotReadItsCustomerSeesItsDetailsBlankedAndGetsNoFiles() {
        String team = createTeam();
        var owner = createUser("SALES", createTeam());
        var reader = createUser("SALES", team);
        var body = JSON.createObjectNode();
        body.put("kind", "PERSON");
        body.put("name", unique("孙八"));
        String idNumber = TestIdentifiers.idNumber();
        body.put("idNumber", idNumber);
        body.put("address", "浙江省宁波市海曙区中山西路88号");
        body.put("owner", owner.username());
        body.putArray("contacts").addObject().put("name", "孙八").put("email", "sunba@example.com");
        var created = admin().post("/api/v1/customers", body.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String customer = created.json().path("id").asString();
        var contract = (tools.jackson.databind.node.ObjectNode) JSON.readTree(contract(customer, ourEntityId(), "机房"));
        contract.put("owner", reader.username());
        String id = ok(admin().post("/api/v1/contracts", contract.toString()), 201).path("id").asString();
        String path = "/api/v1/contracts/" + id;
        contract.put("title", "2027年度IT运维服务合同（修订）");
        ok(admin().put(path, contract.toString(), "\"1\""), 200);

        var client = reader.client();
        assertThat(client.get(path).status()).isEqualTo(200);
        assertProblem(client.get("/api/v1/customers/" + customer), 404);
        String text = client.get(path + "/versions/1/text").body();
        assertThat(text).contains("（无权查看）", "1001234567890123")
                .doesNotContain(idNumber, "中山西路88号", "sunba@example.com");
        assertThat(client.get(path + "/diff?from=1&to=2").body()).doesNotContain(idNumber, "中山西路88号");
        for (String format : List.of("pdf", "docx", "html")) {
            var refused = client.get(path + "/document?format=" + format);
            assertProblem(refused, 403);
            assertThat(refused.json().path("detail").asString()).contains(owner.username());
        }
        // whoever may read the customer gets the full document and text
        assertThat(admin().get(path + "/versions/1/text").body()).contains(idNumber, "中山西路88号")
                .doesNotContain("（无权查看）");
    }

    /**
     * A reader who sees a person's ID number masked on the customer (finance, viewers) sees it masked in the
     * contract's documents and version texts too, and gets no file kept as signed, which prints it in full.
     */
    @Test
    void aReaderWhoSeesTheIdNumberMaskedSeesItMaskedInTheDocumentsAndGetsNoKeptFiles() {
        var body = JSON.createObjectNode();
        body.put("kind", "PERSON");
        body.put("name", unique("钱九"));
        String idNumber = TestIdentifiers.idNumber();
        String masked = idNumber.substring(0, 6) + "********" + idNumber.substring(14);
        body.put("idNumber", idNumber);
        body.put("address", "浙江省温州市鹿城区");
        var created = admin().post("/api/v1/customers", body.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String customer = created.json().path("id").asString();
        String id = ok(admin().post("/api/v1/contracts", contract(customer, ourEntityId(), "机房")), 201)
                .path("id").asString();
        String path = "/api/v1/contracts/" + id;

        var viewer = createUser("VIEWER", null).client();
        assertThat(ok(viewer.get("/api/v1/customers/" + customer), 200).path("idNumber").asString()).isEqualTo(masked);
        assertThat(viewer.get(path + "/document?format=html").body()).contains(masked).doesNotContain(idNumber);
        var pdf = viewer.request("GET", path + "/document?format=pdf").sendForBytes();
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(TextExtraction.text(pdf.body(), "application/pdf").replaceAll("\\s", ""))
                .contains(masked).doesNotContain(idNumber);
        var docx = viewer.request("GET", path + "/document?format=docx").sendForBytes();
        assertThat(TextExtraction.text(docx.body(), ContractDocuments.DOCX)).contains(masked).doesNotContain(idNumber);
        assertThat(viewer.get(path + "/versions/1/text").body()).contains(masked, "浙江省温州市鹿城区")
                .doesNotContain(idNumber);
        var refused = viewer.get(path + "/signed-document");
        assertProblem(refused, 403);
        assertThat(refused.json().path("detail").asString()).contains("身份证号码");

        // whoever sees it in clear on the customer sees it in clear everywhere
        assertThat(admin().get(path + "/document?format=html").body()).contains(idNumber);
        assertThat(admin().get(path + "/versions/1/text").body()).contains(idNumber);
        assertProblem(admin().get(path + "/signed-document"), 404);
    }

    @Test
    void templatesAndClausesAreDataEditedByAdmins() {
        String customer = customer(admin(), EVIL + unique(""));
        String id = ok(admin().post("/api/v1/contracts", contract(customer, ourEntityId(), "甲方总部机房")), 201)
                .path("id").asString();
        assertThat(ok(admin().get("/api/v1/templates"), 200).path("items").size()).isGreaterThanOrEqualTo(5);
        // a shipped default is named in its reader's language, whichever the server started in (outside tester)
        assertThat(admin().request("GET", "/api/v1/templates/default-info-sharing").header("Accept-Language", "zh-CN")
                .send().json().path("name").asString()).isEqualTo("客户信息共享协议（默认模板）");
        assertThat(admin().request("GET", "/api/v1/templates/default-info-sharing").header("Accept-Language", "en")
                .send().json().path("name").asString()).isEqualTo("Information-sharing agreement (default template)");
        var service = ok(admin().get("/api/v1/templates/default-service"), 200);
        int version = service.path("version").asInt();
        String body = service.path("body").asString();
        String name = service.path("name").asString();
        var broken = admin().put("/api/v1/templates/default-service", JSON.writeValueAsString(Map.of(
                "type", "SERVICE", "name", "x", "body", body.replace("{{title}}</h1>", "{{titel}}</h1>"))),
                "\"" + version + "\"");
        assertProblem(broken, 400, "body");
        assertThat(broken.errorMessages().getFirst()).contains("titel");
        // a tag without its end would be printed in every contract as it stands (outside tester)
        var unclosed = admin().put("/api/v1/templates/default-service", JSON.writeValueAsString(Map.of(
                "type", "SERVICE", "name", "x", "body", body.replace("{{title}}</h1>", "{{title}}</h1><p>{{unclosed</p>"))),
                "\"" + version + "\"");
        assertProblem(unclosed, 400, "body");
        assertThat(unclosed.errorMessages().getFirst()).contains("{{unclosed", "}}").doesNotContain("'");
        var scripted = admin().put("/api/v1/templates/default-service", JSON.writeValueAsString(Map.of(
                "type", "SERVICE", "name", "x", "body", body.replace("{{title}}</h1>",
                        "{{title}}<img src=\"https://tracker.example/p.png\" onerror=\"alert(1)\"/></h1>"))),
                "\"" + version + "\"");
        assertProblem(scripted, 400, "body");
        assertThat(scripted.errorMessages().getFirst()).contains("<img");
        assertThat(ok(admin().get("/api/v1/templates/default-service"), 200).path("version").asInt()).isEqualTo(version);
        // the type's only active template stays active until another one is activated in its place
        var lastActive = admin().put("/api/v1/templates/default-service", JSON.writeValueAsString(Map.of(
                "type", "SERVICE", "name", name, "body", body, "active", false)), "\"" + version + "\"");
        assertProblem(lastActive, 400, "active");
        assertThat(ok(admin().get("/api/v1/templates/default-service"), 200).path("active").asBoolean()).isTrue();
        var user = createUser("SALES", null).client();
        assertProblem(user.put("/api/v1/templates/default-service", JSON.writeValueAsString(Map.of(
                "type", "SERVICE", "name", "x", "body", body)), "\"" + version + "\""), 403);
        try {
            ok(admin().put("/api/v1/templates/default-service", JSON.writeValueAsString(Map.of(
                    "type", "SERVICE", "name", "服务合同 2027", "body", body.replace("<h2 class=\"article\">其他</h2>", "<h2 class=\"article\">其他约定</h2>"))),
                    "\"" + version + "\""), 200);
            assertProblem(admin().put("/api/v1/templates/default-service", JSON.writeValueAsString(Map.of(
                    "type", "SERVICE", "name", "x", "body", body)), "\"" + version + "\""), 412);
            var preview = admin().post("/api/v1/templates/preview", JSON.writeValueAsString(Map.of(
                    "body", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>{{partyA.name}}</p></body></html>",
                    "contractId", id)));
            assertThat(preview.body()).contains("&lt;script&gt;");

            // a clause that is no template names its field in words (outside tester: "text: Template line 1 …")
            var unescaped = admin().withHeader("Accept-Language", "en").post("/api/v1/clauses", """
                    {"category":"GENERAL","title":"x","text":"{{{partyA.name}}}"}
                    """);
            assertProblem(unescaped, 400, "text");
            assertThat(unescaped.json().path("errors").get(0).path("message").asString()).startsWith("Text: ");

            // an approved conspicuous GENERAL clause appears in the next saved version
            var clause = ok(admin().post("/api/v1/clauses", """
                    {"category":"GENERAL","title":"责任限制","text":"乙方对{{partyA.name}}的赔偿以{{fees.total.words}}为限。","approved":true,"conspicuous":true}
                    """), 201);
            try {
                // until then the contract's document is its version's: the template and clause it was saved with
                String untouched = admin().get("/api/v1/contracts/" + id + "/document?format=html").body();
                assertThat(untouched).doesNotContain("责任限制").doesNotContain("其他约定");
                var untouchedPdf = admin().request("GET", "/api/v1/contracts/" + id + "/document?format=pdf")
                        .sendForBytes();
                assertThat(TextExtraction.text(untouchedPdf.body(), "application/pdf")).doesNotContain("责任限制");
                // a change of the contract (saving the same content again is none) renders with them
                ok(admin().put("/api/v1/contracts/" + id, contract(customer, ourEntityId(), "甲方总部机房及灾备机房"),
                        "\"1\""), 200);
                assertThat(admin().get("/api/v1/contracts/" + id + "/document?format=html").body())
                        .contains("其他约定").contains("责任限制");
                var v2 = ok(admin().get("/api/v1/contracts/" + id + "/documents"), 200).path("items").get(1);
                assertThat(v2.path("version").asInt()).isEqualTo(2);
                assertThat(v2.path("contractVersion").asInt()).isEqualTo(2);
                assertThat(v2.path("templateVersion").asInt()).isEqualTo(version + 1);
                assertThat(admin().get("/api/v1/contracts/" + id + "/versions/2/text").body())
                        .contains("第十一条　其他约定").contains("责任限制：乙方对" + EVIL);
            } finally {
                // clauses are shared by every test of this database: take it out of the documents again
                ok(admin().put("/api/v1/clauses/" + clause.path("id").asString(), """
                        {"category":"GENERAL","title":"责任限制","text":"停用","approved":false,"conspicuous":false}
                        """, "\"1\""), 200);
            }
            // both saved states of the clause are kept, and both changes are audited
            var versions = ok(admin().get("/api/v1/clauses/" + clause.path("id").asString() + "/versions"), 200).path("items");
            assertThat(versions.size()).isEqualTo(2);
            assertThat(versions.get(0).path("text").asString()).startsWith("乙方对");
            assertThat(versions.get(1).path("text").asString()).isEqualTo("停用");
            var audit = ok(admin().get("/api/v1/audit?entity=CLAUSE&id=" + clause.path("id").asString()), 200);
            assertThat(audit.path("total").asInt()).isEqualTo(2);
            assertThat(admin().get("/api/v1/templates/default-service/versions/" + version).body())
                    .isEqualTo(body);
        } finally {
            var now = ok(admin().get("/api/v1/templates/default-service"), 200);
            ok(admin().put("/api/v1/templates/default-service", JSON.writeValueAsString(Map.of(
                    "type", "SERVICE", "name", name, "body", body)), "\"" + now.path("version").asInt() + "\""), 200);
        }
    }

    static byte[] multipart(String name, String type, byte[] content) {
        var out = new ByteArrayOutputStream();
        // a null type: a part sent without one, as some clients do
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\n" + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

}
