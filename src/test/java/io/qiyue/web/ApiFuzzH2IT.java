package io.qiyue.web;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10: a seeded fuzz test over the JSON bodies, query strings, path variables and headers of every
 * endpoint of the API, enumerated from Spring's handler mappings (so that later endpoints join it), as an
 * admin and as a SALES user. Bodies start from a valid-looking body of the endpoint's input type (built by
 * reflection over its records) and are mutated with hostile values: wrong types, nulls, huge numbers, deep
 * nesting, control and bidi characters, lone surrogates, invalid UTF-8 bytes, long strings, truncation.
 * Every answer must be below 500, and every error must be problem+json. The UI's pages get the same query
 * strings and path variables: never a 500, and an error is the error page.
 * <p>
 * The seed is printed; rerun one with {@code -Dqiyue.fuzz.seed=N} (or {@code QIYUE_FUZZ_SEED=N}). It runs in
 * a database of its own (the property below makes a context of its own), since it changes whatever an admin
 * may change.
 */
@UsingDatabase(TestDatabase.H2)
@TestPropertySource(properties = "qiyue.test.fuzz=true")
class ApiFuzzH2IT extends ApiTestSupport {
    /** Rounds over every endpoint and identity: about 65 endpoints × 2 identities × 3 rounds, and one round over the pages. */
    private static final int ROUNDS = 3;
    private static final int UI_ROUNDS = 1;
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HOSTILE_MARK = "\u0000hostile\u0000";

