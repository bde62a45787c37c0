package io.qiyue.customer;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.TestIdentifiers;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Customers and our entities over HTTP: identifiers, duplicates, mobiles, masking, optimistic updates. */
abstract class CustomerApiContract extends ApiTestSupport {
    private static final String SAMPLE_CREDIT_CODE = "91330100716105852F";

    @Test
    void createsAnOrganisationWithAValidCreditCodeAndRefusesADuplicate() {
        long before = customerCount();
        var body = organizationBody("杭州示例科技有限公司", SAMPLE_CREDIT_CODE);

        var created = admin().post("/api/v1/customers", body.toString());

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/customers/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.json().path("creditCode").asString()).isEqualTo(SAMPLE_CREDIT_CODE);
        assertThat(created.json().path("kind").asString()).isEqualTo("ORGANIZATION");
        assertThat(created.json().path("owner").asString()).isEqualTo("admin");

        var fetched = admin().get("/api/v1/customers/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("ETag")).isEqualTo("\"1\"");
        assertThat(fetched.json().path("name").asString()).isEqualTo("杭州示例科技有限公司");

        var duplicate = admin().post("/api/v1/customers", organizationBody("另一家公司", SAMPLE_CREDIT_CODE).toString());
        assertProblem(duplicate, 409);
        assertThat(duplicate.json().path("detail").asString()).contains("杭州示例科技有限公司", id);

