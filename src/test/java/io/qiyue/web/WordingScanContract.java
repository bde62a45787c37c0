package io.qiyue.web;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import io.qiyue.testing.TestIdentifiers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15, item 2: no page and no problem message shows the program's notation (see {@link Leftovers}) — every
 * page of the UI as Spring's handler mapping lists it, for every role, about contracts in draft, in approval and
 * signed (with obligations), in Chinese and in English, with the error pages and the audit trail of every type
 * recorded; and the problems of invalid contract and customer bodies of many kinds, through the API in both
 * languages and through the UI's forms. A page whose path cannot be filled with a record fails the test unless
 * it is listed, with the reason, in {@link #NOT_SCANNED}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WordingScanContract extends ApiTestSupport {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private static final Locale EN = Locale.ENGLISH;
    /** Pages that show a contract's own (Chinese) text: the document, redlines, a version's text, templates. */
    private static final Pattern CONTRACT_TEXT = Pattern.compile("/document\\.html|/compare|/versions/|/admin/templates/");

    /** Pages that are no HTML page of a signed-in user, or need a secret the scan does not have, with the reason. */
    private static final Map<String, String> NOT_SCANNED = Map.ofEntries(
            Map.entry("/c/{token}", "the customer's evaluation link: a secret token mailed to the customer"),
            Map.entry("/c/{token}/evidence/{evidenceId}", "a file behind the customer's evaluation link"),
            Map.entry("/c/{token}/report", "a PDF behind the customer's evaluation link"),
            Map.entry("/p/{token}", "the counterparty's negotiation link: a secret token"),
            Map.entry("/p/{token}/proposals/{proposalId}", "a page behind the counterparty's negotiation link"),
            Map.entry("/s/{token}", "the signer's link: a secret token"),
            Map.entry("/s/{token}/document", "a PDF behind the signer's link"),
            Map.entry("/contracts/{id}/sign/file/{which}", "a signed PDF or evidence report, no page"),
            Map.entry("/obligation-evidence/{id}", "an uploaded evidence file, no page"),
            Map.entry("/seals/{id}/image", "a seal's PNG, no page"),
            Map.entry("/approvals/{taskId}", "an approval task is opened from the inbox, which the scan reads"),
            Map.entry("/error", "Spring Boot's error page: the scan provokes the error pages instead"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMapping;

    @Autowired
    private JdbcClient jdbc;

    private final Map<String, TestUser> users = new LinkedHashMap<>();
    private TestUser sales;
    private String customerId;
    private final Map<String, String> contracts = new LinkedHashMap<>();

    @BeforeAll
    void fixtures() {
        String team = createTeam();
        sales = createUser("SALES", team);
        users.put("SALES", sales);
        users.put("SALES_MANAGER", createUser("SALES_MANAGER", team));
        users.put("LEGAL", createUser("LEGAL", null));
        users.put("FINANCE", createUser("FINANCE", null));
        users.put("VIEWER", createUser("VIEWER", null));
        customerId = createOrganization(sales.client()).path("id").asString();
        var clause = admin().post("/api/v1/clauses", "{\"category\": \"GENERAL\", \"title\": \"不可抗力\","
                + " \"text\": \"因不可抗力不能履行合同的，部分或者全部免除责任。\", \"approved\": true}");
        assertThat(clause.status()).as("clause: %s", clause).isEqualTo(201);
        contracts.put("DRAFT", createContract(sales.client(),
                ContractSamples.contract("SERVICE", unique("草稿合同"), customerId, ourEntityId())).path("id").asString());
        String submitted = readyContract(sales.client(), "审批中合同");
        String path = "/api/v1/contracts/" + submitted;
        var answer = sales.client().request("POST", path + "/submit")
                .header("If-Match", sales.client().get(path).header("ETag")).json("{}").send();
        assertThat(answer.status()).as("submit: %s", answer).isEqualTo(200);
        contracts.put("IN_APPROVAL", submitted);
        contracts.put("SIGNED", signedContract(sales.client(),
                ContractSamples.contract("MAINTENANCE", unique("已签合同"), customerId, ourEntityId())));
        // a version with a note, so that the version table shows one
        var versions = sales.client().get("/api/v1/contracts/" + contracts.get("DRAFT") + "/versions");
        assertThat(versions.status()).isEqualTo(200);
        var noted = sales.client().request("PUT", "/api/v1/contracts/" + contracts.get("DRAFT") + "/versions/1/note")
                .header("If-Match", "\"0\"").json("{\"note\": \"初稿\"}").send();
        assertThat(noted.status()).as("note: %s", noted).isEqualTo(200);
    }

    // ---- problem messages

    /** Invalid contract bodies of many kinds: nulls, negatives, bad dates, enums and types, too long. */
    private List<String> invalidContracts() {
        var bodies = new ArrayList<String>();
        Function<java.util.function.Consumer<ObjectNode>, String> variant = change -> {
            var body = ContractSamples.contract("SERVICE", "坏合同", customerId, ourEntityId());
            change.accept(body);
            return body.toString();
        };
        bodies.add("{}");
        bodies.add("{\"type\": \"SERVICE\"}");
        bodies.add(variant.apply(b -> b.putNull("title")));
        bodies.add(variant.apply(b -> b.put("title", "长".repeat(300))));
        bodies.add(variant.apply(b -> b.put("type", "FOO")));
        bodies.add(variant.apply(b -> b.put("title", 123)));
        bodies.add(variant.apply(b -> b.put("autoRenew", "maybe")));
        bodies.add(variant.apply(b -> b.put("startDate", "2027-13-01")));
        bodies.add(variant.apply(b -> b.put("endDate", "2026-01-01")));
        bodies.add(variant.apply(b -> b.put("renewalNoticeDays", -1)));
        bodies.add(variant.apply(b -> b.putObject("amount").put("value", "-5").put("currency", "CNY")));
        bodies.add(variant.apply(b -> b.putObject("amount").put("value", "abc").put("currency", "CNY")));
        bodies.add(variant.apply(b -> b.putObject("amount").put("value", "1.234").put("currency", "USD")));
        bodies.add(variant.apply(b -> b.put("customerId", "nobody")));
        bodies.add(variant.apply(b -> b.put("unknownField", 1)));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("terms").path("payment")).putObject("deposit")
                .put("value", "-1").put("currency", "CNY")));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("terms").path("dispute"))
                .put("method", "NEGOTIATION_THEN_ARBITRATIO")));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("terms").path("dispute")).putNull("method")));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("terms").path("termination")).put("noticeDays", -3)));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("terms").path("termination")).put("noticeDays", 1e12)));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("terms").path("payment").path("schedule").get(0))
                .putNull("amount")));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("terms").path("payment").path("schedule").get(0))
                .put("dueDate", "tomorrow")));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("terms").path("breach").path("liquidatedDamages"))
                .put("value", "-1")));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("terms")).putObject("confidentialInformation")));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("terms").path("rightsAndObligations")).putArray("provider")
                .add("")));
        bodies.add("[1, 2]");
        bodies.add("{\"type\": ");
        return bodies;
    }

    private List<String> invalidCustomers() {
        var bodies = new ArrayList<String>();
        Function<java.util.function.Consumer<ObjectNode>, String> variant = change -> {
            var body = organizationBody(unique("坏客户"), TestIdentifiers.creditCode());
            change.accept(body);
            return body.toString();
        };
        bodies.add("{}");
        bodies.add(variant.apply(b -> b.putNull("kind")));
        bodies.add(variant.apply(b -> b.put("kind", "COMPANY")));
        bodies.add(variant.apply(b -> b.put("creditCode", "123")));
        bodies.add(variant.apply(b -> b.put("name", "名".repeat(300))));
        bodies.add(variant.apply(b -> b.put("level", "Z")));
        bodies.add(variant.apply(b -> b.put("status", "GONE")));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("contacts").get(0)).put("mobile", "12")));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("contacts").get(0)).put("email", "not-an-address")));
        bodies.add(variant.apply(b -> ((ObjectNode) b.path("contacts").get(0)).putNull("name")));
        bodies.add(variant.apply(b -> b.put("kind", "PERSON").put("idNumber", "110105198803151231")));
        bodies.add(variant.apply(b -> b.put("owner", "nobody-of-that-name")));
        return bodies;
    }

    @Test
    void problemMessagesAreWordsInBothLanguages() {
        var findings = new ArrayList<String>();
        var admin = admin();
        for (Locale language : List.of(ZH, EN)) {
            String accept = language == ZH ? "zh-CN" : "en";
            for (String body : invalidContracts()) {
                scanProblem(admin.request("POST", "/api/v1/contracts").header("Accept-Language", accept)
                        .json(body).send(), "POST contract " + body, language, findings);
            }
            for (String body : invalidCustomers()) {
                scanProblem(admin.request("POST", "/api/v1/customers").header("Accept-Language", accept)
                        .json(body).send(), "POST customer " + body, language, findings);
            }
            for (String path : List.of("/api/v1/contracts/nobody", "/api/v1/obligations/nobody",
                    "/api/v1/contracts?status=SOMETIMES", "/api/v1/contracts?size=0", "/api/v1/contracts?sort=x,up",
                    "/api/v1/contracts?endsBefore=soon", "/api/v1/customers/nobody/contacts/none")) {
                scanProblem(admin.request("GET", path).header("Accept-Language", accept).send(), "GET " + path,
                        language, findings);
            }
        }
        assertThat(findings).as(String.join("\n", findings)).isEmpty();
    }

    @Test
    void formsSayWhatIsWrongInWords() {
        var browser = new Browser().signIn(sales.username(), USER_PASSWORD);
        var findings = new ArrayList<String>();
        var forms = List.of(
                List.of("/contracts/new?type=SERVICE", "/contracts", "type", "SERVICE", "title", "", "customerId", "",
                        "ourEntityId", "", "amount", "-5", "startDate", "2027-13-01", "endDate", "soon",
                        "renewalNoticeDays", "abc", "terms.payment.deposit", "-1", "terms.termination.noticeDays", "-3",
                        "terms.payment.schedule[0].amount", "x", "terms.payment.schedule[0].dueDate", "2027-02-30",
                        "terms.dispute.method", "SOMETIMES", "terms.service.scope", "长".repeat(20_001)),
                List.of("/customers/new", "/customers", "kind", "ORGANIZATION", "name", "", "creditCode", "123",
                        "level", "Z", "contacts[0].name", "", "contacts[0].mobile", "12", "contacts[0].email", "bad"),
                List.of("/customers/new", "/customers", "kind", "PERSON", "name", "名".repeat(300), "idNumber", "1101"));
        for (Locale language : List.of(ZH, EN)) {
            for (var form : forms) {
                var page = browser.post(form.get(0), form.get(1), form.subList(2, form.size()), language);
                assertThat(page.status()).as("%s refused", form.get(1)).isBetween(200, 499);
                Leftovers.inPage(page.body(), language).forEach(f -> findings.add(
                        language + " " + form.get(1) + " → " + f));
            }
        }
        var distinct = new TreeSet<>(findings);
        assertThat(distinct).as(String.join("\n", distinct)).isEmpty();
    }

    private static void scanProblem(HttpResponse response, String what, Locale language, List<String> findings) {
        assertThat(response.status()).as("%s: %s", what, response).isBetween(400, 499);
        JsonNode problem = response.json();
        var texts = new ArrayList<String>();
        texts.add(problem.path("title").asString());
        texts.add(problem.path("detail").asString());
        problem.path("errors").forEach(e -> {
            texts.add(e.path("message").asString());
            texts.add(e.path("reason").asString());
        });
        for (String text : texts) {
            Leftovers.inText(text, language).forEach(f -> findings.add(language + " " + shorten(what) + " → " + f));
        }
    }

    private static String shorten(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    // ---- pages

    @Test
    void everyPageReadsInWordsForEveryRoleInBothLanguages() {
        var pages = pages();
        var findings = new ArrayList<String>();
        var roles = new LinkedHashMap<String, Browser>();
        roles.put("ADMIN", new Browser().signIn("admin", ADMIN_PASSWORD));
        users.forEach((role, user) -> roles.put(role, new Browser().signIn(user.username(), USER_PASSWORD)));
        var extra = new ArrayList<String>(List.of("/contracts/nobody", "/customers/nobody", "/admin/users",
                "/contracts?status=SOMETIMES", "/contracts?page=-1", "/no-such-page"));
        for (String type : jdbc.sql("SELECT DISTINCT entity_type FROM audit_event").query(String.class).list()) {
            extra.add("/admin/audit?entity=" + type);
        }
        for (var role : roles.entrySet()) {
            for (Locale language : List.of(ZH, EN)) {
                for (String url : concat(pages, extra)) {
                    var page = role.getValue().get(url, language);
                    if (page.html()) {
                        Leftovers.inPage(page.body(), language, CONTRACT_TEXT.matcher(url).find()).forEach(f -> findings.add(
                                role.getKey() + " " + language + " " + url + " → " + f));
                    }
                }
            }
        }
        var distinct = new TreeSet<>(findings);
        assertThat(distinct).as(distinct.size() + " leftovers:\n" + String.join("\n", distinct)).isEmpty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Every GET page the handler mapping lists, with its path filled with the fixtures, once per record. */
    private List<String> pages() {
        var patterns = new TreeSet<String>();
        handlerMapping.getHandlerMethods().keySet().forEach(info -> {
            var methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                patterns.addAll(info.getPatternValues());
            }
        });
        var urls = new ArrayList<String>();
        var unfilled = new TreeSet<String>();
        for (String pattern : patterns) {
            if (pattern.startsWith("/api/") || pattern.startsWith("/v3/") || pattern.startsWith("/swagger")
                    || pattern.startsWith("/actuator") || NOT_SCANNED.containsKey(pattern)) {
                continue;
            }
            var filled = fill(pattern);
            if (filled.isEmpty()) {
                unfilled.add(pattern);
            }
            urls.addAll(filled);
        }
        assertThat(unfilled).as("pages the scan cannot reach: fill them or list them in NOT_SCANNED").isEmpty();
        return urls;
    }

    private List<String> fill(String pattern) {
        if (!pattern.contains("{")) {
            return List.of(pattern);
        }
        if (pattern.equals("/admin/reviews/settings/{ruleId}/{parameter}")) {
            return List.of("/admin/reviews/settings/QY-V001/thresholdPercent");
        }
        if (pattern.startsWith("/contracts/{id}")) {
            String rest = pattern.substring("/contracts/{id}".length()).replace("{n}", "1").replace("{format}", "html");
            if (rest.contains("{")) {
                return List.of();
            }
            return contracts.values().stream().map(id -> "/contracts/" + id + rest).toList();
        }
        String id = switch (pattern.replaceAll("/[^/]*$", "").replaceAll("\\{[^}]+}", "*")) {
            case "/contracts/of-customer" -> customerId;
            case "/customers/*", "/customers" -> customerId;
            case "/our-entities/*", "/our-entities" -> ourEntityId();
            case "/admin/templates/*" -> firstId("/api/v1/templates");
            case "/admin/clauses/*" -> firstId("/api/v1/clauses");
            case "/admin/users/*" -> sales.id();
            case "/admin/teams/*" -> jdbc.sql("SELECT team_id FROM app_user WHERE id = ?").param(sales.id())
                    .query(String.class).single();
            case "/admin/approval-flows" -> firstId("/api/v1/approval-flows");
            case "/imports/templates" -> "customers";
            case "/imports", "/imports/*" -> importJob();
            default -> null;
        };
        return id == null ? List.of() : List.of(pattern.replaceAll("\\{[^}]+}", id));
    }

    private String importJob;

    /** A finished dry run of the salesperson's with a bad row, so that its page shows a problem in words. */
    private String importJob() {
        if (importJob == null) {
            String csv = "客户名称,统一社会信用代码,等级\n" + unique("扫描导入有限公司") + ","
                    + io.qiyue.testing.TestIdentifiers.withWrongCreditCheck(io.qiyue.testing.TestIdentifiers.creditCode())
                    + ",D\n";
            byte[] body = ("--scan\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--scan--\r\n").getBytes(StandardCharsets.UTF_8);
            var started = sales.client().request("POST", "/api/v1/imports?kind=customers&mode=dry-run")
                    .bytes("multipart/form-data; boundary=scan", body).send();
            assertThat(started.status()).as("import: %s", started).isEqualTo(202);
            importJob = started.json().path("id").asString();
            for (int i = 0; i < 300 && !sales.client().get("/api/v1/imports/" + importJob).json().path("status")
                    .asString().equals("SUCCEEDED"); i++) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
        return importJob;
    }

    private String firstId(String path) {
        JsonNode list = admin().get(path).json();
        JsonNode items = list.isArray() ? list : list.path("items");
        return items.isEmpty() ? null : items.get(0).path("id").asString();
    }

    /** A page as a browser of one user fetches it, in the language asked for with {@code lang}. */
    private record Page(int status, String contentType, String body) {
        boolean html() {
            return contentType.startsWith("text/html");
        }
    }

    private final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();

        Browser signIn(String username, String password) {
            var login = get("/login", ZH);
            var m = CSRF.matcher(login.body());
            assertThat(m.find()).as("a CSRF token on the login page").isTrue();
            String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + m.group(1);
            var signedIn = send(HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            assertThat(signedIn.body()).as("signed in as %s", username).doesNotContain("name=\"password\"");
            return this;
        }

        /** Submits a form the way the page at {@code formPage} does: with its CSRF token, names and values alternating. */
        Page post(String formPage, String action, List<String> namesAndValues, Locale language) {
            var m = CSRF.matcher(get(formPage, language).body());
            assertThat(m.find()).as("a CSRF token on %s", formPage).isTrue();
            var body = new StringBuilder("_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8));
            for (int i = 0; i < namesAndValues.size(); i += 2) {
                body.append('&').append(URLEncoder.encode(namesAndValues.get(i), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(namesAndValues.get(i + 1), StandardCharsets.UTF_8));
            }
            String lang = language == ZH ? "zh-CN" : "en";
            return send(HttpRequest.newBuilder(uri(action + "?lang=" + lang)).header("Accept-Language", lang)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        }

        Page get(String path, Locale language) {
            String lang = language == ZH ? "zh-CN" : "en";
            return send(HttpRequest.newBuilder(uri(path + (path.contains("?") ? "&" : "?") + "lang=" + lang))
                    .header("Accept-Language", lang).GET().build());
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private Page send(HttpRequest request) {
            try {
                var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Page(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(request.uri().toString(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