    /** Values as raw JSON text, so that they can be what no JSON writer would produce. */
    private static final String[] HOSTILE_JSON = {
            "null", "0", "-1", "2147483648", "-9223372036854775809", "1e400", "123456789012345678901234567890.123",
            "1.5", "-0.0", "true", "\"\"", "\" \"", "\"\\u200b\\u00a0\"", "\"\\u0000\"", "\"a\\u0001b\"", "\"\\ud800\"",
            "\"\\udfff x\"", "\"\\uffff\"", "\"\\u202e\u53cd\u8f6c\"", "\"%ff\"", "\"2027-02-30\"", "\"NaN\"",
            "\"\uff11\uff12\uff13\"", "\"<script>alert(1)</script>\"", "\"{{#x}}\"", "\"../../etc/passwd\"", "[]", "{}",
            "[null]", "{\"x\":1}", "\"" + "长".repeat(70_000) + "\"", "[" + "1,".repeat(5_000) + "1]",
            "[".repeat(2_000) + "]".repeat(2_000), "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500)};

    private static final String[] HOSTILE_PARAMS = {
            "%ff", "%00", "%01", "%ED%A0%80", "%EF%BF%BF", "%E2%80%AE", ",", ",,asc", ",asc", "-1", "0", "2147483648",
            "99999999999999999999", "abc", "2027-13-45", "1e3", "%20", "", "a%2Cb%2Cc", "..%2F..", "x".repeat(3_000),
            "name,desc", "updatedAt,asc", "SERVICE", "DRAFT", "html", "pdf", "docx", "%25ff", "%25"};

    private static final String[] HOSTILE_PATH = {
            "%ff", "..", "%2e%2e", "x".repeat(300), "-1", "0", "2147483648", "%00", "%20", "a;b", "%E2%80%AE", "null"};

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(String method, String pattern, Class<?> bodyType, boolean jsonBody, List<String> parameters) {
    }

    record Failure(String who, String method, String path, String body, int status, String contentType, String answer) {
        @Override
        public String toString() {
            return who + " " + method + " " + path + " → " + status + " " + contentType + "\n  body: "
                    + abbreviate(body, 300) + "\n  answer: " + abbreviate(answer, 300);
        }
    }

    @Test
    void noHostileRequestIsAServerErrorAndEveryErrorIsAProblem() {
        long started = System.nanoTime();
        long seed = Long.parseLong(System.getProperty("qiyue.fuzz.seed",
                System.getenv().getOrDefault("QIYUE_FUZZ_SEED", String.valueOf(System.nanoTime()))));
        System.out.println("ApiFuzzH2IT seed: " + seed + " (rerun with -Dqiyue.fuzz.seed=" + seed + ")");
        var random = new Random(seed);

        var endpoints = endpoints();
        assertThat(endpoints).as("API endpoints found in the handler mappings").hasSizeGreaterThan(40);
        var identities = new LinkedHashMap<String, ApiClient>();
        identities.put("admin", admin());
        identities.put("sales", createUser("SALES", null).client());
        var ids = new LinkedHashMap<String, Map<String, String>>();
        identities.forEach((who, client) -> ids.put(who, fixtures(client)));

        var failures = new ArrayList<Failure>();
        int requests = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (var endpoint : endpoints) {
                for (var identity : identities.entrySet()) {
                    var who = identity.getKey();
                    String path = path(endpoint, ids.get(who), random) + query(endpoint, random);
                    var request = identity.getValue().request(endpoint.method(), path);
                    if (random.nextInt(4) > 0) {
                        request.header("If-Match", pick(random, "\"1\"", "\"2\"", "*", "W/\"1\"", "\"x\"", "\"-1\"",
                                "\"99999999999\""));
                    }
                    if (endpoint.method().equals("POST") && random.nextInt(5) == 0) {
                        request.header("Idempotency-Key", pick(random, "k-" + random.nextInt(1000), "x".repeat(101), "key with spaces"));
                    }
                    String body = null;
                    if (endpoint.jsonBody()) {
                        body = body(endpoint, random);
                        if (random.nextInt(10) == 0) {
                            request.bytes("application/json", corrupt(body, random));
                        } else {
                            request.body(endpoint.method().equals("PATCH") && random.nextBoolean()
                                    ? "application/merge-patch+json" : "application/json", body);
                        }
                    }
                    HttpResponse response;
                    try {
                        response = request.send();
                    } catch (RuntimeException e) {
                        failures.add(new Failure(who, endpoint.method(), path, body, -1, null, e.toString()));
                        continue;
                    }
                    requests++;
                    String type = response.contentType() == null ? "" : response.contentType();
                    if (response.status() >= 500 || (response.status() >= 400 && !type.startsWith("application/problem+json"))) {
                        failures.add(new Failure(who, endpoint.method(), path, body, response.status(), type, response.body()));
                    }
                }
            }
        }
        // the UI's pages and their query strings: never a 500, an error is the error page
        var sales = createUser("SALES", null);
        var browsers = new LinkedHashMap<String, Browser>();
        browsers.put("admin", new Browser(port).login("admin", ADMIN_PASSWORD));
        browsers.put("sales", new Browser(port).login(sales.username(), USER_PASSWORD));
        var pages = pages();
        for (int round = 0; round < UI_ROUNDS; round++) {
            for (var page : pages) {
                for (var browser : browsers.entrySet()) {
                    String path = path(page, ids.get(browser.getKey()), random) + query(page, random);
                    var response = browser.getValue().get(path);
                    requests++;
                    if (response.statusCode() >= 500 || (response.statusCode() >= 400
                            && !response.body().contains("id=\"error-detail\""))) {
                        failures.add(new Failure(browser.getKey(), "GET", path, null, response.statusCode(),
                                response.headers().firstValue("Content-Type").orElse(""), response.body()));
                    }
                }
            }
        }
        System.out.println("ApiFuzzH2IT: " + requests + " requests over " + endpoints.size() + " API endpoints and "
                + pages.size() + " pages in " + (System.nanoTime() - started) / 1_000_000 + " ms, seed " + seed);
        assertThat(failures).as("answers ≥ 500 or errors that are not problem+json (seed %d)", seed).isEmpty();
    }

