package io.qiyue.signing;

import io.qiyue.contract.ContractAction;
import io.qiyue.contract.ContractCalendar;
import io.qiyue.contract.Contracts;
import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing over HTTP: both orders through to SIGNED and ACTIVE, declining, paper signing, the customer's link and
 * its abuse, PDF signatures verified with PDFBox (and pdfsig where installed), a one-byte change detected.
 */
abstract class SigningApiContract extends ApiTestSupport {
    static final String BOUNDARY = "qiyue-signing-boundary";
    private static final Pattern LINK = Pattern.compile("/s/([A-Za-z0-9_-]{43})");
    private static final Pattern CODE = Pattern.compile("验证码为：(\\d{6})");

    @Autowired
    Contracts contracts;
    @Autowired
    ContractCalendar calendar;
    @Autowired
    SigningCalendar signingCalendar;
    @Autowired
    JdbcClient jdbc;

    record Deal(String id, String number, String customerId, String contactId, String contactEmail, LocalDate start) {
    }

    @Test
    void oursFirstThenTheCustomerThroughToSignedAndActive() throws IOException {
        var sales = createUser("SALES", null);
        String entity = freshEntity();
        var seal = SealApiContract.upload(admin(), entity, "seal.png", SealPng.red(), "CONTRACT", "合同专用章",
                sales.username());
        assertThat(seal.status()).as("%s", seal).isEqualTo(201);
        var deal = approved(sales.client(), entity);
        var plan = sales.client().put("/api/v1/contracts/" + deal.id() + "/signers", """
                { "order": "OURS_FIRST", "ours": [ { "userId": "%s" } ], "theirs": [ { "contactId": "%s" } ] }
                """.formatted(sales.id(), deal.contactId()), null);
        assertThat(plan.status()).as("%s", plan).isEqualTo(200);
        // the plan sent back as GET answered it stores nothing: the same ETag (outside tester: a new version each)
        var read = sales.client().get("/api/v1/contracts/" + deal.id() + "/signers");
        var same = sales.client().put("/api/v1/contracts/" + deal.id() + "/signers", read.body(), read.header("ETag"));
        assertThat(same.status()).as("%s", same).isEqualTo(200);
        assertThat(same.header("ETag")).isEqualTo(read.header("ETag"));
        startSigning(sales.client(), deal.id());

        var status = sales.client().get("/api/v1/contracts/" + deal.id() + "/signing").json();
        assertThat(status.path("status").asString()).isEqualTo("OPEN");
        assertThat(status.path("frozenSha256").asString()).as("what is signed is what was approved")
                .isEqualTo(status.path("approvedSha256").asString()).hasSize(64);
        assertThat(signer(status, "THEIRS").path("turn").asBoolean()).isFalse();
        assertThat(link(deal)).as("the customer is not asked before our side signed").isNull();

        var wrong = sales.client().post("/api/v1/contracts/" + deal.id() + "/signatures", "{\"password\": \"nope\"}");
        assertProblem(wrong, 400, "password");
        String key = unique("key");
        var ours = sales.client().request("POST", "/api/v1/contracts/" + deal.id() + "/signatures")
                .header("Idempotency-Key", key).json("{\"password\": \"" + USER_PASSWORD + "\"}").send();
        assertThat(ours.status()).as("%s", ours).isEqualTo(200);
        // the answer lost with its instance after the commit: the retry runs again and finds the signature made
        assertThat(jdbc.sql("UPDATE idempotent_request SET status = NULL, response_headers = NULL, response_body = NULL,"
                + " instance_id = 'gone' WHERE principal = ? AND idem_key = ?").params(sales.username(), key).update())
                .isEqualTo(1);
        var again = sales.client().request("POST", "/api/v1/contracts/" + deal.id() + "/signatures")
                .header("Idempotency-Key", key).json("{\"password\": \"" + USER_PASSWORD + "\"}").send();
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isNull();
        assertThat(signer(again.json(), "OURS").path("status").asString()).isEqualTo("SIGNED");
        assertThat(signer(ours.json(), "OURS").path("status").asString()).isEqualTo("SIGNED");
        assertThat(signer(ours.json(), "OURS").path("identityMethod").asString()).isEqualTo("PASSWORD");
        // outside tester: signing twice answered 403, as if the signer had no right; it is a conflict with the signature
        var twice = sales.client().post("/api/v1/contracts/" + deal.id() + "/signatures",
                "{\"password\": \"" + USER_PASSWORD + "\"}");
        assertProblem(twice, 409);
        assertThat(twice.body()).contains("已处理过");
        assertThat(signer(ours.json(), "OURS").path("sealName").asString()).isEqualTo("合同专用章");
        var uses = admin().get("/api/v1/seals/" + seal.json().path("id").asString() + "/uses").json();
        assertThat(uses.toString()).as("the seal's use is logged with the frozen document's hash")
                .contains(deal.id(), status.path("frozenSha256").asString());

        String token = link(deal);
        assertThat(token).as("the customer's link went out once our side signed").isNotNull();
        var page = anonymous().get("/s/" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(deal.number()).doesNotContain(deal.contactEmail());
        // the customer's page offers the other language, on the link's own page (outside tester: none offered)
        assertThat(page.body()).contains("id=\"public-lang-en\"", "href=\"/s/" + token + "?lang=en\"");
        assertThat(anonymous().get("/s/" + token + "?lang=en").body()).contains("id=\"public-lang-zh\"");

        sendCode(token);
        String code = code(deal);
        var mismatch = form(token, "sign", Map.of("code", code, "typedName", "王五"));
        assertThat(mismatch.status()).isEqualTo(400);
        // the code was right: it stays in its field, so that only the name is typed again
        assertThat(mismatch.body()).contains("error-detail", "李四", "value=\"" + code + "\"");
        // a company customer signs under its seal: the signer's name stamp does not stand in for it (outside tester),
        // and the right code stays good for the form sent again with the seal's image
        assertThat(page.body()).contains("贵方印章图片（公章或合同专用章）");
        var noSeal = form(token, "sign", Map.of("code", code, "typedName", "李四"));
        assertThat(noSeal.status()).as("%s", noSeal).isEqualTo(400);
        assertThat(noSeal.body()).contains("不能以签署人个人的姓名章代替", "value=\"" + code + "\"");
        var signed = multipartForm(anonymous(), "/s/" + token + "/sign", Map.of("code", code, "typedName", "李四"),
                "sealImage", "seal.png", SealPng.red());
        assertThat(signed.status()).as("%s", signed).isEqualTo(200);
        assertThat(signed.body()).contains("signing-signed");

        var done = sales.client().get("/api/v1/contracts/" + deal.id() + "/signing").json();
        assertThat(done.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(contractStatus(deal.id())).isEqualTo("SIGNED");
        assertThat(anonymous().get("/s/" + token).status()).as("a used link opens nothing").isEqualTo(404);
        // the version the customer's signature made is the customer signer's, in words (outside tester: contact:李四)
        var versions = sales.client().get("/api/v1/contracts/" + deal.id() + "/versions").json().path("items");
        assertThat(versions.toString()).contains("\"createdBy\":\"contact:李四\"", "\"createdByName\":\"客户签署人 李四\"");

        var signatures = sales.client().get("/api/v1/contracts/" + deal.id() + "/signatures").json().path("items");
        assertThat(signatures.size()).isEqualTo(2);
        for (JsonNode signature : signatures) {
            assertThat(signature.path("valid").asBoolean()).as("%s", signature).isTrue();
            assertThat(signature.path("issuedByThisInstallation").asBoolean()).isTrue();
        }
        assertThat(signatures.get(0).path("side").asString()).isEqualTo("OURS");
        assertThat(signatures.get(1).path("signerName").asString()).isEqualTo("李四");

        byte[] pdf = bytes(sales.client(), "/api/v1/contracts/" + deal.id() + "/signed-document");
        try (var doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getSignatureDictionaries()).hasSize(2);
            assertThat(new PDFTextStripper().getText(doc)).contains(deal.number());
            // outside tester: the signature page named the legal representatives, pre-printed, and not who signed; the
            // 签订日期 stayed blank. The frozen text leaves the 签字 lines blank, and each signature writes its signer
            String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
            assertThat(stamps(doc, doc.getNumberOfPages() - 1)).contains(
                    "签字 " + signer(done, "OURS").path("name").asString() + "（电子签名） 乙方",
                    "签字 李四（电子签名） 甲方", "签署日期 " + today);
            assertThat(stamps(doc, 0)).contains("签订日期 " + today);
        }
        String frozenText = text(bytes(sales.client(), "/api/v1/contracts/" + deal.id() + "/signing-document"));
        assertThat(frozenText).contains("法定代表人或授权代表（签字）：").doesNotContain("（签字）：王五", "（签字）：张三");
        Pdfsig.assertAllValid(pdf, 2);
        var verified = verify(sales.client(), pdf);
        assertThat(verified.path("signedOriginal").asBoolean()).as("%s", verified).isTrue();
        assertThat(verified.path("contractNumber").asString()).isEqualTo(deal.number());
        byte[] altered = pdf.clone();
        int at = new String(altered, StandardCharsets.ISO_8859_1).indexOf("/Contents", altered.length / 3);
        altered[at > 0 ? at - 40 : altered.length / 2] ^= 0x01;
        var tampered = verify(sales.client(), altered);
        assertThat(tampered.path("signedOriginal").asBoolean()).as("one byte changed").isFalse();
        assertThat(tampered.path("onRecord").asBoolean()).isFalse();

        byte[] evidence = bytes(sales.client(), "/api/v1/contracts/" + deal.id() + "/evidence");
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", "evidence-" + getClass().getSimpleName() + ".pdf"), evidence);
        Files.write(Path.of("target", "screenshots", "signed-" + getClass().getSimpleName() + ".pdf"), pdf);
        try (var doc = Loader.loadPDF(evidence)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(deal.number(), done.path("frozenSha256").asString().substring(0, 16), "李四");
            assertThat(text.replaceAll("\\s+", "")).contains("各方签署完成日期"
                    + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        }

        // outside tester: both parties renamed after signing, the report named them as their records now do, beside a
        // signed PDF and its own signer table saying the old names; and it said the 签订日期 was left blank, which the
        // concluding signature had filled in. The report names the parties as the signed document does.
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String customerPath = "/api/v1/customers/" + deal.customerId();
        String oldCustomer = sales.client().get(customerPath).json().path("name").asString();
        String newCustomer = unique("上海测签新名科技有限公司");
        var renamed = sales.client().patch(customerPath, "{\"name\": \"" + newCustomer + "\"}",
                sales.client().get(customerPath).header("ETag"));
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);
        String entityPath = "/api/v1/our-entities/" + entity;
        var storedEntity = admin().get(entityPath);
        String oldEntity = storedEntity.json().path("name").asString();
        String newEntity = unique("契约新名科技（上海）有限公司");
        var changedEntity = (tools.jackson.databind.node.ObjectNode) storedEntity.json();
        changedEntity.put("name", newEntity);
        var moved = admin().put(entityPath, changedEntity.toString(), storedEntity.header("ETag"));
        assertThat(moved.status()).as("%s", moved).isEqualTo(200);
        String after = text(bytes(sales.client(), "/api/v1/contracts/" + deal.id() + "/evidence"));
        assertThat(after).contains("我方签约主体" + oldEntity.replaceAll("\\s+", "") + "（签署后已变更为：" + newEntity,
                "对方（客户）" + oldCustomer.replaceAll("\\s+", "") + "（签署后已变更为：" + newCustomer,
                "文本所载签订日期" + today + "（文本中留空，由完成签署的最后一方签名时填入）")
                .doesNotContain("未填写（文本中留空）");
        String afterEn = text(bytes(sales.client().withHeader("Accept-Language", "en"),
                "/api/v1/contracts/" + deal.id() + "/evidence"));
        assertThat(afterEn).contains("(renamedaftersigningto:" + newCustomer);

        calendar.runFor(deal.start());
        assertThat(contractStatus(deal.id())).isEqualTo("ACTIVE");
    }

    @Test
    void theCustomerFirstThenOurSignatoryWithACodeAndTheTurnIsEnforced() {
        var sales = createUser("SALES", null);
        var signatory = createUser("LEGAL", null);
        var deal = approved(sales.client());
        var plan = sales.client().put("/api/v1/contracts/" + deal.id() + "/signers", """
                { "order": "THEIRS_FIRST", "ours": [ { "userId": "%s" } ], "theirs": [ { "contactId": "%s" } ] }
                """.formatted(signatory.id(), deal.contactId()), null);
        assertThat(plan.status()).as("%s", plan).isEqualTo(200);
        startSigning(sales.client(), deal.id());

        var early = signatory.client().post("/api/v1/contracts/" + deal.id() + "/signatures",
                "{\"password\": \"" + USER_PASSWORD + "\"}");
        assertProblem(early, 409);
        assertThat(early.json().path("detail").asString()).contains("还没有轮到您签署");
        assertThat(signatory.client().get("/api/v1/contracts/" + deal.id()).status())
                .as("a signer may read what they sign").isEqualTo(200);

        String token = link(deal);
        sendCode(token);
        var signed = multipartForm(anonymous(), "/s/" + token + "/sign",
                Map.of("code", code(deal), "typedName", "李 四"), "sealImage", "seal.png", SealPng.red());
        assertThat(signed.status()).as("%s", signed).isEqualTo(200);

        var sent = signatory.client().post("/api/v1/contracts/" + deal.id() + "/signatures/code", "{}");
        assertThat(sent.status()).as("%s", sent).isEqualTo(202);
        String ourCode = codeFor(signatory.username() + "@example.com", deal.number());
        var ours = signatory.client().post("/api/v1/contracts/" + deal.id() + "/signatures",
                "{\"code\": \"" + ourCode + "\"}");
        assertThat(ours.status()).as("%s", ours).isEqualTo(200);
        assertThat(ours.json().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(signer(ours.json(), "OURS").path("identityMethod").asString()).isEqualTo("EMAIL_CODE");
        assertThat(contractStatus(deal.id())).isEqualTo("SIGNED");
        var signatures = sales.client().get("/api/v1/contracts/" + deal.id() + "/signatures").json().path("items");
        assertThat(signatures.size()).isEqualTo(2);
        assertThat(signatures.get(0).path("side").asString()).isEqualTo("THEIRS");
        assertThat(signatures.get(1).path("valid").asBoolean()).isTrue();
    }

    @Test
    void aDeclineReturnsTheContractToTheOwnerWithTheReason() {
        var sales = createUser("SALES", null);
        var deal = approved(sales.client());
        sales.client().put("/api/v1/contracts/" + deal.id() + "/signers", """
                { "order": "PARALLEL", "ours": [ { "userId": "%s" } ], "theirs": [ { "contactId": "%s" } ] }
                """.formatted(sales.id(), deal.contactId()), null);
        startSigning(sales.client(), deal.id());
        String token = link(deal);
        assertThat(token).as("in parallel, both sides are asked at once").isNotNull();
        var empty = form(token, "decline", Map.of("reason", " "));
        assertThat(empty.status()).isEqualTo(400);
        var declined = form(token, "decline", Map.of("reason", "付款条款与我方财务制度不符"));
        assertThat(declined.status()).as("%s", declined).isEqualTo(200);
        assertThat(contractStatus(deal.id())).isEqualTo("APPROVED");
        var status = sales.client().get("/api/v1/contracts/" + deal.id() + "/signing").json();
        assertThat(status.path("status").asString()).isEqualTo("DECLINED");
        assertThat(signer(status, "THEIRS").path("declineReason").asString()).isEqualTo("付款条款与我方财务制度不符");
        assertThat(anonymous().get("/s/" + token).status()).isEqualTo(404);
        var ours = sales.client().post("/api/v1/contracts/" + deal.id() + "/signatures",
                "{\"password\": \"" + USER_PASSWORD + "\"}");
        assertProblem(ours, 409);
        // the owner takes it back to a draft to revise what the customer objected to (only signing again was
        // offered before), to be approved again
        var lifecycle = sales.client().get("/api/v1/contracts/" + deal.id() + "/lifecycle").json();
        assertThat(lifecycle.path("allowedActions").toString()).contains("WITHDRAW", "START_SIGNING");
        var revised = sales.client().request("POST", "/api/v1/contracts/" + deal.id() + "/withdraw")
                .header("If-Match", sales.client().get("/api/v1/contracts/" + deal.id()).header("ETag"))
                .json("{\"reason\": \"按客户意见调整付款条款\"}").send();
        assertThat(revised.status()).as("%s", revised).isEqualTo(200);
        assertThat(contractStatus(deal.id())).isEqualTo("DRAFT");
    }

    /**
     * Outside tester: the customer renamed between approval and signing was signed for under its old name — the frozen
     * PDF printed 杭州云帆信息技术有限公司 while the signing page and the signer's organisation said the new name.
     * Signing now refuses a document that names a party otherwise than its record does, on either side, until the
     * contract is approved again with a document made from the records.
     */
    @Test
    void aPartyChangedAfterApprovalIsNotSignedForUnderItsOldParticulars() throws IOException {
        var sales = createUser("SALES", null);
        String entity = freshEntity();
        var deal = approved(sales.client(), entity);
        String customerPath = "/api/v1/customers/" + deal.customerId();
        String oldName = sales.client().get(customerPath).json().path("name").asString();
        String newName = unique("杭州云帆数字科技有限公司");
        var renamed = sales.client().patch(customerPath, "{\"name\": \"" + newName + "\"}",
                sales.client().get(customerPath).header("ETag"));
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);

        String contractPath = "/api/v1/contracts/" + deal.id();
        var refused = sales.client().request("POST", contractPath + "/signing")
                .header("If-Match", sales.client().get(contractPath).header("ETag")).json("{}").send();
        assertProblem(refused, 409, "customer.name");
        assertThat(refused.json().path("detail").asString()).contains(oldName, newName, "撤回", "重新提交审批");
        assertThat(refused.json().path("errors").get(0).path("message").asString())
                .isEqualTo("甲方名称：文本为“" + oldName + "”，现在的记录为“" + newName + "”");
        var inEnglish = sales.client().withHeader("Accept-Language", "en").request("POST", contractPath + "/signing")
                .header("If-Match", sales.client().get(contractPath).header("ETag")).json("{}").send();
        assertProblem(inEnglish, 409, "customer.name");
        assertThat(inEnglish.json().path("detail").asString())
                .contains("Party A's name: the document says \"" + oldName + "\", the record now says \"" + newName + "\"",
                        "withdraw the contract and submit it for approval again");
        assertThat(contractStatus(deal.id())).isEqualTo("APPROVED");
        assertThat(sales.client().get(contractPath + "/signing").json().path("status").asString())
                .as("no round was opened").isNotEqualTo("OPEN");

        // approved again: withdrawn and submitted without a change, the document is made from the records anew
        var withdrawn = sales.client().request("POST", contractPath + "/withdraw")
                .header("If-Match", sales.client().get(contractPath).header("ETag"))
                .json("{\"reason\": \"客户更名，重新审批\"}").send();
        assertThat(withdrawn.status()).as("%s", withdrawn).isEqualTo(200);
        var submitted = sales.client().request("POST", contractPath + "/submit")
                .header("If-Match", sales.client().get(contractPath).header("ETag")).json("{}").send();
        assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);
        if (!contractStatus(deal.id()).equals("APPROVED")) {
            contracts.advance(deal.id(), ContractAction.APPROVE, "同意", "admin");
        }
        sales.client().put(contractPath + "/signers", """
                { "order": "PARALLEL", "ours": [ { "userId": "%s" } ], "theirs": [ { "contactId": "%s" } ] }
                """.formatted(sales.id(), deal.contactId()), null);
        startSigning(sales.client(), deal.id());
        String frozen = text(bytes(sales.client(), contractPath + "/signing-document"));
        assertThat(frozen).contains("名称" + newName, "甲方（盖章）：" + newName).doesNotContain(oldName);

        // our entity's legal representative changes while the round is open: neither side signs the document
        String entityPath = "/api/v1/our-entities/" + entity;
        var stored = admin().get(entityPath);
        var changed = (tools.jackson.databind.node.ObjectNode) stored.json();
        changed.put("legalRepresentative", "赵六");
        var moved = admin().put(entityPath, changed.toString(), stored.header("ETag"));
        assertThat(moved.status()).as("%s", moved).isEqualTo(200);
        var ours = sales.client().post(contractPath + "/signatures", "{\"password\": \"" + USER_PASSWORD + "\"}");
        assertProblem(ours, 409, "ourEntity.legalRepresentative");
        assertThat(ours.json().path("detail").asString()).contains("王五", "赵六", "取消本轮签署");
        String token = link(deal);
        // the customer reads at once that it cannot be signed now, and is sent no code to type in vain
        assertThat(anonymous().get("/s/" + token).body()).contains("id=\"signing-blocked\"", "暂不能签署", "乙方法定代表人")
                .doesNotContain("id=\"send-code\"", "id=\"sign-form\"");
        var noCode = form(token, "code", Map.of());
        assertThat(noCode.status()).as("%s", noCode).isEqualTo(409);
        var theirs = form(token, "sign", Map.of("code", "123456", "typedName", "李四"));
        assertThat(theirs.status()).as("%s", theirs).isEqualTo(409);
        assertThat(theirs.body()).contains("暂不能签署", "乙方法定代表人");
        var status = sales.client().get(contractPath + "/signing").json();
        assertThat(status.path("status").asString()).isEqualTo("OPEN");
        assertThat(signer(status, "OURS").path("status").asString()).isEqualTo("PENDING");
        assertThat(signer(status, "THEIRS").path("status").asString()).isEqualTo("PENDING");
    }

