package io.qiyue.search;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import io.qiyue.testing.TestIdentifiers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/search} over HTTP: what the index follows, the data scope, filters, paging, bad input, rebuild. */
abstract class SearchApiContract extends ApiTestSupport {
    @org.springframework.beans.factory.annotation.Autowired
    SearchFeeder feeder;

    /** While the index is rebuilt, an answer says how far the rebuild has come, in the API and on the page. */
    @Test
    void anAnswerDuringARebuildSaysItMayBeIncomplete() throws Exception {
        assertThat(search(admin(), "q=" + enc(marker())).path("indexRebuildPercent").isNull()).isTrue();
        var field = SearchFeeder.class.getDeclaredField("progress");
        field.setAccessible(true);
        @SuppressWarnings("unchecked")
        var progress = (java.util.concurrent.atomic.AtomicReference<RebuildProgress>) field.get(feeder);
        var before = progress.get();
        // stands for a rebuild under way, without racing a real one (the test database is rebuilt in milliseconds)
        if (!progress.compareAndSet(before, new RebuildProgress(RebuildProgress.Status.RUNNING, 40, 100,
                java.time.Instant.now(), null))) {
            return;
        }
        try {
            assertThat(search(admin(), "q=" + enc(marker())).path("indexRebuildPercent").asInt()).isEqualTo(40);
            var page = new io.qiyue.testing.Browser(port).login("admin", ADMIN_PASSWORD).get("/search?q=" + enc(marker()));
            assertThat(page.body()).contains("id=\"search-rebuilding\"", "40%");
        } finally {
            progress.compareAndSet(progress.get(), before);
        }
    }

    @Test
    void findsClauseTextWithinTheCallersScopeOnly() {
        String team = createTeam();
        String otherTeam = createTeam();
        var seller = createUser("SALES", team);
        var manager = createUser("SALES_MANAGER", team);
        var outsider = createUser("SALES", otherTeam);
        String marker = marker();
        String customerId = createOrganization(seller.client()).path("id").asString();
        var body = ContractSamples.contract("SERVICE", "机房运行维护服务合同 " + marker, customerId, ourEntityId());
        ((ObjectNode) body.get("terms").get("service")).put("scope", "甲方总部机房的运行维护 " + marker);
        String id = createContract(seller.client(), body).path("id").asString();

        var found = awaitSearch(seller.client(), "q=" + enc("运维 " + marker), r -> r.path("total").asLong() == 1);
        var hit = found.path("items").get(0);
        assertThat(hit.path("kind").asString()).isEqualTo("CONTRACT");
        assertThat(hit.path("id").asString()).isEqualTo(id);
        assertThat(hit.path("title").asString()).contains(marker);
        assertThat(hit.path("snippet").asString()).contains("<em>");
        assertThat(hit.path("score").asDouble()).isPositive();

        assertThat(search(manager.client(), "q=" + enc(marker)).path("total").asLong()).as("the team's manager").isEqualTo(1);
        assertThat(search(admin(), "q=" + enc(marker)).path("total").asLong()).as("an admin").isEqualTo(1);
        var hidden = search(outsider.client(), "q=" + enc(marker));
        assertThat(hidden.path("total").asLong()).as("another team's salesperson").isZero();
        assertThat(hidden.path("items").size()).isZero();
        assertThat(search(outsider.client(), "q=" + enc(marker) + "&owner=" + seller.username()).path("total").asLong())
                .as("naming the owner does not widen the scope").isZero();
    }

    /** What is being typed is the start of a word too: 保 suggests 保密协议 (outside tester: it did not). */
    @Test
    void suggestionsFindWhatIsTypedAsThePartOfATitle() {
        var seller = createUser("SALES", null);
        String marker = marker();
        String customerId = createOrganization(seller.client()).path("id").asString();
        String title = marker + "技术资料保密协议";
        createContract(seller.client(), ContractSamples.contract("CONFIDENTIALITY", title, customerId, ourEntityId()));
        awaitSearch(seller.client(), "q=" + enc(marker), r -> r.path("total").asLong() >= 1);
        var browser = new io.qiyue.testing.Browser(port).login(seller.username(), USER_PASSWORD);
        assertThat(browser.get("/search/suggestions?q=" + enc("保")).body()).contains(title);
        assertThat(browser.get("/search/suggestions?q=" + enc("资料保")).body()).contains(title);
    }

