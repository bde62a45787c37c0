package io.qiyue.web;

import java.util.List;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.ContractSamples;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10, items 4 and 5: text no document can carry is refused at the door with the field named, in
 * JSON bodies, forms and parameters; and no bad input — undecodable parameters, odd sorts, merge patches
 * that are not objects, form indexes, hostile paths, methods and headers — is a 500 or a non-problem answer.
 */
abstract class InputApiContract extends ApiTestSupport {

    @Test
    void textThatCannotBeRenderedIsRefusedWithTheFieldNamed() {
        var admin = admin();
        long customers = customerCount();
        var body = organizationBody("坏\u0001名", io.qiyue.testing.TestIdentifiers.creditCode());
        assertProblem(admin.post("/api/v1/customers", body.toString()), 400, "name");
        body = organizationBody(unique("客户"), io.qiyue.testing.TestIdentifiers.creditCode());
        ((tools.jackson.databind.node.ObjectNode) body.path("contacts").get(0)).put("name", "李\uFFFF四");
        assertProblem(admin.post("/api/v1/customers", body.toString()), 400, "contacts[0].name");
        // a lone surrogate, escaped in JSON and as the bytes of its UTF-8-like encoding
        assertProblem(admin.post("/api/v1/customers", organizationBody("x", "y").toString()
                .replace("\"name\":\"x\"", "\"name\":\"坏\\ud800名\"")), 400, "name");
        byte[] raw = organizationBody("RAW", io.qiyue.testing.TestIdentifiers.creditCode()).toString()
                .getBytes(StandardCharsets.UTF_8);
        var bytes = new ByteArrayOutputStream();
        String text = new String(raw, StandardCharsets.UTF_8);
        int at = text.indexOf("RAW");
        bytes.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[]{'R', (byte) 0xff, (byte) 0xed, (byte) 0xa0, (byte) 0x80});
        bytes.writeBytes(text.substring(at + 3).getBytes(StandardCharsets.UTF_8));
        assertProblem(admin.request("POST", "/api/v1/customers").bytes("application/json", bytes.toByteArray()).send(),
                400, "name");
        assertThat(customerCount()).isEqualTo(customers);

        // titles, nested terms, updates and merge patches alike
        var customer = createOrganization(admin);
        String customerId = customer.path("id").asString();
        long contracts = contractCount();
        // as JSON escapes: a Java string with a lone surrogate would not survive being sent as UTF-8
        for (String title : new String[]{"标题\\u0000", "标题\\uFFFF", "标题\\ud800", "\\u0007", "\\udc00标题"}) {
            var contract = ContractSamples.contract("SERVICE", "TITLE", customerId, ourEntityId()).toString()
                    .replace("\"TITLE\"", "\"" + title + "\"");
            assertProblem(admin.post("/api/v1/contracts", contract), 400, "title");
        }
        var contract = ContractSamples.contract("SERVICE", unique("合同"), customerId, ourEntityId());
        ((tools.jackson.databind.node.ObjectNode) contract.path("terms").path("service")).put("scope", "机房\u0001");
        assertProblem(admin.post("/api/v1/contracts", contract.toString()), 400, "terms.service.scope");
        assertThat(contractCount()).isEqualTo(contracts);
        // a merge patch names every such field, each as the contract's (outside tester: the first only, as "名称")
        var draft = createContract(admin, "SERVICE");
        var patched = admin.request("PATCH", "/api/v1/contracts/" + draft.path("id").asString())
                .header("If-Match", "\"" + draft.path("version").asInt() + "\"")
                .body("application/merge-patch+json", "{\"title\": \"a\\u0001b\", \"terms\": {\"service\": {\"scope\": \"x\\u0007\"}}}").send();
        assertProblem(patched, 400, "title", "terms.service.scope");
        assertThat(patched.errorMessages()).anySatisfy(m -> assertThat(m).startsWith("合同名称"));
        String etag = admin.get("/api/v1/customers/" + customerId).header("ETag");
        var put = organizationBody("改\u0002名", customer.path("creditCode").asString());
        assertProblem(admin.put("/api/v1/customers/" + customerId, put.toString(), etag), 400, "name");
        assertProblem(admin.patch("/api/v1/customers/" + customerId, "{\"address\": \"地址\\u0003\"}", etag), 400,
                "address");
        assertThat(admin.get("/api/v1/customers/" + customerId).json().path("version").asInt())
                .isEqualTo(customer.path("version").asInt());

