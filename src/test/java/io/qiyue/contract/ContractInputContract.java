package io.qiyue.contract;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to the contract API: every refusal is a 4xx problem+json naming the field, in the caller's
 * language, and stores nothing (counted through the list API before and after).
 */
abstract class ContractInputContract extends ApiTestSupport {
    private String customerId;

    @BeforeEach
    void customer() {
        customerId = createOrganization(admin()).path("id").asString();
    }

    private ObjectNode valid(String type) {
        return ContractSamples.contract(type, unique("合同"), customerId, ourEntityId());
    }

    /** Posts the body and asserts a 400 naming {@code field}, with nothing stored. */
    private HttpResponse refused(String body, String field) {
        long before = contractCount();
        var response = admin().post("/api/v1/contracts", body);
        assertProblem(response, 400, field);
        assertThat(contractCount()).as("contracts stored after %s", response).isEqualTo(before);
        return response;
    }

    @Test
    void refusesMalformedJson() {
        long before = contractCount();
        String body = valid("SERVICE").toString();

        var truncated = admin().post("/api/v1/contracts", body.substring(0, body.length() / 2));
        var trailingGarbage = admin().post("/api/v1/contracts", body + " {");
        var empty = admin().post("/api/v1/contracts", "");

        assertProblem(truncated, 400);
        assertProblem(trailingGarbage, 400);
        assertProblem(empty, 400);
        assertThat(contractCount()).isEqualTo(before);
    }

    @Test
    void refusesWrongTypesNamingTheField() {
        var body = valid("SERVICE");
        body.put("autoRenew", "yes please");
        refused(body.toString(), "autoRenew");

        body = valid("SERVICE");
        body.put("renewalNoticeDays", "thirty");
        refused(body.toString(), "renewalNoticeDays");

        body = valid("SERVICE");
        body.put("startDate", "2027/01/01");
        refused(body.toString(), "startDate");

        body = valid("SERVICE");
        body.put("title", 42.5);
        body.putArray("terms");
        var response = admin().post("/api/v1/contracts", body.toString());
        assertProblem(response, 400);

        body = valid("SERVICE");
        ((ObjectNode) body.path("terms").path("service")).put("items", "服务器巡检");
        refused(body.toString(), "terms.service.items");

        body = valid("SERVICE");
        ((ObjectNode) body.path("amount")).put("value", "12.345");
        refused(body.toString(), "amount.value");

        body = valid("SERVICE");
        ((ObjectNode) body.path("amount")).put("value", "-1.00");
        refused(body.toString(), "amount.value");

        body = valid("SERVICE");
        ((ObjectNode) body.path("amount")).put("currency", "USD");
        refused(body.toString(), "amount.currency");
    }

    @Test
    void refusesUnknownEnumValuesNamingTheField() {
        var body = valid("SERVICE");
        body.put("type", "LEASE");
        refused(body.toString(), "type");

        body = valid("SERVICE");
        ((ObjectNode) body.path("terms").path("dispute")).put("method", "DUEL");
        refused(body.toString(), "terms.dispute.method");

        body = valid("MAINTENANCE");
        ((ObjectNode) body.path("terms").path("maintenance")).putArray("methods").add("TELEPATHY");
        refused(body.toString(), "terms.maintenance.methods[0]");
    }

    @Test
    void refusesUnknownFieldsNamingThem() {
        var body = valid("SERVICE");
        ((ObjectNode) body.path("terms").path("service")).put("foo", "bar");
        refused(body.toString(), "terms.service.foo");

        body = valid("SERVICE");
        body.put("discount", "10");
        refused(body.toString(), "discount");
    }

    @Test
    void refusesPartsThatDoNotBelongToTheType() {
        var body = valid("SERVICE");
        ((ObjectNode) body.path("terms")).putObject("maintenance").put("responseHours", 4);
        var response = refused(body.toString(), "terms.maintenance");
        assertThat(response.errorFields()).doesNotContain("terms.service");

        body = valid("CONFIDENTIALITY");
        ((ObjectNode) body.path("terms")).putArray("sharingMethods").add("API");
        refused(body.toString(), "terms.sharingMethods");

        body = valid("INFO_SHARING");
        ((ObjectNode) body.path("terms")).putObject("consulting").put("scope", "咨询");
        refused(body.toString(), "terms.consulting");
    }

    @Test
    void titleHasAtMost200Characters() {
        var body = valid("SERVICE");
        body.put("title", "合".repeat(201));
        refused(body.toString(), "title");

        body.put("title", "");
        refused(body.toString(), "title");

        body.put("title", "合".repeat(200));
        var accepted = admin().post("/api/v1/contracts", body.toString());
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(201);
        assertThat(accepted.json().path("title").asString()).hasSize(200);
    }