    @Test
    void aCreditCodeFindsItsCustomerAndAContractNumberItsContract() {
        var seller = createUser("SALES", null);
        String creditCode = TestIdentifiers.creditCode();
        var customer = seller.client().post("/api/v1/customers",
                organizationBody(unique("宁波港口物流有限公司"), creditCode).toString());
        assertThat(customer.status()).isEqualTo(201);
        String customerId = customer.json().path("id").asString();
        var contract = createContract(seller.client(),
                ContractSamples.contract("CONFIDENTIALITY", unique("保密协议"), customerId, ourEntityId()));

        var byCode = awaitSearch(seller.client(), "q=" + creditCode + "&kind=customer", r -> r.path("total").asLong() >= 1);
        assertThat(byCode.path("items").get(0).path("id").asString()).isEqualTo(customerId);
        assertThat(byCode.path("items").get(0).path("kind").asString()).isEqualTo("CUSTOMER");
        var byNumber = awaitSearch(seller.client(), "q=" + enc(contract.path("number").asString()),
                r -> r.path("total").asLong() >= 1);
        assertThat(byNumber.path("items").get(0).path("id").asString()).isEqualTo(contract.path("id").asString());

        // parts of words smartcn keeps whole (有限公司) and of several words (港口物) find the name, as the list does
        for (String part : List.of("有限", "港口物", "物流有限公司")) {
            var byPart = awaitSearch(seller.client(), "q=" + enc(part) + "&kind=customer",
                    r -> r.path("total").asLong() >= 1);
            assertThat(byPart.path("items").findValuesAsString("id")).as(part).contains(customerId);
        }
        assertThat(search(seller.client(), "q=" + enc("有限 无此词") + "&kind=customer").path("total").asLong())
                .as("words apart still all match").isZero();
    }