        // every text of every body: users, teams, templates, clauses, tokens
        assertProblem(admin.post("/api/v1/teams", "{\"name\": \"团队\\u0001\"}"), 400, "name");
        assertProblem(admin.post("/api/v1/clauses", "{\"category\": \"GENERAL\", \"title\": \"条款\", \"text\": \"文本\\u000b\"}"),
                400, "text");
        assertProblem(anonymous().basic("admin", ADMIN_PASSWORD).post("/api/v1/api-tokens",
                "{\"name\": \"\\u001b[31m\"}"), 400, "name");
        assertProblem(admin.post("/api/v1/users", "{\"username\": \"" + unique("u").replace("-", "_")
                + "\", \"displayName\": \"名\\u0000\", \"roles\": [\"SALES\"], \"password\": \"" + USER_PASSWORD + "\"}"),
                400, "displayName");

        // parameters too
        assertProblem(admin.get("/api/v1/customers?q=%01"), 400, "q");
        assertProblem(admin.get("/api/v1/contracts?q=a%00b"), 400, "q");
        assertProblem(admin.get("/api/v1/contracts?customerId=%EF%BF%BF"), 400, "customerId");
    }

    @Test
    void userNamesThatDifferOnlyInCaseAreOneName() {
        var admin = admin();
        String name = unique("case").replace("-", "_");
        String body = "{\"username\": \"%s\", \"displayName\": \"同名\", \"roles\": [\"SALES\"], \"password\": \""
                + USER_PASSWORD + "\"}";
        assertThat(admin.post("/api/v1/users", body.formatted(name)).status()).isEqualTo(201);

        var lookalike = admin.post("/api/v1/users", body.formatted(name.toUpperCase(java.util.Locale.ROOT)));
        assertThat(lookalike.status()).isEqualTo(409);
        assertThat(lookalike.json().path("detail").asString()).contains(name);
    }

    @Test
    void bidiControlsAreRemovedAndInvisibleTextIsEmpty() {
        var admin = admin();
        var created = admin.post("/api/v1/customers", organizationBody("杭州\u202E司公限有\u202C科技",
                io.qiyue.testing.TestIdentifiers.creditCode()).toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("name").asString()).isEqualTo("杭州司公限有科技");

        for (String blank : new String[]{"\u200B", "\u00A0\u3000", "\uFEFF ", "\u202E"}) {
            var response = admin.post("/api/v1/customers", organizationBody(blank,
                    io.qiyue.testing.TestIdentifiers.creditCode()).toString());
            assertProblem(response, 400, "name");
            assertThat(response.errorMessages()).contains("名称：必填。");
        }
        String customerId = createOrganization(admin).path("id").asString();
        var contract = ContractSamples.contract("SERVICE", "\u200B\u00A0", customerId, ourEntityId());
        assertProblem(admin.withHeader("Accept-Language", "en").post("/api/v1/contracts", contract.toString()), 400, "title");
        var blankTitle = admin.post("/api/v1/contracts", contract.toString());
        assertThat(blankTitle.errorMessages()).as("a contract's title is its 合同名称").contains("合同名称：必填。");

        // a title or a name is one line: it heads documents and lists (an outside tester stored line breaks)
        for (String broken : new String[]{"服务合同\n第二行", "服务合同\r\n", "服务合同\u2028续", "服务合同\u2029续"}) {
            var refused = admin.post("/api/v1/contracts",
                    ContractSamples.contract("SERVICE", broken, customerId, ourEntityId()).toString());
            assertProblem(refused, 400, "title");
            assertThat(refused.errorMessages()).contains("合同名称：只能写一行：不能包含换行。");
            assertProblem(admin.post("/api/v1/customers", organizationBody("杭州\n示例科技有限公司",
                    io.qiyue.testing.TestIdentifiers.creditCode()).toString()), 400, "name");
        }
    }

    @Test
    void formsAndUiParametersRefuseUnrenderableTextBesideTheField() {
        var browser = new Browser(port).login("admin", ADMIN_PASSWORD);
        long customers = customerCount();
        String csrf = browser.csrf("/customers/new");
        var page = browser.post("/customers", "_csrf=" + Browser.enc(csrf) + "&kind=ORGANIZATION&name=%E5%9D%8F%01"
                + "&creditCode=" + io.qiyue.testing.TestIdentifiers.creditCode() + "&contacts%5B0%5D.name=%E6%9D%8E%E2%80%8B");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("含有无法显示或保存的字符（U+0001）").contains("is-invalid");
        assertThat(customerCount()).isEqualTo(customers);

        var list = browser.get("/customers?q=%01");
        assertThat(list.statusCode()).isEqualTo(400);
        assertThat(list.body()).contains("id=\"error-detail\"", "搜索：", "U+0001");
    }

    @Test
    void undecodableParametersAreA400NamingTheParameterOnEveryList() {
        var admin = admin();
        for (String list : new String[]{"/api/v1/customers", "/api/v1/contracts", "/api/v1/users", "/api/v1/teams",
                "/api/v1/audit", "/api/v1/templates", "/api/v1/clauses", "/api/v1/our-entities", "/api/v1/api-tokens",
                "/api/v1/contract-types", "/api/v1/reviews/settings", "/api/v1/reviews/settings/history"}) {
            assertProblem(admin.get(list + "?q=%ff"), 400, "q");
            assertProblem(admin.get(list + "?page=0&q=%ed%a0%80"), 400, "q");
        }
        assertProblem(admin.get("/api/v1/audit?entity=%ff"), 400, "entity");
        assertProblem(admin.post("/api/v1/customers?x=%c3", "{}"), 400, "x");

        var browser = new Browser(port).login("admin", ADMIN_PASSWORD);
        for (String page : new String[]{"/customers", "/contracts", "/our-entities", "/admin/users", "/admin/teams",
                "/admin/audit", "/admin/templates", "/admin/clauses", "/admin/reviews", "/"}) {
            var response = browser.get(page + "?q=%ff");
            assertThat(response.statusCode()).as(page).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(response.body()).contains("搜索：", "UTF-8").doesNotContain("Exception");
        }
        // a form body that is not UTF-8, and the login page nobody is logged in to
        String csrf = browser.csrf("/customers/new");
        var form = browser.post("/customers", "_csrf=" + Browser.enc(csrf) + "&name=%ff");
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).contains("名称：");
        var login = new Browser(port).get("/login?error=%ff");
        assertThat(login.statusCode()).isEqualTo(400);
        assertThat(login.body()).doesNotContain("Exception");
    }

    @Test
    void oddSortsAndMergePatchesThatAreNoObjectsAreA400() {
        var admin = admin();
        for (String sort : new String[]{",", ",,asc", ",asc", "nope", "name,sideways", "name,asc,desc"}) {
            assertProblem(admin.get("/api/v1/customers?sort=" + sort), 400, "sort");
            assertProblem(admin.get("/api/v1/contracts?sort=" + sort), 400, "sort");
            assertProblem(admin.get("/api/v1/users?sort=" + sort), 400, "sort");
        }
        assertThat(admin.get("/api/v1/customers?sort=").status()).isEqualTo(200);
        var browser = new Browser(port).login("admin", ADMIN_PASSWORD);
        assertThat(browser.get("/customers?sort=,").statusCode()).isEqualTo(400);
        assertThat(browser.get("/contracts?sort=,").statusCode()).isEqualTo(400);

        var customer = createOrganization(admin);
        var contract = createContract(admin, "SERVICE");
        String user = createUser("SALES", null).id();
        for (String path : new String[]{"/api/v1/customers/" + customer.path("id").asString(),
                "/api/v1/contracts/" + contract.path("id").asString(), "/api/v1/users/" + user}) {
            String etag = admin.get(path).header("ETag");
            for (String patch : new String[]{"null", "[]", "1", "\"x\"", "true"}) {
                assertProblem(admin.patch(path, patch, etag), 400, "body");
            }
            assertThat(admin.get(path).header("ETag")).isEqualTo(etag);
        }
    }

    /** Found by an outside run: each answered slowly, with a 500, with Java class names, or kept invisible text. */
    @Test
    void hugeExponentsNullItemsAndUnbindableValuesAreQuick400sInWords() {
        var admin = admin();
        var customer = createOrganization(admin);
        var contract = createContract(admin, "SERVICE");
        String contractPath = "/api/v1/contracts/" + contract.path("id").asString();
        String customerPath = "/api/v1/customers/" + customer.path("id").asString();

        // a number short to send and endless to write out: refused where it is read, not after minutes
        var body = ContractSamples.contract("SERVICE", "指数", customer.path("id").asString(), ourEntityId());
        ((tools.jackson.databind.node.ObjectNode) body.path("amount")).put("value", "1e99999999");
        assertProblem(admin.post("/api/v1/contracts", body.toString()), 400, "amount.value");
        ((tools.jackson.databind.node.ObjectNode) body.path("amount")).put("value", 1e300);
        assertProblem(admin.post("/api/v1/contracts", body.toString()), 400, "amount.value");
        String etag = admin.get(contractPath).header("ETag");
        assertProblem(admin.patch(contractPath, "{\"amount\": {\"value\": \"1e99999999\", \"currency\": \"CNY\"}}",
                etag), 400, "amount.value");
        // a small exponent in the text of an amount too: no one writes a price as 1e5, and it is not stored as 100000
        var exponent = admin.patch(contractPath, "{\"amount\": {\"value\": \"1e5\", \"currency\": \"CNY\"}}", etag);
        assertProblem(exponent, 400, "amount.value");
        // told it is the way of writing, not a value out of range (outside tester)
        assertThat(exponent.body()).contains("科学计数法").doesNotContain("超出");
        ((tools.jackson.databind.node.ObjectNode) body.path("amount")).put("value", "2E4");
        assertProblem(admin.post("/api/v1/contracts", body.toString()), 400, "amount.value");

        // a null where a list item belongs
        assertProblem(admin.patch(contractPath, "{\"terms\": {\"payment\": {\"schedule\": [null]}}}", etag), 400,
                "terms.payment.schedule[0]");
        assertProblem(admin.patch(customerPath, "{\"contacts\": [null]}", admin.get(customerPath).header("ETag")), 400,
                "contacts[0]");
        assertThat(admin.get(contractPath).header("ETag")).isEqualTo(etag);

        // values that do not bind are named in words, never with Java's names for them
        // a day is written as one: not as days since 1970, nor with a time whose day depends on a time zone
        for (String patch : new String[]{"{\"startDate\": 20270101}", "{\"startDate\": \"2027-01-01T12:00\"}",
                "{\"startDate\": \"2027-01-01T00:00:00Z\"}"}) {
            assertProblem(admin.patch(contractPath, patch, etag), 400, "startDate");
        }
        for (String patch : new String[]{"{\"startDate\": \"99999-01-01\"}", "{\"endDate\": \"2027-02-30\"}",
                "{\"amount\": {\"value\": \"NaN\", \"currency\": \"CNY\"}}", "{\"title\": 1e999999}"}) {
            var refused = admin.patch(contractPath, patch, etag);
            assertThat(refused.status()).as(patch).isEqualTo(400);
            assertThat(refused.body()).as(patch).doesNotContain("java.", "jackson", "Exception", "`");
        }

        // a constraint's own message with braces in it ([…\\p{IsHan}]+) is a message, not a pattern to format again
        var clause = admin.post("/api/v1/clauses", "{\"category\": \"付款\", \"title\": \"条款\", \"text\": \"正文\"}");
        assertThat(clause.status()).as("%s", clause).isEqualTo(201);
        String clausePath = "/api/v1/clauses/" + clause.json().path("id").asString();
        assertProblem(admin.put(clausePath, "{\"category\": \"%ff\", \"title\": \"%ff\", \"approved\": false,"
                + " \"conspicuous\": false}", admin.get(clausePath).header("ETag")), 400, "category");

        // invisible characters that make two names look the same are not kept
        var named = admin.post("/api/v1/customers", organizationBody("测试\uFEFF公司\u200B",
                io.qiyue.testing.TestIdentifiers.creditCode()).toString());
        assertThat(named.status()).as("%s", named).isEqualTo(201);
        assertThat(named.json().path("name").asString()).isEqualTo("测试公司");
    }

    /** Values JSON can carry but no field means: an enum by its position, a field twice, a date no contract has. */
    @Test
    void enumPositionsDuplicateFieldsFarDatesAndWeakTagsAreRefused() {
        var admin = admin();
        var customer = createOrganization(admin);
        String customerPath = "/api/v1/customers/" + customer.path("id").asString();
        String etag = admin.get(customerPath).header("ETag");

        var nullContact = admin.post("/api/v1/customers", "{\"kind\": \"ORGANIZATION\", \"name\": \"空联系人公司\","
                + " \"creditCode\": \"" + io.qiyue.testing.TestIdentifiers.creditCode() + "\", \"contacts\": [null]}");
        assertProblem(nullContact, 400, "contacts[0]");
        var notAList = admin.post("/api/v1/customers", "{\"kind\": \"ORGANIZATION\", \"name\": \"列表公司\","
                + " \"creditCode\": \"" + io.qiyue.testing.TestIdentifiers.creditCode() + "\", \"contacts\": \"x\"}");
        assertProblem(notAList, 400, "contacts");
        assertThat(notAList.body()).contains("列表");

        var byPosition = admin.patch(customerPath, "{\"level\": 1}", etag);
        assertProblem(byPosition, 400, "level");
        assertThat(byPosition.body()).contains("A", "B", "C");
        var twice = admin.patch(customerPath, "{\"name\": \"甲公司\", \"name\": \"乙公司\"}", etag);
        assertProblem(twice, 400, "name");
        assertThat(admin.get(customerPath).header("ETag")).isEqualTo(etag);

        var contract = createContract(admin, "SERVICE");
        String contractPath = "/api/v1/contracts/" + contract.path("id").asString();
        String contractTag = admin.get(contractPath).header("ETag");
        var farEnd = admin.patch(contractPath, "{\"endDate\": \"+999999999-12-31\"}", contractTag);
        assertProblem(farEnd, 400, "endDate");
        assertThat(farEnd.body()).contains("9999-12-31");
        assertProblem(admin.patch(contractPath, "{\"startDate\": \"1899-12-31\"}", contractTag), 400, "startDate");
        var body = ContractSamples.contract("SERVICE", "枚举", customer.path("id").asString(), ourEntityId());
        body.put("type", 1);
        assertProblem(admin.post("/api/v1/contracts", body.toString()), 400, "type");

        // If-Match compares strongly: the weak form of the current tag does not match it
        var weak = admin.patch(contractPath, "{\"title\": \"弱标签\"}", "W/" + contractTag);
        assertThat(weak.status()).as("%s", weak).isEqualTo(412);
        assertThat(admin.get(contractPath).header("ETag")).isEqualTo(contractTag);
        assertThat(admin.patch(contractPath, "{\"title\": \"强标签\"}", contractTag).status()).isEqualTo(200);
    }

    @Test
    void anAdminSwitchingThemselfOffIsToldOnTheEnabledField() {
        var self = createUser("ADMIN", null).client();
        String id = self.get("/api/v1/users/me").json().path("id").asString();
        var mine = self.get("/api/v1/users/" + id);
        var off = (tools.jackson.databind.node.ObjectNode) mine.json().deepCopy();
        off.put("enabled", false);
        assertProblem(self.put("/api/v1/users/" + id, off.toString(), mine.header("ETag")), 400, "enabled");
        var notAdmin = (tools.jackson.databind.node.ObjectNode) mine.json().deepCopy();
        notAdmin.putArray("roles").add("SALES");
        assertProblem(self.put("/api/v1/users/" + id, notAdmin.toString(), mine.header("ETag")), 400, "roles");
    }

    /** Jackson stops at the first value it cannot bind; the answer still names every wrong field of the body. */
    @Test
    void aBodyWithSeveralWrongValuesNamesThemAllAtOnce() {
        var admin = admin();
        var customer = createOrganization(admin);
        var body = ContractSamples.contract("SERVICE", "多处错误", customer.path("id").asString(), ourEntityId());
        body.put("title", " ");
        body.put("startDate", "2027-02-30");
        body.put("autoRenew", "yes");
        ((tools.jackson.databind.node.ObjectNode) body.path("terms").path("dispute")).put("method", "FIGHT");
        body.put("noSuchField", 1);
        var refused = admin.post("/api/v1/contracts", body.toString());
        assertProblem(refused, 400, "title", "startDate", "autoRenew", "terms.dispute.method", "noSuchField");
        assertThat(refused.errorFields()).as("one error per field").doesNotHaveDuplicates();
        assertThat(refused.body()).contains("FIGHT", "2027-02-30");

        var customerBody = "{\"kind\": \"ORGANIZATION\", \"name\": \"\", \"level\": \"D\", \"creditCode\": \""
                + io.qiyue.testing.TestIdentifiers.creditCode() + "\", \"contacts\": [{\"name\": \"李四\", \"primary\": 1}]}";
        var customerRefused = admin.post("/api/v1/customers", customerBody);
        assertProblem(customerRefused, 400, "level", "contacts[0].primary");
    }

    @Test
    void formIndexesOutsideTheFormAreA400() {
        var admin = admin();
        String customerId = createOrganization(admin).path("id").asString();
        var browser = new Browser(port).login("admin", ADMIN_PASSWORD);
        String csrf = browser.csrf("/contracts/new?type=SERVICE");
        for (String index : new String[]{"-1", "2147483647", "99999999999", "x"}) {
            var response = browser.post("/contracts", "_csrf=" + Browser.enc(csrf) + "&type=SERVICE&title=t&customerId="
                    + customerId + "&terms.payment.schedule%5B" + index + "%5D.description=x");
            assertThat(response.statusCode()).as(index).isIn(200, 400);
            assertThat(response.body()).as(index).doesNotContain("Exception").doesNotContain("服务器内部错误");
        }
        var negative = browser.post("/contracts", "_csrf=" + Browser.enc(csrf) + "&type=SERVICE&title=t"
                + "&terms.payment.schedule%5B-1%5D.description=x");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("付款条款 › 付款计划");
    }

    /**
     * Found by an outside tester: a form stored a due day of 0000-01-01 that the JSON reader refuses, and the
     * contract answered 500 to everyone from then on. Forms and the API keep to the same days.
     */
    @Test
    void aFormsDayOutsideTheCalendarIsRefusedBesideItsFieldAsTheApiRefusesIt() {
        var admin = admin();
        String customerId = createOrganization(admin).path("id").asString();
        var browser = new Browser(port).login("admin", ADMIN_PASSWORD);
        String csrf = browser.csrf("/contracts/new?type=SERVICE");
        for (String field : List.of("terms.payment.schedule%5B0%5D.dueDate", "terms.signing.date", "startDate")) {
            var response = browser.post("/contracts", "_csrf=" + Browser.enc(csrf) + "&type=SERVICE&title="
                    + Browser.enc("远古日期") + "&customerId=" + customerId + "&amount=1000"
                    + "&terms.payment.schedule%5B0%5D.amount=1000&" + field + "=0000-01-01");
            assertThat(response.statusCode()).as("the form again, not a redirect: %s", field).isIn(200, 400);
            assertThat(response.body()).as(field).contains("超出范围", "1900-01-01");
        }
        assertThat(admin.get("/api/v1/contracts?q=" + Browser.enc("远古日期")).json().path("total").asInt())
                .as("nothing stored").isZero();

        // a choice no select offers is named with the choices, as the API names them (an outside tester saw 格式不正确)
        var unknownChoice = browser.post("/contracts", "_csrf=" + Browser.enc(csrf) + "&type=SERVICE&title="
                + Browser.enc("远古日期") + "&customerId=" + customerId + "&amount=1000"
                + "&terms.payment.method=BITCOIN");
        assertThat(unknownChoice.statusCode()).isIn(200, 400);
        assertThat(unknownChoice.body()).contains("“BITCOIN”不是可选的值", "银行转账");
    }

    /** Found by an outside tester: an NDA ending 9999-12-31 with 50 years after gave obligations due +10049-12-31. */
    @Test
    void aDutyThatWouldOutliveTheCalendarIsRefused() {
        var admin = admin();
        String customerId = createOrganization(admin).path("id").asString();
        var body = io.qiyue.testing.ContractSamples.contract("CONFIDENTIALITY", unique("万年保密"), customerId, ourEntityId());
        body.put("endDate", "9999-12-31");
        ((tools.jackson.databind.node.ObjectNode) body.path("terms").path("confidentialityPeriod"))
                .put("yearsAfterTermination", 50);
        var refused = admin.post("/api/v1/contracts", body.toString());
        assertProblem(refused, 400, "terms.confidentialityPeriod.yearsAfterTermination");
        assertThat(refused.body()).contains("10049-12-31");
    }

    /** Found by an outside tester: one wrong item of a list (a method FAX) hid every other problem of the body. */
    @Test
    void aWrongItemOfAListHidesNoOtherProblem() {
        var admin = admin();
        String customerId = createOrganization(admin).path("id").asString();
        var body = io.qiyue.testing.ContractSamples.contract("MAINTENANCE", unique("维护"), customerId, ourEntityId());
        var maintenance = (tools.jackson.databind.node.ObjectNode) body.path("terms").path("maintenance");
        maintenance.putArray("methods").add("PHONE").add("FAX");
        maintenance.put("visitIntervalDays", "often");
        maintenance.put("foo", 1);
        var refused = admin.post("/api/v1/contracts", body.toString());
        assertProblem(refused, 400, "terms.maintenance.methods[1]", "terms.maintenance.visitIntervalDays",
                "terms.maintenance.foo");
    }

    /** Found by an outside tester: a wildcard Content-Type made every write a 500 with a logged stack trace. */
    @Test
    void aWildcardOrUnreadableContentTypeIsA415() {
        var admin = admin();
        for (String type : List.of("*/*", "application/*", "text/*", "a/b/c", "application/json; charset=xyz-bogus")) {
            var response = admin.request("POST", "/api/v1/customers").bytes(type,
                    "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
            assertProblem(response, 415);
            assertThat(response.body()).as(type).doesNotContain("缺少");
        }
    }

    @Test
    void aNulInAnUploadedFileNameIsA400AndPathsAreNotKept() throws Exception {
        var admin = admin();
        String contractId = createContract(admin, "SERVICE").path("id").asString();
        byte[] docx = minimalDocx();
        var nul = admin.request("POST", "/api/v1/contracts/" + contractId + "/versions")
                .bytes("multipart/form-data; boundary=b", multipart("../../evil\u0000.docx", docx)).send();
        assertProblem(nul, 400, "file");
        var path = admin.request("POST", "/api/v1/contracts/" + contractId + "/versions")
                .bytes("multipart/form-data; boundary=b", multipart("C:\\x\\y\u202E.docx", docx)).send();
        assertThat(path.status()).as("%s", path).isEqualTo(201);
        assertThat(path.json().path("fileName").asString()).isEqualTo("y.docx");
    }

    @Test
    void pathsMethodsAndHeadersOutsideTheRulesAreProblemsOrPages() {
        var admin = admin();
        for (String path : new String[]{"/api/v1/../api/v1/customers", "/api/v1//customers", "/api/v1/customers;x=1",
                "/api/v1/customers%2fx", "/api/v1/customers%00", "/api/v1/%2e%2e/customers", "/api/v1/customers%5c..%5cx",
                "/api/v1/customers/%2e%2e/users"}) {
            var response = admin.get(path);
            assertThat(response.status()).as(path).isBetween(400, 404);
            assertProblem(response, response.status());
        }
        var browser = new Browser(port);
        for (String path : new String[]{"/customers/../admin", "/x//y", "/customers;jsessionid=1", "/a%2fb", "/a%00b"}) {
            var response = browser.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
            assertThat(response.body()).as(path).contains("id=\"error-detail\"").doesNotContain("Apache Tomcat", "Exception");
        }
        for (String method : new String[]{"TRACE", "FOO"}) {
            var response = admin.request(method, "/api/v1/customers").send();
            assertProblem(response, 405);
        }
        var notHere = admin.request("DELETE", "/api/v1/customers").send();
        assertProblem(notHere, 405);
        assertThat(notHere.header("Allow")).as("the methods the list takes").contains("GET", "POST");
        // a browser opening a form's action gets the error page, not problem+json (outside tester)
        String contractId = createContract(admin, "SERVICE").path("id").asString();
        var formAction = new Browser(port).login("admin", ADMIN_PASSWORD).get("/contracts/" + contractId + "/signing");
        assertThat(formAction.statusCode()).isEqualTo(405);
        assertThat(formAction.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(formAction.body()).contains("id=\"error-detail\"");
        // a page that is not there says so in its title, in each language (outside tester: "404 Something went wrong")
        var browser404 = new Browser(port).login("admin", ADMIN_PASSWORD);
        var missing = browser404.get("/contracts/no-such-contract?lang=en");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("404 Page not found").doesNotContain("Something went wrong");
        assertThat(browser404.get("/contracts/no-such-contract?lang=zh-CN").body()).contains("404 页面不存在");
        // the parser's limits are named as limits, not as a syntax error near line 0 (outside tester)
        var deep = admin.put("/api/v1/notification-settings", "[".repeat(2_000) + "]".repeat(2_000), "\"1\"");
        assertProblem(deep, 400);
        assertThat(deep.json().path("detail").asString()).contains("嵌套");
        // what Tomcat refuses itself: too many parameters, a request line or headers over its limits
        var many = admin.get("/api/v1/customers?" + "a=1&".repeat(1_100) + "b=2");
        assertProblem(many, 400);
        assertThat(many.errorFields()).doesNotContain("parameters");
        assertProblem(admin.get("/api/v1/customers?q=" + "x".repeat(40_000)), 400);
        // under Tomcat's limit (32 KB) the application names the parameter: a list's q is as long as a search's
        assertProblem(admin.get("/api/v1/customers?q=" + "x".repeat(10_000)), 400, "q");
        assertProblem(admin.get("/api/v1/contracts?q=" + "x".repeat(201)), 400, "q");
        assertProblem(admin.get("/api/v1/contracts?format=csv&q=" + "x".repeat(201)), 400, "q");
        assertProblem(admin.get("/api/v1/users?q=" + "x".repeat(201)), 400, "q");
        // anyone may send those without signing in: one WARN line each, never an ERROR with a stack trace
        var logged = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.qiyue.shared.web.ServerErrors");
        logged.start();
        logger.addAppender(logged);
        try {
            assertProblem(admin.request("GET", "/api/v1/customers").header("X-Big", "x".repeat(40_000)).send(), 400);
            assertProblem(anonymous().request("GET", "/api/v1/customers").header("X-Big", "x".repeat(40_000)).send(),
                    400);
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).as("%s", logged.list).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(event.getThrowableProxy()).isNull();
        });

        var error = admin.get("/error");
        assertThat(error.status()).isEqualTo(404);
        assertThat(browser.get("/error").statusCode()).isEqualTo(404);

        String customerId = createOrganization(admin).path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique("合同"), customerId, ourEntityId()).toString();
        long before = contractCount();
        for (String key : new String[]{"k".repeat(101), "key with spaces", " "}) {
            assertProblem(admin.request("POST", "/api/v1/contracts").header("Idempotency-Key", key).json(body).send(),
                    400, "Idempotency-Key");
        }
        assertThat(contractCount()).isEqualTo(before);
    }

    private static byte[] multipart(String fileName, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static byte[] minimalDocx() throws Exception {
        var buffer = new ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(buffer)) {
            put(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" \
                    ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            put(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
                    Target="word/document.xml"/></Relationships>""");
            put(zip, "word/document.xml", """
                    <?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
                    <w:body><w:p><w:r><w:t>甲方与乙方签订本合同。</w:t></w:r></w:p></w:body></w:document>""");
        }
        return buffer.toByteArray();
    }

    private static void put(java.util.zip.ZipOutputStream zip, String name, String content) throws Exception {
        zip.putNextEntry(new java.util.zip.ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