    @Test
    void refusesAnEndBeforeTheStart() {
        var body = valid("CONSULTING");
        body.put("startDate", "2027-06-01");
        body.put("endDate", "2027-05-31");
        refused(body.toString(), "endDate");

        body.put("endDate", "2027-06-01");
        assertThat(admin().post("/api/v1/contracts", body.toString()).status()).isEqualTo(201);
    }

    @Test
    void refusesUnknownReferencesAndMissingRequiredFields() {
        var body = valid("SERVICE");
        body.put("customerId", "00000000-0000-0000-0000-000000000000");
        body.put("ourEntityId", "00000000-0000-0000-0000-000000000001");
        var response = refused(body.toString(), "customerId");
        assertThat(response.errorFields()).contains("ourEntityId");

        body = valid("SERVICE");
        body.remove("type");
        body.remove("title");
        response = refused(body.toString(), "type");
        assertThat(response.errorFields()).contains("title");
    }

    @Test
    void refusesBodiesLargerThanOneMebibyte() {
        long before = contractCount();
        var body = valid("SERVICE");
        body.put("title", "x".repeat(1024 * 1024 + 10));
        String large = body.toString();

        var declared = admin().post("/api/v1/contracts", large);
        assertProblem(declared, 413);
        assertThat(declared.json().path("detail").asString()).as("in the caller's language, as every problem")
                .isEqualTo("请求内容超过 1024 KiB 的上限。");
        assertThat(declared.json().path("title").asString()).isEqualTo("请求内容过大");

        var chunked = admin().request("POST", "/api/v1/contracts")
                .chunked("application/json", () -> new ByteArrayInputStream(large.getBytes(StandardCharsets.UTF_8)))
                .send();
        assertProblem(chunked, 413);
        assertThat(contractCount()).isEqualTo(before);
    }

    @Test
    void speaksChineseByDefaultAndEnglishWhenAsked() {
        var body = valid("SERVICE");
        body.put("startDate", "2027-06-01");
        body.put("endDate", "2027-05-31");

        var chinese = admin().post("/api/v1/contracts", body.toString());
        var english = admin().withHeader("Accept-Language", "en").post("/api/v1/contracts", body.toString());
        var englishUs = admin().withHeader("Accept-Language", "en-US,en;q=0.9").post("/api/v1/contracts", body.toString());

        assertProblem(chinese, 400, "endDate");
        assertThat(chinese.errorMessages()).singleElement().asString().contains("结束日期");
        assertThat(chinese.json().path("title").asString()).matches(".*\\p{IsHan}.*");
        assertProblem(english, 400, "endDate");
        assertThat(english.errorMessages()).singleElement().asString()
                .contains("end date").doesNotContainPattern("\\p{IsHan}");
        assertThat(english.json().path("title").asString()).doesNotContainPattern("\\p{IsHan}");
        assertThat(englishUs.errorMessages()).isEqualTo(english.errorMessages());
        var chineseWeighted = admin().withHeader("Accept-Language", "en;q=0.1, zh;q=0.9").post("/api/v1/contracts",
                body.toString());
        assertThat(chineseWeighted.errorMessages()).isEqualTo(chinese.errorMessages());

        var tooLong = valid("SERVICE");
        tooLong.put("title", "x".repeat(201));
        var beanValidation = admin().withHeader("Accept-Language", "en").post("/api/v1/contracts", tooLong.toString());
        assertProblem(beanValidation, 400, "title");
        assertThat(beanValidation.errorMessages()).allSatisfy(m -> assertThat(m).doesNotContainPattern("\\p{IsHan}"));
        var beanValidationZh = admin().post("/api/v1/contracts", tooLong.toString());
        assertThat(beanValidationZh.errorMessages()).allSatisfy(m -> assertThat(m).containsPattern("\\p{IsHan}"));

        var unauthenticated = anonymous().withHeader("Accept-Language", "en").get("/api/v1/contracts");
        assertProblem(unauthenticated, 401);
        assertThat(unauthenticated.json().path("detail").asString()).contains("Authentication required");
        assertThat(anonymous().get("/api/v1/contracts").json().path("detail").asString()).contains("登录");
    }

    @Test
    void unsupportedMediaTypeAndMethodAreProblemsToo() {
        long before = contractCount();
        var xml = admin().request("POST", "/api/v1/contracts").body("application/xml", "<contract/>").send();
        assertProblem(xml, 415);
        var delete = admin().delete("/api/v1/contracts/" + createContract(admin(), "SERVICE").path("id").asString(),
                "\"1\"");
        assertProblem(delete, 405);
        assertProblem(admin().get("/api/v1/contracts/no-such-id"), 404);
        assertProblem(admin().get("/api/v1/no-such-resource"), 404);
        assertThat(contractCount()).isEqualTo(before + 1);
    }
}