    /**
     * Outside tester: a round blocked by a party's change was seen only by the customer, after typing their code; the
     * owner was not told, the sign page still offered to send the request again, and a paper signing completed the
     * round unnoticed. The round's status names the particulars at once, the customer's refused attempt tells the
     * owner (once), sending again is neither offered nor done, and paper signing asks for an acknowledgement that the
     * evidence records.
     */
    @Test
    void aRoundBlockedByAChangedPartyIsShownToTheOwnerAndPaperAsksForAnAcknowledgement() throws IOException {
        var sales = createUser("SALES", null);
        var deal = approved(sales.client());
        String contractPath = "/api/v1/contracts/" + deal.id();
        sales.client().put(contractPath + "/signers", """
                { "order": "PARALLEL", "ours": [ { "userId": "%s" } ], "theirs": [ { "contactId": "%s" } ] }
                """.formatted(sales.id(), deal.contactId()), null);
        startSigning(sales.client(), deal.id());
        var before = sales.client().get(contractPath + "/signing").json();
        assertThat(before.path("partiesChanged").size()).isZero();
        String customerPath = "/api/v1/customers/" + deal.customerId();
        String oldName = sales.client().get(customerPath).json().path("name").asString();
        String newName = unique("杭州云帆数字科技有限公司");
        var renamed = sales.client().patch(customerPath, "{\"name\": \"" + newName + "\"}",
                sales.client().get(customerPath).header("ETag"));
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);

