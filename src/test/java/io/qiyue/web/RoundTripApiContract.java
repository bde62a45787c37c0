package io.qiyue.web;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.TestIdentifiers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10, item 13: what GET returns can be edited and sent back with PUT, for every resource with a PUT.
 * Read-only fields are ignored when they equal the stored values and a 400 naming the field when they
 * differ ({@code version} a 412, like a stale If-Match); unknown fields stay a 400; a masked value sent back
 * unchanged leaves the stored value as it was.
 */
abstract class RoundTripApiContract extends ApiTestSupport {

    /**
     * GET → PUT of the same body → 200; then each given read-only field changed → 400 naming it, a stale
     * version → 412, an unknown field → 400; nothing of those is stored. Returns the answer of the PUT.
     */
    private JsonNode roundTrip(ApiClient as, String path, String... readOnly) {
        var got = as.get(path);
        assertThat(got.status()).as("GET %s: %s", path, got).isEqualTo(200);
        var put = as.put(path, got.body(), got.header("ETag"));
        assertThat(put.status()).as("PUT %s of what GET answered: %s", path, put).isEqualTo(200);

        var current = as.get(path);
        String etag = current.header("ETag");
        for (String field : readOnly) {
            var edited = (ObjectNode) current.json().deepCopy();
            JsonNode value = edited.get(field);
            assertThat(value).as("%s has %s", path, field).isNotNull();
            if (value.isNumber()) {
                edited.put(field, value.asInt() + 7);
            } else if (value.isBoolean()) {
                edited.put(field, !value.asBoolean());
            } else {
                edited.put(field, field.endsWith("At") ? "2020-01-01T00:00:00Z" : value.asString() + "-改");
            }
            assertProblem(as.put(path, edited.toString(), etag), 400, field);
        }
        var stale = (ObjectNode) current.json().deepCopy();
        if (stale.has("version")) {
            stale.put("version", stale.path("version").asInt() - 1);
            assertProblem(as.put(path, stale.toString(), etag), 412);
        }
        var unknown = (ObjectNode) current.json().deepCopy();
        unknown.put("noSuchField", "x");
        assertProblem(as.put(path, unknown.toString(), etag), 400, "noSuchField");
        assertThat(as.get(path).header("ETag")).as("refused PUTs of %s change nothing", path).isEqualTo(etag);
        return put.json();
    }