        // lower case and spaces are normalised, so they are the same code and the same duplicate
        var sameCodeLowerCase = admin().post("/api/v1/customers",
                organizationBody("第三家公司", " " + SAMPLE_CREDIT_CODE.toLowerCase() + " ").toString());
        assertProblem(sameCodeLowerCase, 409);
        assertThat(customerCount()).isEqualTo(before + 1);
    }

    @Test
    void refusesInvalidCreditCodesNamingTheField() {
        long before = customerCount();
        String valid = TestIdentifiers.creditCode();
        for (String invalid : new String[] {TestIdentifiers.withWrongCreditCheck(valid), valid.substring(0, 17),
                "91330100716105852I", "9133010071610585ZF", "000000000000000000"}) {
            var refused = admin().post("/api/v1/customers", organizationBody(unique("公司"), invalid).toString());
            assertProblem(refused, 400, "creditCode");
        }
        // all zeros passes the check character (its weighted sum is 0) but names no registering authority
        assertThat(admin().post("/api/v1/customers", organizationBody(unique("公司"), "000000000000000000").toString())
                .body()).contains("登记管理部门码");
        String wrongCategory = "94" + valid.substring(2, 17);
        assertProblem(admin().post("/api/v1/customers", organizationBody(unique("公司"),
                wrongCategory + TestIdentifiers.creditCheckCharacter(wrongCategory)).toString()), 400, "creditCode");
        var missing = organizationBody(unique("公司"), valid);
        missing.remove("creditCode");
        assertProblem(admin().post("/api/v1/customers", missing.toString()), 400, "creditCode");
        assertThat(customerCount()).isEqualTo(before);
    }

    /**
     * Outside tester: a customer of a kind that could not be read was answered for its kind alone, hiding its bad
     * credit code, which came only once the kind was right. One answer names every problem, created or changed.
     */
    @Test
    void anUnreadableKindIsAnsweredWithEveryOtherProblemOfTheBody() {
        long before = customerCount();
        String wrong = TestIdentifiers.withWrongCreditCheck(TestIdentifiers.creditCode());
        var body = organizationBody("", wrong);
        body.put("kind", "COMPANY");
        var created = admin().post("/api/v1/customers", body.toString());
        assertProblem(created, 400);
        assertThat(created.errorFields()).containsExactlyInAnyOrder("kind", "name", "creditCode");
        assertThat(customerCount()).isEqualTo(before);

        var customer = createOrganization(admin());
        String path = "/api/v1/customers/" + customer.path("id").asString();
        var put = admin().put(path, body.toString(), "\"1\"");
        assertProblem(put, 400);
        assertThat(put.errorFields()).containsExactlyInAnyOrder("kind", "name", "creditCode");
        var patch = admin().patch(path, "{\"kind\": \"COMPANY\", \"creditCode\": \"" + wrong + "\"}", "\"1\"");
        assertProblem(patch, 400);
        assertThat(patch.errorFields()).containsExactlyInAnyOrder("kind", "creditCode");
    }

    @Test
    void createsAPersonWithAValidIdNumberAndRefusesAWrongCheckCharacter() {
        long before = customerCount();
        String idNumber = TestIdentifiers.idNumber(LocalDate.of(1985, 3, 12));

        var created = admin().post("/api/v1/customers", personBody(idNumber, "13800138000").toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("idNumber").asString()).isEqualTo(idNumber);

        var wrongCheck = admin().post("/api/v1/customers",
                personBody(TestIdentifiers.withWrongIdCheck(TestIdentifiers.idNumber()), null).toString());
        assertProblem(wrongCheck, 400, "idNumber");

        String impossibleBirthDate = "11010519990230" + "123";
        var impossible = admin().post("/api/v1/customers", personBody(impossibleBirthDate
                + TestIdentifiers.idCheckCharacter(impossibleBirthDate), null).toString());
        assertProblem(impossible, 400, "idNumber");

        var duplicate = admin().post("/api/v1/customers", personBody(idNumber, null).toString());
        assertProblem(duplicate, 409);
        assertThat(duplicate.body()).doesNotContain(idNumber);

        String noProvince = "99" + idNumber.substring(2, 17);
        var unknownRegion = admin().post("/api/v1/customers", personBody(noProvince
                + TestIdentifiers.idCheckCharacter(noProvince), null).toString());
        assertProblem(unknownRegion, 400, "idNumber");
        assertThat(unknownRegion.body()).contains("省级行政区划代码");

        var personWithCreditCode = personBody(TestIdentifiers.idNumber(), null);
        personWithCreditCode.put("creditCode", TestIdentifiers.creditCode());
        assertProblem(admin().post("/api/v1/customers", personWithCreditCode.toString()), 400, "creditCode");
        var personWithLegalRepresentative = personBody(TestIdentifiers.idNumber(), null);
        personWithLegalRepresentative.put("legalRepresentative", "王大明");
        assertProblem(admin().post("/api/v1/customers", personWithLegalRepresentative.toString()), 400,
                "legalRepresentative");
        assertThat(customerCount()).isEqualTo(before + 1);
    }

    @Test
    void validatesAndNormalisesMobileNumbers() {
        long before = customerCount();
        for (String invalid : new String[] {"12345", "12800138000", "1380013800a", "138001380001"}) {
            var refused = admin().post("/api/v1/customers", personBody(TestIdentifiers.idNumber(), invalid).toString());
            assertProblem(refused, 400, "contacts[0].mobile");
        }
        assertThat(customerCount()).isEqualTo(before);

        var created = admin().post("/api/v1/customers",
                personBody(TestIdentifiers.idNumber(), "+86 139-1234-5678").toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("contacts").get(0).path("mobile").asString()).isEqualTo("13912345678");
    }

    @Test
    void masksPersonalInformationForAViewerButNotForTheOwner() {
        var owner = createUser("SALES", null);
        var viewer = createUser("VIEWER", null);
        String idNumber = TestIdentifiers.idNumber(LocalDate.of(1990, 7, 1));
        var created = owner.client().post("/api/v1/customers", personBody(idNumber, "13800138000").toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String path = "/api/v1/customers/" + created.json().path("id").asString();

        var asOwner = owner.client().get(path).json();
        assertThat(asOwner.path("idNumber").asString()).isEqualTo(idNumber);
        assertThat(asOwner.path("contacts").get(0).path("mobile").asString()).isEqualTo("13800138000");
        assertThat(asOwner.path("personalInformationMasked").asBoolean()).isFalse();

        var asViewer = viewer.client().get(path);
        assertThat(asViewer.status()).isEqualTo(200);
        assertThat(asViewer.json().path("idNumber").asString())
                .isEqualTo(idNumber.substring(0, 6) + "********" + idNumber.substring(14));
        assertThat(asViewer.json().path("contacts").get(0).path("mobile").asString()).isEqualTo("138****8000");
        assertThat(asViewer.json().path("personalInformationMasked").asBoolean()).isTrue();
        assertThat(asViewer.body()).doesNotContain(idNumber, "13800138000");

        var listed = viewer.client().get("/api/v1/customers?q=" + java.net.URLEncoder.encode("王小明",
                java.nio.charset.StandardCharsets.UTF_8) + "&size=200");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(idNumber, "13800138000");
    }

    @Test
    void updatesWithIfMatchAndRefusesStaleOrMissingVersions() {
        var customer = createOrganization(admin());
        String path = "/api/v1/customers/" + customer.path("id").asString();
        var body = organizationBody("改名后的公司", customer.path("creditCode").asString());

        assertProblem(admin().put(path, body.toString(), null), 428);
        assertProblem(admin().put(path, body.toString(), "\"7\""), 412);

        var updated = admin().put(path, body.toString(), "\"1\"");
        assertThat(updated.status()).as("%s", updated).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        assertThat(updated.json().path("name").asString()).isEqualTo("改名后的公司");

        var patched = admin().patch(path, "{\"level\": \"B\", \"industry\": \"软件\"}", "\"2\"");
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"3\"");
        assertThat(patched.json().path("level").asString()).isEqualTo("B");
        assertThat(patched.json().path("name").asString()).isEqualTo("改名后的公司");

        assertProblem(admin().patch(path, "{\"level\": \"C\"}", "\"2\""), 412);
        assertProblem(admin().patch(path, "{\"level\": \"C\"}", null), 428);
        assertProblem(admin().patch(path, "{\"creditCode\": \"91330100716105852X\"}", "\"3\""), 400, "creditCode");
        assertThat(admin().get(path).json().path("level").asString()).isEqualTo("B");

        assertProblem(admin().delete(path, "\"1\""), 412);
        assertThat(admin().delete(path, "\"3\"").status()).isEqualTo(204);
        assertProblem(admin().get(path), 404);
    }

    @Test
    void managesOurEntities() {
        var sales = createUser("SALES", null);
        String creditCode = TestIdentifiers.creditCode();
        String body = """
                { "name": "%s", "creditCode": "%s", "address": "上海市黄浦区中山东一路1号", "bankAccount": "6222 0000 1111" }
                """;

        assertProblem(sales.client().post("/api/v1/our-entities", body.formatted(unique("主体"), creditCode)), 403);
        assertProblem(admin().post("/api/v1/our-entities",
                body.formatted(unique("主体"), TestIdentifiers.withWrongCreditCheck(creditCode))), 400, "creditCode");

        var created = admin().post("/api/v1/our-entities", body.formatted(unique("主体"), creditCode));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().path("id").asString();
        var fetched = sales.client().get("/api/v1/our-entities/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("ETag")).isEqualTo("\"1\"");
        assertThat(fetched.json().path("creditCode").asString()).isEqualTo(creditCode);
        assertThat(sales.client().get("/api/v1/our-entities").body()).contains(id);

        // the same credit code twice names the signing entity that has it, not a customer
        String secondName = unique("主体");
        var duplicate = admin().post("/api/v1/our-entities", body.formatted(secondName, creditCode));
        assertProblem(duplicate, 409);
        assertThat(duplicate.json().path("detail").asString()).contains("我方签约主体", id).doesNotContain("客户");
        assertThat(admin().get("/api/v1/our-entities").body()).doesNotContain(secondName);
    }

    @Test
    void concurrentContactAdditionsAreAllKeptAndEachAnsweredContactExists() throws Exception {
        var client = admin();
        var customerIds = new java.util.ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            customerIds.add(createOrganization(client).path("id").asString());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<io.qiyue.testing.HttpResponse>>();
            var start = new java.util.concurrent.CountDownLatch(1);
            for (String customerId : customerIds) {
                for (int t = 0; t < 12; t++) {
                    String body = "{\"name\": \"联系人%d\", \"mobile\": \"%s\"}".formatted(t, TestIdentifiers.mobile());
                    answers.add(pool.submit(() -> {
                        start.await();
                        return client.post("/api/v1/customers/" + customerId + "/contacts", body);
                    }));
                }
            }
            start.countDown();
            for (var answer : answers) {
                var response = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(response.status()).as("%s", response).isEqualTo(201);
                var contact = client.get(response.header("Location"));
                assertThat(contact.status()).as("%s", contact).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        for (String customerId : customerIds) {
            // one contact from creation, twelve added concurrently
            assertThat(client.get("/api/v1/customers/" + customerId + "/contacts").json().path("items").size()).isEqualTo(13);
        }
    }

    @Test
    void addingAContactHonoursIfMatchWhenSentAndOnlyThen() {
        var client = admin();
        var customer = createOrganization(client);
        String path = "/api/v1/customers/" + customer.path("id").asString() + "/contacts";

        var stale = client.request("POST", path).header("If-Match", "\"7\"").json("{\"name\": \"赵六\"}").send();
        assertProblem(stale, 412);
        var current = client.request("POST", path).header("If-Match", "\"1\"").json("{\"name\": \"赵六\"}").send();
        assertThat(current.status()).as("%s", current).isEqualTo(201);
        assertThat(current.header("ETag")).isEqualTo("\"2\"");
        var blind = client.post(path, "{\"name\": \"钱七\"}");
        assertThat(blind.status()).as("%s", blind).isEqualTo(201);
        var added = client.get(blind.header("Location"));
        assertThat(added.json().path("name").asString()).isEqualTo("钱七");
        assertThat(blind.json()).as("the body is the contact created, as Location names it").isEqualTo(added.json());
        var wrong = client.post(path, "{\"name\": \"孙八\", \"mobile\": \"999\"}");
        assertProblem(wrong, 400, "mobile");
        assertThat(wrong.body()).as("named as the contact sent").doesNotContain("contacts[");
        assertThat(client.get(path).json().path("items").size()).isEqualTo(3);
        assertProblem(client.get(path + "/no-such-contact"), 404);
    }

    @Test
    void aDuplicateInACustomerTheCallerMayNotReadSaysWhomToAskNotWhichCustomer() {
        var manager = createUser("SALES_MANAGER", null);
        String teamName = unique("华东团队");
        var team = admin().post("/api/v1/teams", "{\"name\": \"%s\", \"managerId\": \"%s\"}".formatted(teamName,
                manager.id()));
        assertThat(team.status()).as("%s", team).isEqualTo(201);
        var owner = createUser("SALES", team.json().path("id").asString());
        var stranger = createUser("SALES", createTeam());
        var theirs = createOrganization(owner.client());
        String creditCode = theirs.path("creditCode").asString();

        var duplicate = stranger.client().post("/api/v1/customers",
                organizationBody(unique("另一家公司"), creditCode).toString());

        assertProblem(duplicate, 409);
        assertThat(duplicate.json().path("detail").asString()).contains(owner.username(), teamName, manager.username())
                .doesNotContain(theirs.path("id").asString(), theirs.path("name").asString());
        // an owner without a team: the owner alone
        var loner = createUser("SALES", null);
        String lonerCode = createOrganization(loner.client()).path("creditCode").asString();
        var alone = stranger.client().post("/api/v1/customers", organizationBody(unique("公司"), lonerCode).toString());
        assertProblem(alone, 409);
        assertThat(alone.json().path("detail").asString()).contains(loner.username()).doesNotContain("null");
        // a person's ID number: whose customer they are is not told outside that customer's reach (outside tester:
        // a way to look people up by their numbers)
        String idNumber = TestIdentifiers.idNumber(LocalDate.of(1988, 3, 15));
        assertThat(owner.client().post("/api/v1/customers", personBody(idNumber, null).toString()).status())
                .isEqualTo(201);
        var person = stranger.client().post("/api/v1/customers", personBody(idNumber, null).toString());
        assertProblem(person, 409);
        assertThat(person.json().path("detail").asString()).contains("系统管理员")
                .doesNotContain(owner.username(), teamName, manager.username(), idNumber);
    }

    @Test
    void auditRecordsAChangeOfAnIdNumberOrMobileEvenWhenTheMasksAreEqual() {
        // two valid ID numbers and two mobiles that mask alike: 110105********1234, 137****8000
        String seq = String.valueOf(100 + new java.util.Random().nextInt(900));
        String first17 = "11010519850312" + seq;
        String before = first17 + TestIdentifiers.idCheckCharacter(first17);
        String after = null;
        for (var day = LocalDate.of(1985, 1, 1); after == null; day = day.plusDays(1)) {
            String other17 = "110105" + day.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + seq;
            if (!other17.equals(first17) && TestIdentifiers.idCheckCharacter(other17) == before.charAt(17)) {
                after = other17 + before.charAt(17);
            }
        }
        var created = admin().post("/api/v1/customers", personBody(before, "13700138000").toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String path = "/api/v1/customers/" + created.json().path("id").asString();
        String contactId = created.json().path("contacts").get(0).path("id").asString();

        var patched = admin().patch(path, """
                {"idNumber": "%s", "contacts": [{"id": "%s", "name": "王小明", "mobile": "13712348000"}]}
                """.formatted(after, contactId), "\"1\"");
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);

        var audit = admin().get("/api/v1/audit?entity=CUSTOMER&id=" + created.json().path("id").asString());
        var update = audit.json().path("items").get(0);
        assertThat(update.path("action").asString()).isEqualTo("UPDATE");
        var fields = new java.util.ArrayList<String>();
        update.path("changes").forEach(change -> {
            fields.add(change.path("field").asString());
            assertThat(change.path("before").asString()).isNotEqualTo(change.path("after").asString());
        });
        // the contacts are compared as one list: its only change here is the mobile
        assertThat(fields).containsExactlyInAnyOrder("/idNumber", "/contacts");
        assertThat(audit.body()).contains("110105********" + before.substring(14), "137****8000")
                .doesNotContain(before, after, "13700138000", "13712348000");
    }

    private static tools.jackson.databind.node.ObjectNode personBody(String idNumber, String mobile) {
        var body = JSON.createObjectNode();
        body.put("kind", "PERSON");
        body.put("name", "王小明");
        body.put("idNumber", idNumber);
        body.put("address", "北京市朝阳区建国路1号");
        var contact = body.putArray("contacts").addObject();
        contact.put("name", "王小明");
        if (mobile != null) {
            contact.put("mobile", mobile);
        }
        return body;
    }
}