        // the owner sees it before anyone tries to sign
        var status = sales.client().get(contractPath + "/signing").json();
        assertThat(status.path("status").asString()).isEqualTo("OPEN");
        assertThat(status.path("partiesChanged").get(0).path("field").asString()).isEqualTo("customer.name");
        assertThat(status.path("partiesChanged").get(0).path("message").asString())
                .isEqualTo("甲方名称：文本为“" + oldName + "”，现在的记录为“" + newName + "”");
        var browser = new io.qiyue.testing.Browser(port).login(sales.username(), USER_PASSWORD);
        var page = browser.get("/contracts/" + deal.id() + "/sign");
        assertThat(page.body()).contains("id=\"round-blocked\"", newName, "id=\"paper-acknowledge\"")
                .as("no request is offered to be sent again").doesNotContain("class=\"btn btn-link btn-sm p-0 reissue\"");
        String theirId = signer(status, "THEIRS").path("id").asString();
        var reissued = sales.client().post(contractPath + "/signers/" + theirId + "/reissue", "{}");
        assertProblem(reissued, 409, "customer.name");

        // the customer opening the link reads why, gets no code, is refused; the owner is told (once, however often)
        String token = link(deal);
        assertThat(anonymous().get("/s/" + token).body()).contains("id=\"signing-blocked\"", newName)
                .doesNotContain("id=\"send-code\"");
        var noCode = form(token, "code", Map.of());
        assertThat(noCode.status()).as("%s", noCode).isEqualTo(409);
        var theirs = form(token, "sign", Map.of("code", "123456", "typedName", "李四"));
        assertThat(theirs.status()).as("%s", theirs).isEqualTo(409);
        var ours = sales.client().post(contractPath + "/signatures", "{\"password\": \"" + USER_PASSWORD + "\"}");
        assertProblem(ours, 409, "customer.name");
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode told = null;
        while (told == null && System.nanoTime() < until) {
            for (var n : sales.client().get("/api/v1/notifications?size=200").json().path("items")) {
                if (n.path("kind").asString().equals("SIGNING_BLOCKED") && deal.id().equals(n.path("contractId").asString())) {
                    told = n;
                }
            }
        }
        assertThat(told).as("the owner is told").isNotNull();
        assertThat(told.path("body").asString()).contains(newName, "取消本轮签署");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_event WHERE contract_id = ? AND kind = 'PARTIES_CHANGED'")
                .param(deal.id()).query(Integer.class).single()).as("recorded once").isEqualTo(1);

        // paper: refused without the acknowledgement, kept with it, and the acknowledgement is evidence
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        var image = new java.awt.image.BufferedImage(40, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(7, 7, new java.security.SecureRandom().nextInt(0xFFFFFF));
        var out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        byte[] scan = out.toByteArray();
        var unacknowledged = multipartForm(sales.client(), contractPath + "/paper-signed",
                Map.of("signingDate", today), "file", "scan.png", scan);
        assertProblem(unacknowledged, 409, "customer.name");
        assertThat(unacknowledged.json().path("detail").asString()).contains(oldName, newName, "确认");
        assertThat(contractStatus(deal.id())).isEqualTo("SIGNING");
        var acknowledged = multipartForm(sales.client(), contractPath + "/paper-signed",
                Map.of("signingDate", today, "acknowledgeChangedParticulars", "true"), "file", "scan.png", scan);
        assertThat(acknowledged.status()).as("%s", acknowledged).isEqualTo(200);
        assertThat(contractStatus(deal.id())).isEqualTo("SIGNED");
        assertThat(acknowledged.json().path("partiesChanged").size()).as("a closed round is blocked no more").isZero();
        String detail = jdbc.sql("SELECT detail FROM signing_event WHERE contract_id = ? AND kind = 'PAPER_SIGNED'")
                .param(deal.id()).query(String.class).single();
        assertThat(detail).contains("登记人确认", oldName, newName);
        assertThat(admin().get("/api/v1/audit?entity=CONTRACT&id=" + deal.id()).body()).contains("登记人确认");
    }

    /** The contents of the stamps added on a page at signing (names, dates, seals' strips). */
    static java.util.List<String> stamps(org.apache.pdfbox.pdmodel.PDDocument doc, int pageIndex) throws IOException {
        return doc.getPage(pageIndex).getAnnotations().stream()
                .filter(a -> a instanceof org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationRubberStamp)
                .map(a -> a.getContents()).toList();
    }

    static String text(byte[] pdf) throws IOException {
        try (var doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("[\\s\\u3000]+", "");
        }
    }

    @Test
    void paperSigningKeepsTheScanBesideTheFrozenOriginal() throws IOException {
        var sales = createUser("SALES", null);
        var deal = approved(sales.client());
        startSigning(sales.client(), deal.id());
        byte[] frozen = bytes(sales.client(), "/api/v1/contracts/" + deal.id() + "/signing-document");
        assertThat(new String(frozen, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

        var future = multipartForm(sales.client(), "/api/v1/contracts/" + deal.id() + "/paper-signed",
                Map.of("signingDate", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(3).toString()), "file", "scan.pdf", frozen);
        assertProblem(future, 400, "signingDate");
        var ourOwnFile = multipartForm(sales.client(), "/api/v1/contracts/" + deal.id() + "/paper-signed",
                Map.of("signingDate", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString()), "file", "scan.pdf", frozen);
        assertProblem(ourOwnFile, 400, "file");
        var notAScan = multipartForm(sales.client(), "/api/v1/contracts/" + deal.id() + "/paper-signed",
                Map.of("signingDate", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString()), "file", "scan.pdf", "hello".getBytes());
        assertProblem(notAScan, 400, "file");
        // found by an outside tester: a file that only begins like a PDF was kept as the signed contract
        var damaged = multipartForm(sales.client(), "/api/v1/contracts/" + deal.id() + "/paper-signed",
                Map.of("signingDate", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString()), "file", "scan.pdf",
                "%PDF-1.4 garbage".getBytes(StandardCharsets.US_ASCII));
        assertProblem(damaged, 400, "file");
        assertThat(damaged.json().path("errors").toString()).as("refused as a version upload is")
                .contains("文件已损坏");
        // found by an outside tester: another contract's document, downloaded, was taken as this one's signed scan
        var other = approved(sales.client());
        byte[] othersPdf = bytes(sales.client(), "/api/v1/contracts/" + other.id() + "/document?format=pdf");
        var othersFile = multipartForm(sales.client(), "/api/v1/contracts/" + deal.id() + "/paper-signed",
                Map.of("signingDate", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString()), "file", "scan.pdf",
                othersPdf);
        assertProblem(othersFile, 400, "file");
        assertThat(othersFile.json().path("errors").toString()).contains("另一份合同", other.number());
        var viewer = createUser("VIEWER", null);
        var refused = multipartForm(viewer.client(), "/api/v1/contracts/" + deal.id() + "/paper-signed",
                Map.of("signingDate", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString()), "file", "scan.pdf", frozen);
        assertThat(refused.status()).as("%s", refused).isIn(403, 404);
        assertThat(contractStatus(deal.id())).isEqualTo("SIGNING");

        byte[] scan = SealPng.red();
        var paper = multipartForm(sales.client(), "/api/v1/contracts/" + deal.id() + "/paper-signed",
                Map.of("signingDate", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString()), "file", "scan.png", scan);
        assertThat(paper.status()).as("%s", paper).isEqualTo(200);
        assertThat(paper.json().path("method").asString()).isEqualTo("PAPER");
        assertThat(paper.json().path("signedOn").asString()).isEqualTo(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString());
        assertThat(contractStatus(deal.id())).isEqualTo("SIGNED");
        assertThat(bytes(sales.client(), "/api/v1/contracts/" + deal.id() + "/signed-document")).isEqualTo(scan);
        assertThat(bytes(sales.client(), "/api/v1/contracts/" + deal.id() + "/signing-document")).isEqualTo(frozen);
    }

    @Test
    void forgedUsedExpiredAndLockedLinksOpenNothing() {
        var sales = createUser("SALES", null);
        String forged = "A".repeat(43);
        var notFound = anonymous().get("/s/" + forged);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(anonymous().get("/s/short").body()).isEqualTo(notFound.body());

        var deal = approved(sales.client());
        sales.client().put("/api/v1/contracts/" + deal.id() + "/signers", """
                { "order": "PARALLEL", "ours": [ { "userId": "%s" } ], "theirs": [ { "contactId": "%s" } ] }
                """.formatted(sales.id(), deal.contactId()), null);
        startSigning(sales.client(), deal.id());
        String token = link(deal);
        sendCode(token);
        for (int i = 0; i < 2; i++) {
            var wrong = form(token, "sign", Map.of("code", "000000", "typedName", "李四"));
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.body()).as("a wrong code is not given back").doesNotContain("value=\"000000\"");
        }
        // nor one never checked, refused for another field first (outside tester)
        var unchecked = form(token, "sign", Map.of("code", "999999", "typedName", " "));
        assertThat(unchecked.status()).isEqualTo(400);
        assertThat(unchecked.body()).doesNotContain("value=\"999999\"");
        var locked = form(token, "sign", Map.of("code", "000001", "typedName", "李四"));
        assertThat(locked.status()).isEqualTo(409);
        assertThat(anonymous().get("/s/" + token).status()).as("three wrong codes lock the link").isEqualTo(404);
        var status = sales.client().get("/api/v1/contracts/" + deal.id() + "/signing").json();
        String lockedId = signer(status, "THEIRS").path("id").asString();
        assertThat(signer(status, "THEIRS").path("status").asString()).isEqualTo("LOCKED");

        // the first invitation, not sent yet (no mail server), would go out with a link that opens nothing
        String firstMail = "SELECT status FROM notification_outbox WHERE target = ? AND payload LIKE ?";
        jdbc.sql("UPDATE notification_outbox SET status = 'PENDING', next_attempt_at = ? WHERE target = ? AND payload LIKE ?")
                .params(io.qiyue.shared.persistence.DbTime.toDb(Instant.now().plus(Duration.ofHours(1))),
                        deal.contactEmail(), "%" + token + "%").update();
        var reissued = sales.client().post("/api/v1/contracts/" + deal.id() + "/signers/" + lockedId + "/reissue", "{}");
        assertThat(reissued.status()).as("%s", reissued).isEqualTo(200);
        String fresh = link(deal);
        assertThat(fresh).isNotEqualTo(token);
        assertThat(anonymous().get("/s/" + fresh).status()).isEqualTo(200);
        // the replaced request cannot be sent again, said in words (outside tester: "VOID" cannot become "PENDING")
        var again = sales.client().post("/api/v1/contracts/" + deal.id() + "/signers/" + lockedId + "/reissue", "{}");
        assertProblem(again, 409);
        assertThat(again.json().path("detail").asString()).contains("已作废", "当前的签署人").doesNotContain("VOID");
        assertThat(jdbc.sql(firstMail).params(deal.contactEmail(), "%" + token + "%").query(String.class).list())
                .as("the mail with the replaced link").containsOnly("CANCELLED");
        assertThat(jdbc.sql(firstMail).params(deal.contactEmail(), "%" + fresh + "%").query(String.class).single())
                .isNotEqualTo("CANCELLED");

        var result = signingCalendar.runAt(Instant.now().plus(Duration.ofDays(31)));
        assertThat(result.expired()).isPositive();
        assertThat(anonymous().get("/s/" + fresh).status()).as("an expired link opens nothing").isEqualTo(404);
        assertThat(contractStatus(deal.id())).isEqualTo("APPROVED");
        assertThat(sales.client().get("/api/v1/contracts/" + deal.id() + "/signing").json().path("status").asString())
                .isEqualTo("EXPIRED");
    }

    @Test
    void theSignersAreTheOwnersToSetAndAreChecked() {
        var sales = createUser("SALES", null);
        var other = createUser("SALES", null);
        var deal = approved(sales.client());
        assertProblem(other.client().put("/api/v1/contracts/" + deal.id() + "/signers",
                "{\"order\": \"PARALLEL\", \"ours\": [], \"theirs\": []}", null), 404);
        var bad = sales.client().put("/api/v1/contracts/" + deal.id() + "/signers", """
                { "order": "PARALLEL", "ours": [ { "userId": "nobody" } ], "theirs": [ { "contactId": "nobody" } ],
                  "oursRequired": 5, "expiresInDays": 400 }
                """, null);
        assertProblem(bad, 400, "ours[0].userId", "theirs[0].contactId", "oursRequired", "expiresInDays");
        var viewer = createUser("VIEWER", null);
        var readOnly = sales.client().put("/api/v1/contracts/" + deal.id() + "/signers", """
                { "order": "PARALLEL", "ours": [ { "userId": "%s" } ], "theirs": [] }
                """.formatted(viewer.id()), null);
        assertProblem(readOnly, 400, "ours[0].userId");
        assertThat(readOnly.json().path("errors").toString()).contains("只读");
        var first = sales.client().put("/api/v1/contracts/" + deal.id() + "/signers", """
                { "order": "PARALLEL", "ours": [ { "userId": "%s" } ], "theirs": [ { "contactId": "%s" } ] }
                """.formatted(sales.id(), deal.contactId()), null);
        assertThat(first.status()).isEqualTo(200);
        assertProblem(sales.client().put("/api/v1/contracts/" + deal.id() + "/signers",
                "{\"order\": \"OURS_FIRST\"}", null), 428);
        assertProblem(sales.client().put("/api/v1/contracts/" + deal.id() + "/signers",
                "{\"order\": \"OURS_FIRST\"}", "\"7\""), 412);
    }

    /** Found by an outside tester: once our side had signed, no customer signer could be added to the round. */
    @Test
    void aCustomerSignerIsAddedAfterOurSideSignedWhileOurSideStaysAsItSigned() {
        var sales = createUser("SALES", null);
        var deal = approved(sales.client());
        String signers = "/api/v1/contracts/" + deal.id() + "/signers";
        String planned = """
                { "order": "%s", "ours": [ %s ], "theirs": [ %s ] }""";
        String us = "{ \"userId\": \"" + sales.id() + "\" }";
        String first = "{ \"contactId\": \"" + deal.contactId() + "\" }";
        assertThat(sales.client().put(signers, planned.formatted("OURS_FIRST", us, first), null).status()).isEqualTo(200);
        startSigning(sales.client(), deal.id());
        var ours = sales.client().post("/api/v1/contracts/" + deal.id() + "/signatures",
                "{\"password\": \"" + USER_PASSWORD + "\"}");
        assertThat(ours.status()).as("%s", ours).isEqualTo(200);
        String firstLink = link(deal);
        assertThat(firstLink).isNotNull();

        String email = unique("wangwu") + "@example.cn";
        var contact = sales.client().post("/api/v1/customers/" + deal.customerId() + "/contacts", """
                { "name": "王五", "email": "%s", "mobile": "%s" }""".formatted(email,
                io.qiyue.testing.TestIdentifiers.mobile()));
        assertThat(contact.status()).as("%s", contact).isEqualTo(201);
        String second = "{ \"contactId\": \"" + contact.json().path("id").asString() + "\" }";
        String etag = sales.client().get(signers).header("ETag");
        // the side that signed keeps its signers and the order stays
        String colleague = "{ \"userId\": \"" + createUser("SALES", null).id() + "\" }";
        assertProblem(sales.client().put(signers, planned.formatted("OURS_FIRST", us + ", " + colleague, first + ", "
                + second), etag), 409);
        assertProblem(sales.client().put(signers, planned.formatted("PARALLEL", us, first + ", " + second), etag), 409);
        // nor may the customer's side be left without signers: the round could then never complete
        assertProblem(sales.client().put(signers, planned.formatted("OURS_FIRST", us, ""), etag), 400, "theirs");
        // the same signers said another way (one of one): stored, and nobody is asked again (outside tester: an
        // unchanged plan voided the customer's link)
        var same = sales.client().put(signers, planned.formatted("OURS_FIRST", us, first).replace("\"theirs\"",
                "\"oursRequired\": 1, \"theirs\""), etag);
        assertThat(same.status()).as("%s", same).isEqualTo(200);
        assertThat(link(deal)).isEqualTo(firstLink);
        assertThat(anonymous().get("/s/" + firstLink).status()).isEqualTo(200);
        etag = same.header("ETag");

        var added = sales.client().put(signers, planned.formatted("OURS_FIRST", us, first + ", " + second), etag);
        assertThat(added.status()).as("%s", added).isEqualTo(200);
        var status = sales.client().get("/api/v1/contracts/" + deal.id() + "/signing").json();
        assertThat(signer(status, "OURS").path("status").asString()).isEqualTo("SIGNED");
        var pending = new java.util.ArrayList<String>();
        status.path("signers").forEach(s -> {
            if (s.path("side").asString().equals("THEIRS") && s.path("status").asString().equals("PENDING")) {
                pending.add(s.path("name").asString());
            }
        });
        assertThat(pending).containsExactly("李四", "王五");

        // only the new customer signer was asked: the first keeps the link they have (outside tester: both were
        // asked anew), and both sign
        assertThat(link(deal)).isEqualTo(firstLink);
        assertThat(anonymous().get("/s/" + firstLink).status()).isEqualTo(200);
        sendCode(firstLink);
        assertThat(multipartForm(anonymous(), "/s/" + firstLink + "/sign", Map.of("code", code(deal), "typedName", "李四"),
                "sealImage", "seal.png", SealPng.red()).status()).isEqualTo(200);
        String secondLink = linkFor(email, deal.number());
        sendCode(secondLink);
        assertThat(multipartForm(anonymous(), "/s/" + secondLink + "/sign", Map.of("code", codeFor(email, deal.number()),
                "typedName", "王五"), "sealImage", "seal.png", SealPng.red()).status()).isEqualTo(200);
        var done = sales.client().get("/api/v1/contracts/" + deal.id() + "/signing").json();
        assertThat(done.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(sales.client().get("/api/v1/contracts/" + deal.id() + "/signatures").json().path("items").size())
                .isEqualTo(3);
    }

    /** Found by an outside tester: the plan GET answered came back from PUT as unknown fields "version", "stored". */
    @Test
    void whatGetAnswersForTheSignersMayBePutBack() {
        var sales = createUser("SALES", null);
        var deal = approved(sales.client());
        String signers = "/api/v1/contracts/" + deal.id() + "/signers";
        var proposed = sales.client().get(signers);
        assertThat(proposed.json().path("stored").asBoolean()).isFalse();
        var first = sales.client().put(signers, proposed.body(), null);
        assertThat(first.status()).as("the default plan put back as it is: %s", first).isEqualTo(200);
        assertThat(first.json().path("stored").asBoolean()).isTrue();

        var read = sales.client().get(signers);
        var again = sales.client().put(signers, read.body(), read.header("ETag"));
        assertThat(again.status()).as("the stored plan put back as it is: %s", again).isEqualTo(200);
        assertThat(again.header("ETag")).as("nothing changed, nothing stored").isEqualTo(read.header("ETag"));
        var changed = (tools.jackson.databind.node.ObjectNode) again.json();
        changed.put("stored", false);
        assertProblem(sales.client().put(signers, changed.toString(), again.header("ETag")), 400, "stored");
        changed.put("stored", true).put("version", 0);
        assertProblem(sales.client().put(signers, changed.toString(), again.header("ETag")), 412);
    }

    /** Found by an outside tester: the default plan named the owner, whose signature the seals then refused. */
    @Test
    void withoutAPlanOurSignatoryIsWhoMayUseTheSealsWhenTheOwnerMayNot() {
        var sales = createUser("SALES", null);
        var keeper = createUser("LEGAL", null);
        String entity = freshEntity();
        var seal = SealApiContract.upload(admin(), entity, "seal.png", SealPng.red(), "CONTRACT", "合同专用章",
                keeper.username());
        assertThat(seal.status()).as("%s", seal).isEqualTo(201);
        var deal = approved(sales.client(), entity);
        var plan = sales.client().get("/api/v1/contracts/" + deal.id() + "/signers");
        assertThat(plan.status()).as("%s", plan).isEqualTo(200);
        assertThat(plan.json().path("ours").get(0).path("userId").asString()).isEqualTo(keeper.id());

        startSigning(sales.client(), deal.id());
        var status = sales.client().get("/api/v1/contracts/" + deal.id() + "/signing").json();
        assertThat(signer(status, "OURS").path("username").asString()).isEqualTo(keeper.username());
        var signed = keeper.client().post("/api/v1/contracts/" + deal.id() + "/signatures",
                "{\"password\": \"" + USER_PASSWORD + "\"}");
        assertThat(signed.status()).as("%s", signed).isEqualTo(200);
        assertThat(signer(signed.json(), "OURS").path("sealName").asString()).isEqualTo("合同专用章");

        // an entity without seals: the owner signs with a name stamp, as before
        var plain = approved(sales.client());
        assertThat(sales.client().get("/api/v1/contracts/" + plain.id() + "/signers").json().path("ours").get(0)
                .path("userId").asString()).isEqualTo(sales.id());
    }

    /**
     * Found by an outside tester: forwarding handed our signature to a viewer, who then signed for us; an empty
     * body was a 500. Whoever is forwarded the signature is checked as the plan checks our signers.
     */
    @Test
    void forwardingHandsOurSignatureOnlyToWhoMaySignForUs() {
        var sales = createUser("SALES", null);
        var keeper = createUser("LEGAL", null);
        var sealless = createUser("LEGAL", null);
        var viewer = createUser("VIEWER", null);
        var deal = approvedWithContractSealFor(sales, keeper);
        var plan = sales.client().put("/api/v1/contracts/" + deal.id() + "/signers", """
                { "order": "OURS_FIRST", "ours": [ { "userId": "%s" } ], "theirs": [ { "contactId": "%s" } ],
                  "allowForward": true }
                """.formatted(sales.id(), deal.contactId()), null);
        assertThat(plan.status()).as("%s", plan).isEqualTo(200);
        startSigning(sales.client(), deal.id());
        String forward = "/api/v1/contracts/" + deal.id() + "/signers/forward";

        assertProblem(sales.client().post(forward, "{}"), 400, "userId");
        var toViewer = sales.client().post(forward, "{\"userId\": \"" + viewer.id() + "\"}");
        assertProblem(toViewer, 400, "userId");
        assertThat(toViewer.json().path("errors").toString()).contains("只读");
        var toSealless = sales.client().post(forward, "{\"userId\": \"" + sealless.id() + "\"}");
        assertProblem(toSealless, 400, "userId");
        assertThat(toSealless.json().path("errors").toString()).contains("印章");
        assertProblem(sales.client().post(forward, "{\"userId\": \"nobody\"}"), 400, "userId");
        assertProblem(sales.client().post(forward, "{\"userId\": \"" + sales.id() + "\"}"), 400, "userId");
        assertThat(viewer.client().post("/api/v1/contracts/" + deal.id() + "/signatures",
                "{\"password\": \"" + USER_PASSWORD + "\"}").status()).isIn(403, 404);
        assertThat(signer(sales.client().get("/api/v1/contracts/" + deal.id() + "/signing").json(), "OURS")
                .path("username").asString()).as("the refusals left the signature where it was")
                .isEqualTo(sales.username());

        var forwarded = sales.client().post(forward, "{\"userId\": \"" + keeper.id() + "\"}");
        assertThat(forwarded.status()).as("%s", forwarded).isEqualTo(200);
        var signed = keeper.client().post("/api/v1/contracts/" + deal.id() + "/signatures",
                "{\"password\": \"" + USER_PASSWORD + "\"}");
        assertThat(signed.status()).as("%s", signed).isEqualTo(200);
        assertThat(signed.json().path("signers").toString()).as("the colleague signed")
                .contains("\"username\":\"" + keeper.username() + "\"");
        assertThat(signed.json().path("signers").findValuesAsString("status")).contains("FORWARDED", "SIGNED");
    }

    /**
     * Found by an outside tester: a signer demoted to viewer after the plan was made still signed for us, and a
     * customer blacklisted during the round still signed. Both are checked again at each signature.
     */
    @Test
    void aSignerDemotedSinceThePlanAndACustomerBlacklistedMeanwhileSignNothing() {
        var sales = createUser("SALES", null);
        var keeper = createUser("LEGAL", null);
        var deal = approvedWithContractSealFor(sales, keeper);
        var plan = sales.client().put("/api/v1/contracts/" + deal.id() + "/signers", """
                { "order": "OURS_FIRST", "ours": [ { "userId": "%s" } ], "theirs": [ { "contactId": "%s" } ] }
                """.formatted(keeper.id(), deal.contactId()), null);
        assertThat(plan.status()).as("%s", plan).isEqualTo(200);
        startSigning(sales.client(), deal.id());
        String signatures = "/api/v1/contracts/" + deal.id() + "/signatures";

        setRoles(keeper, "VIEWER");
        var refused = keeper.client().post(signatures, "{\"password\": \"" + USER_PASSWORD + "\"}");
        assertProblem(refused, 403);
        assertThat(refused.body()).contains("只读");

        setRoles(keeper, "LEGAL");
        // a seal id that is none of the company's is a mistake in the request, not a refusal
        var noSuchSeal = keeper.client().post(signatures, "{\"password\": \"" + USER_PASSWORD
                + "\", \"sealId\": \"nope\"}");
        assertProblem(noSuchSeal, 400, "sealId");
        // named by its label (outside tester: "sealId：引用的对象不存在：nope")
        assertThat(noSuchSeal.json().path("detail").asString()).isEqualTo("印章：引用的对象不存在：nope");
        String customerPath = "/api/v1/customers/" + deal.customerId();
        var blacklisted = admin().request("PATCH", customerPath).header("If-Match", admin().get(customerPath).header("ETag"))
                .body("application/merge-patch+json", "{\"status\": \"BLACKLISTED\"}").send();
        assertThat(blacklisted.status()).as("%s", blacklisted).isEqualTo(200);
        var blocked = keeper.client().post(signatures, "{\"password\": \"" + USER_PASSWORD + "\"}");
        assertProblem(blocked, 409);
        assertThat(blocked.body()).contains("黑名单");
        assertThat(signer(sales.client().get("/api/v1/contracts/" + deal.id() + "/signing").json(), "OURS")
                .path("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteASignedFile() {
        var sales = createUser("SALES", null);
        var deal = approved(sales.client());
        startSigning(sales.client(), deal.id());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                "UPDATE signing_document SET sha256 = 'x' WHERE contract_id = ?").param(deal.id()).update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                "DELETE FROM signing_document WHERE contract_id = ?").param(deal.id()).update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_document WHERE contract_id = ?").param(deal.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    // ---- fixtures

    /** A contract of {@code as} starting tomorrow, submitted and approved as the approval module approves. */
    /** A contract of {@code owner}'s approved for an entity of its own whose contract seal these two may use. */
    Deal approvedWithContractSealFor(TestUser owner, TestUser other) {
        String entity = freshEntity();
        var seal = SealApiContract.upload(admin(), entity, "seal.png", SealPng.red(), "CONTRACT", "合同专用章",
                owner.username() + "," + other.username());
        assertThat(seal.status()).as("%s", seal).isEqualTo(201);
        return approved(owner.client(), entity);
    }

    Deal approved(ApiClient as) {
        return approved(as, freshEntity());
    }

    Deal approved(ApiClient as, String entityId) {
        var customer = createOrganization(as);
        String customerId = customer.path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique("签署测试"), customerId, entityId);
        LocalDate start = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1);
        body.put("startDate", start.toString());
        body.put("endDate", start.plusYears(1).minusDays(1).toString());
        var created = createContract(as, body);
        String id = created.path("id").asString();
        acceptWarnings(as, id);
        String etag = as.get("/api/v1/contracts/" + id).header("ETag");
        var submitted = as.request("POST", "/api/v1/contracts/" + id + "/submit").header("If-Match", etag).json("{}")
                .send();
        assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);
        if (!contractStatus(id).equals("APPROVED")) {
            contracts.advance(id, ContractAction.APPROVE, "同意", "admin");
        }
        var contact = customer.path("contacts").get(0);
        return new Deal(id, created.path("number").asString(), customerId, contact.path("id").asString(),
                contact.path("email").asString(), start);
    }

    /** An our-entity of the test's own: seals that other tests give the shared one do not decide who may sign. */
    String freshEntity() {
        var created = admin().post("/api/v1/our-entities", """
                { "name": "%s", "creditCode": "%s", "address": "上海市浦东新区世纪大道100号",
                  "legalRepresentative": "王五", "bankName": "中国工商银行上海分行", "bankAccount": "1001234567890123" }
                """.formatted(unique("契约签署测试有限公司"), io.qiyue.testing.TestIdentifiers.creditCode()));
        assertThat(created.status()).as("create our entity: %s", created).isEqualTo(201);
        return created.json().path("id").asString();
    }

    void startSigning(ApiClient as, String id) {
        String etag = as.get("/api/v1/contracts/" + id).header("ETag");
        var started = as.request("POST", "/api/v1/contracts/" + id + "/signing").header("If-Match", etag).json("{}")
                .send();
        assertThat(started.status()).as("%s", started).isEqualTo(200);
    }

    String contractStatus(String id) {
        return admin().get("/api/v1/contracts/" + id).json().path("status").asString();
    }

    static JsonNode signer(JsonNode status, String side) {
        for (JsonNode signer : status.path("signers")) {
            if (signer.path("side").asString().equals(side) && !signer.path("status").asString().equals("VOID")) {
                return signer;
            }
        }
        throw new AssertionError("no " + side + " signer in " + status);
    }

    /** The latest signing link e-mailed for the contract, or null. */
    String link(Deal deal) {
        return linkFor(deal.contactEmail(), deal.number());
    }

    String linkFor(String email, String number) {
        var mails = jdbc.sql("SELECT payload FROM notification_outbox WHERE target = ? ORDER BY created_at DESC, id")
                .param(email).query(String.class).list();
        for (String mail : mails) {
            Matcher m = LINK.matcher(mail);
            if (mail.contains(number) && m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    String code(Deal deal) {
        return codeFor(deal.contactEmail(), deal.number());
    }

    String codeFor(String email, String number) {
        var mails = jdbc.sql("SELECT payload FROM notification_outbox WHERE target = ? ORDER BY created_at DESC, id")
                .param(email).query(String.class).list();
        for (String mail : mails) {
            Matcher m = CODE.matcher(mail);
            if (mail.contains(number) && m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no code e-mailed to " + email + " for " + number);
    }

    void sendCode(String token) {
        var sent = form(token, "code", Map.of());
        assertThat(sent.status()).as("%s", sent).isEqualTo(302);
    }

    HttpResponse form(String token, String action, Map<String, String> fields) {
        var body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return anonymous().request("POST", "/s/" + token + "/" + action)
                .body("application/x-www-form-urlencoded", body.toString()).send();
    }

    static HttpResponse multipartForm(ApiClient as, String path, Map<String, String> fields, String fileField,
                                      String fileName, byte[] content) {
        var out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return as.request("POST", path).bytes("multipart/form-data; boundary=" + BOUNDARY, out.toByteArray()).send();
    }

    JsonNode verify(ApiClient as, byte[] pdf) {
        var verified = multipartForm(as, "/api/v1/signatures/verify", Map.of(), "file", "contract.pdf", pdf);
        assertThat(verified.status()).as("%s", verified).isEqualTo(200);
        return verified.json();
    }

    static byte[] bytes(ApiClient as, String path) {
        var response = as.request("GET", path).sendForBytes();
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    /** Checks every signature with poppler's pdfsig where it is installed (CI installs poppler-utils). */
    static final class Pdfsig {
        static void assertAllValid(byte[] pdf, int expected) throws IOException {
            Path pdfsig = Path.of("/usr/bin/pdfsig");
            if (!Files.isExecutable(pdfsig)) {
                if ("true".equals(System.getenv("CI"))) {
                    throw new AssertionError("pdfsig is not installed (poppler-utils)");
                }
                System.err.println("pdfsig not installed: skipping the poppler check");
                return;
            }
            Path file = Files.createTempFile("qiyue-signed", ".pdf");
            try {
                Files.write(file, pdf);
                var process = new ProcessBuilder(pdfsig.toString(), file.toString()).redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor();
                assertThat(out.split("Signature is Valid", -1).length - 1).as(out).isEqualTo(expected);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /** A small transparent PNG with a red ring: a seal image as customers upload them. */
    static final class SealPng {
        static byte[] red() {
            var image = new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_INT_ARGB);
            var g = image.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new java.awt.Color(0xD0, 0x10, 0x10));
            g.setStroke(new java.awt.BasicStroke(10));
            g.drawOval(10, 10, 180, 180);
            g.fillPolygon(new int[]{100, 112, 145, 118, 128, 100, 72, 82, 55, 88}, new int[]{55, 88, 88, 108, 142, 122,
                    142, 108, 88, 88}, 10);
            g.dispose();
            var out = new ByteArrayOutputStream();
            try {
                javax.imageio.ImageIO.write(image, "png", out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