    @Test
    void customersAndContactsRoundTrip() {
        var sales = createUser("SALES", null).client();
        String id = createOrganization(sales).path("id").asString();
        roundTrip(sales, "/api/v1/customers/" + id, "id", "createdAt", "updatedAt", "personalInformationMasked");

        var contacts = sales.get("/api/v1/customers/" + id + "/contacts");
        var contact = contacts.json().path("items").get(0);
        var put = sales.put("/api/v1/customers/" + id + "/contacts/" + contact.path("id").asString(), contact.toString(),
                contacts.header("ETag"));
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.json().path("contacts").get(0)).isEqualTo(contact);
    }

    @Test
    void maskedValuesSentBackUnchangedKeepTheStoredValues() {
        var admin = admin();
        String mobile = TestIdentifiers.mobile();
        String idNumber = TestIdentifiers.idNumber();
        var body = JSON.createObjectNode();
        body.put("kind", "PERSON");
        body.put("name", unique("张三"));
        body.put("idNumber", idNumber);
        var contact = body.putArray("contacts").addObject();
        contact.put("name", "张三");
        contact.put("mobile", mobile);
        var created = admin.post("/api/v1/customers", body.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String path = "/api/v1/customers/" + created.json().path("id").asString();

        // what a reader who may not see them in clear is shown: 138****8000, 110101********1234
        var masked = (ObjectNode) created.json().deepCopy();
        masked.put("idNumber", idNumber.substring(0, 6) + "*".repeat(idNumber.length() - 10)
                + idNumber.substring(idNumber.length() - 4));
        ((ObjectNode) masked.path("contacts").get(0)).put("mobile", mobile.substring(0, 3) + "****" + mobile.substring(7));
        masked.put("address", "上海市徐汇区漕溪北路28号");
        var put = admin.put(path, masked.toString(), created.header("ETag"));
        assertThat(put.status()).as("%s", put).isEqualTo(200);

        var stored = admin.get(path).json();
        assertThat(stored.path("idNumber").asString()).isEqualTo(idNumber);
        assertThat(stored.path("contacts").get(0).path("mobile").asString()).isEqualTo(mobile);
        assertThat(stored.path("address").asString()).isEqualTo("上海市徐汇区漕溪北路28号");
    }

    @Test
    void contractsRoundTrip() {
        var sales = createUser("SALES", null).client();
        String id = createContract(sales, "SERVICE").path("id").asString();
        roundTrip(sales, "/api/v1/contracts/" + id, "id", "number", "status", "customerName", "createdAt", "createdBy");
        // PATCH takes the same fields: an unchanged read-only field is no error
        var got = sales.get("/api/v1/contracts/" + id);
        var patch = sales.patch("/api/v1/contracts/" + id, "{\"number\": \"" + got.json().path("number").asString()
                + "\", \"title\": \"改过的标题\"}", got.header("ETag"));
        assertThat(patch.status()).as("%s", patch).isEqualTo(200);
        assertThat(patch.json().path("title").asString()).isEqualTo("改过的标题");
        assertProblem(sales.patch("/api/v1/contracts/" + id, "{\"number\": \"QY-OTHER\"}", patch.header("ETag")), 400,
                "number");
    }

    @Test
    void ourEntitiesUsersAndTeamsRoundTrip() {
        var admin = admin();
        var entity = admin.post("/api/v1/our-entities", """
                { "name": "%s", "creditCode": "%s", "address": "上海市浦东新区世纪大道100号",
                  "bankName": "中国工商银行上海分行", "bankAccount": "1001234567890123" }
                """.formatted(unique("契约示例有限公司"), TestIdentifiers.creditCode()));
        assertThat(entity.status()).as("%s", entity).isEqualTo(201);
        roundTrip(admin, "/api/v1/our-entities/" + entity.json().path("id").asString(), "id", "createdAt");

        var user = createUser("SALES", null);
        roundTrip(admin, "/api/v1/users/" + user.id(), "id", "createdAt");
        roundTrip(admin, "/api/v1/teams/" + createTeam(), "id", "createdAt");
    }

    @Test
    void templatesAndClausesRoundTrip() {
        var admin = admin();
        var existing = admin.get("/api/v1/templates?type=SERVICE").json().path("items").get(0);
        var template = JSON.createObjectNode();
        template.put("type", "SERVICE");
        template.put("name", unique("模板"));
        template.put("body", existing.path("body").asString());
        template.put("active", false);
        var created = admin.post("/api/v1/templates", template.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        var saved = roundTrip(admin, "/api/v1/templates/" + created.json().path("id").asString(), "id", "createdAt",
                "createdBy");
        assertThat(saved.path("version").asInt()).as("a template saved unchanged keeps its version")
                .isEqualTo(created.json().path("version").asInt());

        var clause = admin.post("/api/v1/clauses", "{\"category\": \"GENERAL\", \"title\": \"%s\", \"text\": \"双方应友好协商。\"}"
                .formatted(unique("条款")));
        assertThat(clause.status()).as("%s", clause).isEqualTo(201);
        var savedClause = roundTrip(admin, "/api/v1/clauses/" + clause.json().path("id").asString(), "id", "createdAt",
                "createdBy");
        assertThat(savedClause.path("version").asInt()).as("a clause saved unchanged keeps its version")
                .isEqualTo(clause.json().path("version").asInt());
        var retitled = (ObjectNode) savedClause.deepCopy();
        retitled.put("title", unique("条款"));
        var edited = admin.put("/api/v1/clauses/" + clause.json().path("id").asString(), retitled.toString(),
                "\"" + savedClause.path("version").asInt() + "\"");
        assertThat(edited.json().path("version").asInt()).as("%s", edited).isEqualTo(savedClause.path("version").asInt() + 1);
    }

    /**
     * PUT and PATCH of what GET answered store nothing: the same version and ETag (another editor's If-Match still
     * holds), no audit entry and, for a contract, no version row; a real change afterwards still counts once.
     */
    @Test
    void savingWhatIsStoredIsNoChange() {
        var sales = createUser("SALES", null).client();
        String customerId = createOrganization(sales).path("id").asString();
        assertNoChange(sales, "/api/v1/customers/" + customerId, "CUSTOMER", customerId, "name");

        String contractId = createContract(sales, "SERVICE").path("id").asString();
        String versions = "/api/v1/contracts/" + contractId + "/versions";
        int versionRows = sales.get(versions).json().path("items").size();
        assertNoChange(sales, "/api/v1/contracts/" + contractId, "CONTRACT", contractId, "title");
        assertThat(sales.get(versions).json().path("items").size()).as("only the real change adds a version row")
                .isEqualTo(versionRows + 1);

        var user = createUser("SALES", null);
        assertNoChange(admin(), "/api/v1/users/" + user.id(), "USER", user.id(), "displayName");

        // found by an outside tester: these two made a version and an audit entry of nothing
        String team = createTeam();
        assertPutOfWhatIsStoredIsNoChange("/api/v1/teams/" + team, "name");
        assertPutOfWhatIsStoredIsNoChange("/api/v1/our-entities/" + ourEntityId(), "address");
    }

    private void assertPutOfWhatIsStoredIsNoChange(String path, String textField) {
        var got = admin().get(path);
        String etag = got.header("ETag");
        var put = admin().put(path, got.body(), etag);
        assertThat(put.status()).as("PUT %s: %s", path, put).isEqualTo(200);
        assertThat(put.header("ETag")).as("PUT of what %s holds", path).isEqualTo(etag);
        var changed = (ObjectNode) got.json().deepCopy();
        changed.put(textField, got.json().path(textField).asString() + "改");
        var edited = admin().put(path, changed.toString(), etag);
        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        assertThat(edited.header("ETag")).isNotEqualTo(etag);
        // the shared entity of the other tests keeps its address
        var back = (ObjectNode) edited.json().deepCopy();
        back.put(textField, got.json().path(textField).asString());
        assertThat(admin().put(path, back.toString(), edited.header("ETag")).status()).isEqualTo(200);
    }

    private void assertNoChange(ApiClient as, String path, String entity, String id, String textField) {
        var got = as.get(path);
        String etag = got.header("ETag");
        int audited = auditEntries(entity, id);
        var put = as.put(path, got.body(), etag);
        assertThat(put.status()).as("PUT %s: %s", path, put).isEqualTo(200);
        assertThat(put.header("ETag")).as("PUT of what %s holds", path).isEqualTo(etag);
        assertThat(put.json().path("version").asInt()).isEqualTo(got.json().path("version").asInt());
        var patch = as.patch(path, "{\"%s\": \"%s\"}".formatted(textField, got.json().path(textField).asString()),
                etag);
        assertThat(patch.status()).as("PATCH %s: %s", path, patch).isEqualTo(200);
        assertThat(patch.header("ETag")).as("PATCH of what %s holds", path).isEqualTo(etag);
        assertThat(as.get(path).header("ETag")).isEqualTo(etag);

        var changed = (ObjectNode) got.json().deepCopy();
        changed.put(textField, got.json().path(textField).asString() + "改");
        var edited = as.put(path, changed.toString(), etag);
        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        assertThat(edited.json().path("version").asInt()).isEqualTo(got.json().path("version").asInt() + 1);
        assertThat(auditEntries(entity, id)).as("audit entries of %s", path).isEqualTo(audited + 1);
    }

    private int auditEntries(String entity, String id) {
        return admin().get("/api/v1/audit?entity=" + entity + "&id=" + id).json().path("total").asInt();
    }

    @Test
    void reviewSettingsRoundTrip() {
        var admin = admin();
        String path = "/api/v1/reviews/settings/QY-V001/thresholdPercent";
        try {
            roundTrip(admin, path, "ruleId", "label", "min", "defaultValue", "overridden");
        } finally {
            // settings are global to the shared test database: put the default back
            assertThat(admin.delete(path, admin.get(path).header("ETag")).status()).isEqualTo(200);
        }
    }
}