    /** Every page of the UI that answers GET, from the handler mappings, with its query parameters. */
    private List<Endpoint> pages() {
        var found = new TreeMap<String, Endpoint>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                var methods = info.getMethodsCondition().getMethods();
                // /v3/api-docs and the like are JSON for tools, not pages: they answer a browser's Accept with 406
                if (!pattern.startsWith("/api/") && !pattern.startsWith("/error") && !pattern.startsWith("/v3/")
                        && !pattern.startsWith("/swagger") && methods.contains(RequestMethod.GET)) {
                    found.put(pattern, endpoint("GET", pattern, handler));
                }
            }
        });
        return List.copyOf(found.values());
    }

    /** Every endpoint under /api/, from the handler mappings, with its body type and query parameters. */
    private List<Endpoint> endpoints() {
        var found = new TreeMap<String, Endpoint>();
        var putTypes = new LinkedHashMap<String, Class<?>>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
                    var endpoint = endpoint(method.name(), pattern, handler);
                    found.put(pattern + " " + method, endpoint);
                    if (method == RequestMethod.PUT && endpoint.bodyType() != null) {
                        putTypes.put(pattern, endpoint.bodyType());
                    }
                }
            }
        });
        // a merge patch is a partial body of what PUT takes
        var out = new ArrayList<Endpoint>();
        for (var e : found.values()) {
            out.add(e.bodyType() == null && e.jsonBody() && putTypes.containsKey(e.pattern())
                    ? new Endpoint(e.method(), e.pattern(), putTypes.get(e.pattern()), true, e.parameters()) : e);
        }
        return out;
    }

    private static Endpoint endpoint(String method, String pattern, HandlerMethod handler) {
        Class<?> bodyType = null;
        boolean json = false;
        var parameters = new ArrayList<String>();
        for (MethodParameter p : handler.getMethodParameters()) {
            if (p.hasParameterAnnotation(RequestBody.class)) {
                json = true;
                var documented = p.getParameterAnnotation(io.swagger.v3.oas.annotations.parameters.RequestBody.class);
                if (documented != null && documented.content().length > 0) {
                    bodyType = documented.content()[0].schema().implementation();
                } else if (!JsonNode.class.isAssignableFrom(p.getParameterType())) {
                    bodyType = p.getParameterType();
                }
            }
            var param = p.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                        : p.getParameterName();
                if (name != null) {
                    parameters.add(name);
                }
            }
        }
        if (pattern.endsWith("/versions") && method.equals("POST")) {
            json = false; // multipart upload: its file errors are tested apart
        }
        return new Endpoint(method, pattern, bodyType, json, parameters);
    }

    /** Real ids the identity may use, so that requests also reach the code behind the lookups. */
    private Map<String, String> fixtures(ApiClient client) {
        var ids = new LinkedHashMap<String, String>();
        var customer = createOrganization(client);
        ids.put("customers", customer.path("id").asString());
        ids.put("contactId", customer.path("contacts").get(0).path("id").asString());
        ids.put("contracts", createContract(client, ContractSamples.contract("SERVICE", unique("合同"),
                customer.path("id").asString(), ourEntityId())).path("id").asString());
        ids.put("our-entities", ourEntityId());
        var admin = admin();
        ids.put("users", createUser("SALES", null).id());
        ids.put("teams", createTeam());
        ids.put("templates", admin.get("/api/v1/templates").json().path("items").get(0).path("id").asString());
        var clause = admin.post("/api/v1/clauses", "{\"category\": \"GENERAL\", \"title\": \"" + unique("条款")
                + "\", \"text\": \"双方应友好协商。\"}");
        ids.put("clauses", clause.json().path("id").asString());
        return ids;
    }

    private static String path(Endpoint endpoint, Map<String, String> ids, Random random) {
        Matcher m = VARIABLE.matcher(endpoint.pattern());
        var sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String before = endpoint.pattern().substring(0, m.start());
            String collection = before.replaceAll(".*/([^/]+)/$", "$1");
            String real = switch (name) {
                case "id" -> ids.get(collection);
                case "contactId" -> ids.get("contactId");
            case "customerId" -> ids.get("customers");
                case "ruleId" -> "QY-V001";
                case "parameter" -> "thresholdPercent";
                case "version", "n" -> pick(random, "1", "2", "1000000001");
                default -> null;
            };
            String value = real != null && random.nextInt(5) > 0 ? real : pick(random, HOSTILE_PATH);
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String query(Endpoint endpoint, Random random) {
        var names = new ArrayList<>(endpoint.parameters());
        names.add(pick(random, "q", "sort", "page", "size", "lang", "x%ff"));
        var parts = new ArrayList<String>();
        for (String name : names) {
            if (random.nextInt(3) == 0) {
                parts.add(name + "=" + pick(random, HOSTILE_PARAMS));
            }
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    /** A body for the endpoint: a plausible one of its input type with one to three values made hostile. */
    private static String body(Endpoint endpoint, Random random) {
        if (random.nextInt(12) == 0) {
            return pick(random, "null", "[]", "1", "\"x\"", "true", "{}", "", "{\"a\":1}", "{", "{\"a\":}", "{}{}");
        }
        JsonNode tree = endpoint.bodyType() == null ? NODES.objectNode() : sample(endpoint.bodyType(), 0, random);
        if (!(tree instanceof ObjectNode root)) {
            return tree.toString();
        }
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutate(root, random);
        }
        String text = root.toString();
        String hostile = pick(random, HOSTILE_JSON);
        return text.replace("\"" + escapedMark() + "\"", hostile);
    }

    private static String escapedMark() {
        return NODES.stringNode(HOSTILE_MARK).toString().replace("\"", "");
    }

    /** Replaces a random value of the tree by the hostile mark, drops one, or adds an unknown field. */
    private static void mutate(ObjectNode root, Random random) {
        var holders = new ArrayList<JsonNode>();
        collect(root, holders);
        var holder = holders.get(random.nextInt(holders.size()));
        int action = random.nextInt(10);
        if (holder instanceof ObjectNode object) {
            var names = new ArrayList<>(object.propertyNames());
            if (names.isEmpty() || action == 0) {
                object.put(pick(random, "unknown", "id", "version", "createdAt", "__proto__"), HOSTILE_MARK);
            } else if (action == 1) {
                object.remove(names.get(random.nextInt(names.size())));
            } else {
                object.put(names.get(random.nextInt(names.size())), HOSTILE_MARK);
            }
        } else if (holder instanceof ArrayNode array) {
            if (array.isEmpty() || action == 0) {
                array.add(HOSTILE_MARK);
            } else {
                array.set(random.nextInt(array.size()), NODES.stringNode(HOSTILE_MARK));
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> holders) {
        if (node.isObject() || node.isArray()) {
            holders.add(node);
            node.forEach(child -> collect(child, holders));
        }
    }

    /** Bytes a client with the wrong encoding or a broken connection sends: invalid UTF-8, or a cut body. */
    private static byte[] corrupt(String body, Random random) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return new byte[]{(byte) 0xff};
        }
        if (random.nextBoolean()) {
            bytes = bytes.clone();
            bytes[random.nextInt(bytes.length)] = (byte) pickInt(random, 0xff, 0xc3, 0xed, 0x80, 0x00);
            return bytes;
        }
        return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }

    /** A plausible JSON value of a Java type, built from its record components. */
    private static JsonNode sample(Type type, int depth, Random random) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (depth > 6) {
            return NODES.nullNode();
        }
        if (raw == String.class) {
            return NODES.stringNode(pick(random, "样例文本", "GENERAL", "上海仲裁委员会", "13800138000", "a@example.com"));
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return NODES.numberNode(pickInt(random, 1, 30, 2027));
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return NODES.booleanNode(random.nextBoolean());
        }
        if (raw == BigDecimal.class) {
            return NODES.stringNode(pick(random, "10", "120000.00", "0.05"));
        }
        if (raw == LocalDate.class) {
            return NODES.stringNode("2027-01-01");
        }
        if (raw == Instant.class) {
            return NODES.stringNode("2027-01-01T00:00:00Z");
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return NODES.stringNode(((Enum<?>) constants[random.nextInt(constants.length)]).name());
        }
        if (raw == io.qiyue.shared.Money.class) {
            var money = NODES.objectNode();
            money.put("value", "1000.00");
            money.put("currency", "CNY");
            return money;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            var array = NODES.arrayNode();
            if (type instanceof ParameterizedType p) {
                array.add(sample(p.getActualTypeArguments()[0], depth + 1, random));
            }
            return array;
        }
        if (raw.isRecord()) {
            var object = NODES.objectNode();
            for (RecordComponent c : raw.getRecordComponents()) {
                if (random.nextInt(6) > 0) {
                    object.set(c.getName(), sample(c.getGenericType(), depth + 1, random));
                }
            }
            return object;
        }
        return NODES.objectNode();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static int pickInt(Random random, int... values) {
        return values[random.nextInt(values.length)];
    }

    private static String abbreviate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