    @Test
    void filtersSortAndPages() {
        var seller = createUser("SALES", null);
        String marker = marker();
        String customerId = createOrganization(seller.client()).path("id").asString();
        var ids = new ArrayList<String>();
        for (int year = 2027; year <= 2029; year++) {
            var body = ContractSamples.contract("SERVICE", "数据中心服务合同 " + marker, customerId, ourEntityId());
            body.put("startDate", year + "-01-01");
            body.put("endDate", year + "-12-31");
            ((ObjectNode) body.get("amount")).put("value", (year - 2026) * 10000 + ".00");
            ((ObjectNode) body.get("terms").get("payment").get("schedule").get(0).get("amount"))
                    .put("value", (year - 2026) * 5000 + ".00");
            ((ObjectNode) body.get("terms").get("payment").get("schedule").get(1).get("amount"))
                    .put("value", (year - 2026) * 5000 + ".00");
            ids.add(createContract(seller.client(), body).path("id").asString());
        }
        createContract(seller.client(), ContractSamples.contract("CONSULTING", "咨询合同 " + marker, customerId,
                ourEntityId()));
        String q = "q=" + enc(marker);
        awaitSearch(seller.client(), q, r -> r.path("total").asLong() == 4);

        assertThat(search(seller.client(), q + "&type=SERVICE").path("total").asLong()).isEqualTo(3);
        assertThat(search(seller.client(), q + "&type=CONSULTING&kind=CONTRACT").path("total").asLong()).isEqualTo(1);
        assertThat(search(seller.client(), q + "&status=DRAFT").path("total").asLong()).isEqualTo(4);
        assertThat(search(seller.client(), q + "&status=ACTIVE").path("total").asLong()).isZero();
        assertThat(hitIds(search(seller.client(), q + "&type=SERVICE&from=2028-01-01&to=2028-12-31")))
                .containsExactly(ids.get(1));
        assertThat(hitIds(search(seller.client(), q + "&amountMin=15000&amountMax=35000&type=SERVICE")))
                .containsExactlyInAnyOrder(ids.get(1), ids.get(2));
        assertThat(hitIds(search(seller.client(), q + "&type=SERVICE&sort=date")))
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));

        var first = search(seller.client(), q + "&type=SERVICE&sort=date&size=2&page=0");
        var second = search(seller.client(), q + "&type=SERVICE&sort=date&size=2&page=1");
        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(hitIds(first)).containsExactly(ids.get(2), ids.get(1));
        // money as everywhere in the API: a decimal string with its currency
        assertThat(first.path("items").get(0).path("amount").path("value").isString()).as("%s", first).isTrue();
        assertThat(first.path("items").get(0).path("amount").path("value").asString()).isEqualTo("30000.00");
        assertThat(first.path("items").get(0).path("amount").path("currency").asString()).isEqualTo("CNY");
        assertThat(hitIds(second)).containsExactly(ids.get(0));
    }

    @Test
    void refusesBadParametersNamingTheFieldAndTakesAnyTextAsWords() {
        assertProblem(admin().get("/api/v1/search"), 400, "q");
        assertProblem(admin().get("/api/v1/search?q=%20%20"), 400, "q");
        assertProblem(admin().get("/api/v1/search?q=" + "长".repeat(201)), 400, "q");
        // 9,000 bytes of address reach the application, which names the field (outside tester: Tomcat's bare 400)
        assertProblem(admin().get("/api/v1/search?q=" + java.net.URLEncoder.encode("长".repeat(1000),
                java.nio.charset.StandardCharsets.UTF_8)), 400, "q");
        assertProblem(admin().get("/api/v1/search?q=a&kind=ORDER"), 400, "kind");
        var type = admin().get("/api/v1/search?q=a&type=LOAN");
        assertProblem(type, 400, "type");
        // each kind's values with their labels, apart (outside tester: bare codes, customer kinds among contract types)
        assertThat(type.body()).contains("保密协议", "CONFIDENTIALITY", "组织", "ORGANIZATION");
        var contractType = admin().get("/api/v1/search?q=a&kind=CONTRACT&type=PERSON");
        assertProblem(contractType, 400, "type");
        assertThat(contractType.body()).contains("CONFIDENTIALITY").doesNotContain("ORGANIZATION");
        assertProblem(admin().get("/api/v1/search?q=a&status=GONE"), 400, "status");
        assertProblem(admin().get("/api/v1/search?q=a&from=2027-13-01"), 400, "from");
        assertProblem(admin().get("/api/v1/search?q=a&from=2027-02-01&to=2027-01-01"), 400, "to");
        assertProblem(admin().get("/api/v1/search?q=a&amountMin=-1"), 400, "amountMin");
        assertProblem(admin().get("/api/v1/search?q=a&amountMax=1e400"), 400, "amountMax");
        assertProblem(admin().get("/api/v1/search?q=a&sort=name"), 400, "sort");
        assertProblem(admin().get("/api/v1/search?q=a&size=0"), 400, "size");
        assertProblem(admin().get("/api/v1/search?q=a&size=201"), 400, "size");
        assertThat(admin().get("/api/v1/search?q=a&size=200").status()).as("as every list").isEqualTo(200);
        assertProblem(admin().get("/api/v1/search?q=a&size=x"), 400, "size");
        assertProblem(admin().get("/api/v1/search?q=a&page=-1"), 400, "page");
        assertProblem(admin().get("/api/v1/search?q=a&page=5000&size=100"), 400, "page");
        assertProblem(admin().get("/api/v1/search?q=a&page=2147483647&size=100"), 400, "page");
        assertProblem(admin().get("/api/v1/search?q=a&page=99999999999"), 400, "page");
        for (String odd : List.of("保密 AND (", "\"", "*:*", "title:[a TO", "\\", "~1", "-", "<em>x</em>")) {
            var answer = admin().get("/api/v1/search?q=" + enc(odd));
            assertThat(answer.status()).as(odd).isEqualTo(200);
            // a snippet's only markup is the highlight: whatever else it quotes (here possibly other tests' records
            // that hold an "x", a "<" or a formula) is escaped
            for (JsonNode item : answer.json().path("items")) {
                assertThat(item.path("snippet").asString().replace("<em>", "").replace("</em>", ""))
                        .as(odd).doesNotContain("<", ">");
            }
        }
    }

    @Test
    void onlyAdminsRebuildAndTheRebuildReportsProgress() {
        var seller = createUser("SALES", null);
        // two contracts whose clause texts differ: the rebuild reads documents' texts in batches and must give each
        // contract its own
        String customerId = createOrganization(seller.client()).path("id").asString();
        var ids = new java.util.ArrayList<String>();
        var markers = java.util.List.of(marker(), marker());
        for (String marker : markers) {
            var body = ContractSamples.contract("SERVICE", "机房运行维护服务合同", customerId, ourEntityId());
            ((ObjectNode) body.get("terms").get("service")).put("scope", "甲方总部机房的运行维护 " + marker);
            ids.add(createContract(seller.client(), body).path("id").asString());
        }
        assertProblem(seller.client().post("/api/v1/search/rebuild", ""), 403);
        assertProblem(seller.client().get("/api/v1/search/rebuild"), 403);
        var started = admin().post("/api/v1/search/rebuild", "");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.json().path("status").asString()).isIn("RUNNING", "DONE");
        JsonNode progress = null;
        for (int i = 0; i < 100; i++) {
            progress = admin().get("/api/v1/search/rebuild").json();
            if (!progress.path("status").asString().equals("RUNNING")) {
                break;
            }
            sleep(200);
        }
        assertThat(progress.path("status").asString()).isEqualTo("DONE");
        assertThat(progress.path("processed").asLong()).isEqualTo(progress.path("total").asLong()).isPositive();
        assertThat(search(admin(), "q=" + enc("合同")).path("total").asLong()).as("searchable after the swap").isPositive();
        for (int i = 0; i < markers.size(); i++) {
            var found = search(admin(), "q=" + enc(markers.get(i)));
            assertThat(found.path("total").asLong()).as("marker %d after the rebuild", i).isEqualTo(1);
            assertThat(found.path("items").get(0).path("id").asString()).isEqualTo(ids.get(i));
        }
    }

    /**
     * The contract list's {@code q} once the index holds every change (it then counts and finds the matches there):
     * the same contracts as the database's substring filter, in the caller's scope, with the filters the index does
     * not hold applied by the database; and a change is seen by the next request, whichever answers it.
     */
    @Test
    void theContractListsTextFilterMatchesSubstringsFromTheIndexAsFromTheTable() {
        String team = createTeam();
        var seller = createUser("SALES", team);
        var manager = createUser("SALES_MANAGER", team);
        var outsider = createUser("SALES", createTeam());
        String marker = marker();
        String customerId = createOrganization(seller.client()).path("id").asString();
        String customerMarker = marker();
        String creditCode = TestIdentifiers.creditCode();
        var namedCustomer = seller.client().post("/api/v1/customers",
                organizationBody(unique("温州" + customerMarker + "电子有限公司"), creditCode).toString());
        assertThat(namedCustomer.status()).as("%s", namedCustomer).isEqualTo(201);
        var upkeep = ContractSamples.contract("MAINTENANCE", "机房运维服务协议 " + marker, customerId, ourEntityId());
        upkeep.put("endDate", ContractSamples.YEAR + "-06-30");
        String upkeepId = createContract(seller.client(), upkeep).path("id").asString();
        var secrecy = ContractSamples.contract("CONFIDENTIALITY", "保密协议" + marker.toUpperCase(), customerId,
                ourEntityId());
        secrecy.put("endDate", (ContractSamples.YEAR + 2) + "-03-31");
        var secrecyContract = createContract(seller.client(), secrecy);
        String secrecyId = secrecyContract.path("id").asString();
        String ofTheCustomer = createContract(seller.client(), ContractSamples.contract("CONSULTING", "咨询协议",
                namedCustomer.json().path("id").asString(), ourEntityId())).path("id").asString();
        awaitSearch(seller.client(), "q=" + enc(marker), r -> r.path("total").asLong() == 2);
        awaitSearch(seller.client(), "q=" + enc(customerMarker) + "&kind=CONTRACT",
                r -> r.path("total").asLong() == 1);

        assertThat(listed(seller.client(), "q=" + enc(marker))).as("case ignored")
                .containsExactlyInAnyOrder(upkeepId, secrecyId);
        assertThat(listed(seller.client(), "q=" + enc("运维服务协议 " + marker))).containsExactly(upkeepId);
        assertThat(listed(seller.client(), "q=" + enc("维服"))).as("inside a word").contains(upkeepId)
                .doesNotContain(secrecyId);
        assertThat(listed(seller.client(), "q=" + enc("议" + marker))).as("across words").containsExactly(secrecyId);
        String number = secrecyContract.path("number").asString();
        assertThat(listed(seller.client(), "q=" + enc(number.toLowerCase()))).as("a number").containsExactly(secrecyId);
        assertThat(listed(seller.client(), "q=" + enc(customerMarker))).as("the customer's name")
                .containsExactly(ofTheCustomer);
        assertThat(listed(seller.client(), "q=" + enc(marker) + "&endsBefore=" + (ContractSamples.YEAR + 1) + "-01-01"))
                .as("a filter the database applies").containsExactly(upkeepId);
        assertThat(listed(seller.client(), "q=" + enc(marker) + "&type=CONFIDENTIALITY")).containsExactly(secrecyId);
        var page = seller.client().get("/api/v1/contracts?size=1&sort=title,asc&q=" + enc(marker)).json();
        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(ids(page)).hasSize(1);
        assertThat(listed(manager.client(), "q=" + enc(marker))).containsExactlyInAnyOrder(upkeepId, secrecyId);
        assertThat(listed(outsider.client(), "q=" + enc(marker))).as("another team's contracts").isEmpty();
        assertThat(listed(seller.client(), "q=" + enc(marker + "不存在"))).isEmpty();
        String customer = namedCustomer.json().path("id").asString();
        assertThat(customersListed(seller.client(), "q=" + enc(customerMarker.toUpperCase()))).containsExactly(customer);
        assertThat(customersListed(seller.client(), "q=" + creditCode.substring(2, 16).toLowerCase()))
                .as("a credit code's part").containsExactly(customer);
        assertThat(customersListed(outsider.client(), "q=" + enc(customerMarker))).isEmpty();

        String path = "/api/v1/contracts/" + upkeepId;
        var renamed = seller.client().patch(path, "{\"title\": \"年度巡检协议 " + marker + "\"}",
                seller.client().get(path).header("ETag"));
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);
        assertThat(listed(seller.client(), "q=" + enc("运维服务协议 " + marker))).as("at once, not when indexed")
                .isEmpty();
        assertThat(listed(seller.client(), "q=" + enc("巡检协议 " + marker))).containsExactly(upkeepId);
        awaitSearch(seller.client(), "q=" + enc("巡检 " + marker), r -> r.path("total").asLong() == 1);
        assertThat(listed(seller.client(), "q=" + enc("运维服务协议 " + marker))).isEmpty();
        assertThat(listed(seller.client(), "q=" + enc("巡检协议 " + marker))).containsExactly(upkeepId);
    }

    private static List<String> customersListed(ApiClient as, String query) {
        HttpResponse answer = as.get("/api/v1/customers?size=100&" + query);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().path("total").asLong()).isEqualTo(answer.json().path("items").size());
        return ids(answer.json());
    }

    private static List<String> listed(ApiClient as, String query) {
        HttpResponse answer = as.get("/api/v1/contracts?size=100&" + query);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().path("total").asLong()).isEqualTo(answer.json().path("items").size());
        return ids(answer.json());
    }

    protected static String marker() {
        return "qs" + unique("").replace("-", "");
    }

    protected static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    protected static JsonNode search(ApiClient as, String query) {
        HttpResponse answer = as.get("/api/v1/search?" + query);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    /** Searches until {@code done} holds, for up to ten seconds (the index follows changes about every second). */
    protected static JsonNode awaitSearch(ApiClient as, String query, Predicate<JsonNode> done) {
        return awaitSearchFor(as, query, done, 50);
    }

    static JsonNode awaitSearchFor(ApiClient as, String query, Predicate<JsonNode> done, int tries) {
        JsonNode last = null;
        for (int i = 0; i < tries; i++) {
            last = search(as, query);
            if (done.test(last)) {
                return last;
            }
            sleep(200);
        }
        throw new AssertionError("the index did not catch up for " + query + ": " + last);
    }

    protected static List<String> hitIds(JsonNode result) {
        var ids = new ArrayList<String>();
        result.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
