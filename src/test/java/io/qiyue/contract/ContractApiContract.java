package io.qiyue.contract;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Contracts over HTTP: the five types, ETags and If-Match, idempotency, numbering, versions, types, lists. */
abstract class ContractApiContract extends ApiTestSupport {
    @org.springframework.beans.factory.annotation.Autowired
    Contracts contracts;
    private static final Map<String, String> CODES = Map.of("SERVICE", "SVC", "CONFIDENTIALITY", "NDA",
            "MAINTENANCE", "MNT", "CONSULTING", "CST", "INFO_SHARING", "ISH");

    @ParameterizedTest
    @ValueSource(strings = {"SERVICE", "CONFIDENTIALITY", "MAINTENANCE", "CONSULTING", "INFO_SHARING"})
    void createsAContractOfEachTypeWithTypedTerms(String type) {
        String customerId = createOrganization(admin()).path("id").asString();
        var body = ContractSamples.contract(type, unique("合同"), customerId, ourEntityId());

        var created = admin().post("/api/v1/contracts", body.toString());

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        var contract = created.json();
        String id = contract.path("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/contracts/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        int year = Instant.parse(contract.path("createdAt").asString()).atZone(ZoneId.of("Asia/Shanghai")).getYear();
        assertThat(contract.path("number").asString()).matches("QY-" + CODES.get(type) + "-" + year + "-\\d{6}");
        assertThat(contract.path("status").asString()).isEqualTo("DRAFT");
        assertThat(contract.path("version").asInt()).isEqualTo(1);
        assertThat(contract.path("owner").asString()).isEqualTo("admin");
        assertThat(contract.path("terms")).isEqualTo(body.path("terms"));

        var fetched = admin().get("/api/v1/contracts/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("ETag")).isEqualTo("\"1\"");
        assertThat(fetched.json().path("terms")).isEqualTo(body.path("terms"));
        assertThat(fetched.json().path("customerName").asString()).startsWith("杭州示例科技有限公司");
        if (body.has("amount")) {
            assertThat(fetched.json().path("amount").path("value").asString()).isEqualTo("120000.00");
            assertThat(fetched.json().path("amount").path("currency").asString()).isEqualTo("CNY");
        } else {
            assertThat(fetched.json().path("amount").isNull() || fetched.json().path("amount").isMissingNode()).isTrue();
        }
    }

    @Test
    void theTimesAWriteAnswersAreTheStoredOnes() {
        var created = createContract(admin(), "SERVICE");
        String path = "/api/v1/contracts/" + created.path("id").asString();
        var read = admin().get(path);
        assertThat(read.json().path("createdAt").asString()).isEqualTo(created.path("createdAt").asString());
        assertThat(read.json().path("updatedAt").asString()).isEqualTo(created.path("updatedAt").asString());

        var patched = admin().request("PATCH", path).header("If-Match", read.header("ETag"))
                .body("application/merge-patch+json", "{\"title\": \"" + unique("改后") + "\"}").send();
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(admin().get(path).json().path("updatedAt").asString())
                .as("not the same instant with three more digits").isEqualTo(patched.json().path("updatedAt").asString());
    }

    @Test
    void paidTypesNeedAnAmountUnlessDeliberatelyFree() {
        String customerId = createOrganization(admin()).path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique("合同"), customerId, ourEntityId());
        body.remove("amount");
        long before = contractCount();

        assertProblem(admin().post("/api/v1/contracts", body.toString()), 400, "amount");
        assertThat(contractCount()).isEqualTo(before);

        var payment = (tools.jackson.databind.node.ObjectNode) body.path("terms").path("payment");
        payment.put("noConsideration", true);
        // free of charge, yet with instalments (and then an amount): refused, the document would drop them
        assertProblem(admin().post("/api/v1/contracts", body.toString()), 400, "terms.payment.schedule");
        body.putObject("amount").put("value", "10000.00").put("currency", "CNY");
        assertProblem(admin().post("/api/v1/contracts", body.toString()), 400, "amount", "terms.payment.schedule");
        assertThat(contractCount()).isEqualTo(before);

        body.remove("amount");
        payment.remove("schedule");
        payment.remove("deposit");
        assertThat(admin().post("/api/v1/contracts", body.toString()).status()).isEqualTo(201);
    }

    @Test
    void sensitivePersonalInformationIsPersonalInformation() {
        String customerId = createOrganization(admin()).path("id").asString();
        var body = ContractSamples.contract("INFO_SHARING", unique("协议"), customerId, ourEntityId());
        var shared = (tools.jackson.databind.node.ObjectNode) body.path("terms").path("sharedInformation");
        shared.put("containsPersonalInformation", false);
        shared.put("containsSensitivePersonalInformation", true);
        long before = contractCount();

        assertProblem(admin().post("/api/v1/contracts", body.toString()), 400,
                "terms.sharedInformation.containsPersonalInformation");
        assertThat(contractCount()).isEqualTo(before);
    }

    /** Found by an outside tester: ¥0.001 of damages was accepted, under a message saying two decimals at most. */
    @Test
    void aFixedSumOfDamagesIsInFen() {
        String customerId = createOrganization(admin()).path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique("违约金"), customerId, ourEntityId());
        var damages = ((tools.jackson.databind.node.ObjectNode) body.path("terms").path("breach"))
                .putObject("liquidatedDamages");
        damages.put("basis", "FIXED").put("value", "0.001");
        assertProblem(admin().post("/api/v1/contracts", body.toString()), 400, "terms.breach.liquidatedDamages.value");
        damages.put("value", "5000.50");
        assertThat(admin().post("/api/v1/contracts", body.toString()).status()).isEqualTo(201);
        damages.put("basis", "PERCENT_OF_AMOUNT").put("value", "0.125");
        assertThat(admin().post("/api/v1/contracts", body.toString()).status()).as("a rate keeps its decimals")
                .isEqualTo(201);
    }

    /**
     * Outside tester: a body with a type that could not be read was answered for its type alone; the end before the
     * start, a rule of the contract's, came only once the type was right. One answer names both, created or changed.
     */
    @Test
    void anUnreadableTypeIsAnsweredWithEveryOtherProblemOfTheBody() {
        String customerId = createOrganization(admin()).path("id").asString();
        var body = ContractSamples.contract("SERVICE", "", customerId, ourEntityId());
        body.put("type", "NO_SUCH_TYPE");
        body.put("startDate", ContractSamples.YEAR + "-06-01");
        body.put("endDate", ContractSamples.YEAR + "-01-01");
        var created = admin().post("/api/v1/contracts", body.toString());
        assertProblem(created, 400);
        assertThat(created.errorFields()).containsExactlyInAnyOrder("type", "title", "endDate");

        var contract = createContract(admin(), "SERVICE");
        String path = "/api/v1/contracts/" + contract.path("id").asString();
        var put = admin().put(path, body.toString(), "\"1\"");
        assertProblem(put, 400);
        assertThat(put.errorFields()).containsExactlyInAnyOrder("type", "title", "endDate");
        var patch = admin().patch(path, "{\"type\": 7, \"endDate\": \"" + ContractSamples.YEAR + "-01-01\","
                + " \"startDate\": \"" + ContractSamples.YEAR + "-06-01\"}", "\"1\"");
        assertProblem(patch, 400);
        assertThat(patch.errorFields()).containsExactlyInAnyOrder("type", "endDate");
    }

    @Test
    void putAndMergePatchNeedTheCurrentVersion() {
        var contract = createContract(admin(), "SERVICE");
        String path = "/api/v1/contracts/" + contract.path("id").asString();
        var body = ContractSamples.contract("SERVICE", "改后的标题", contract.path("customerId").asString(), ourEntityId());

        assertProblem(admin().put(path, body.toString(), null), 428);
        assertProblem(admin().put(path, body.toString(), "\"2\""), 412);
        assertThat(admin().get(path).json().path("title").asString()).isEqualTo(contract.path("title").asString());

        var put = admin().put(path, body.toString(), "\"1\"");
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.header("ETag")).isEqualTo("\"2\"");
        assertThat(put.json().path("title").asString()).isEqualTo("改后的标题");
        assertThat(put.json().path("number").asString()).isEqualTo(contract.path("number").asString());

        var patch = admin().patch(path, """
                { "title": "再改的标题", "terms": { "service": { "scope": "全国分支机构" }, "intellectualProperty": null } }
                """, put.header("ETag"));
        assertThat(patch.status()).as("%s", patch).isEqualTo(200);
        assertThat(patch.header("ETag")).isEqualTo("\"3\"");
        var patched = patch.json();
        assertThat(patched.path("title").asString()).isEqualTo("再改的标题");
        assertThat(patched.path("terms").path("service").path("scope").asString()).isEqualTo("全国分支机构");
        assertThat(patched.path("terms").path("service").path("items").get(0).path("name").asString())
                .isEqualTo("服务器巡检");
        assertThat(patched.path("terms").has("intellectualProperty")).isFalse();
        assertThat(patched.path("terms").has("breach")).isTrue();

        var stale = admin().patch(path, "{\"title\": \"x\"}", "\"2\"");
        assertProblem(stale, 412);
        assertThat(stale.json().path("title").asString()).isEqualTo("版本已过期");
        assertProblem(admin().patch(path, "{\"title\": \"x\"}", null), 428);
        var star = admin().patch(path, "{\"title\": \"x\"}", "*");
        assertProblem(star, 412);
        assertThat(star.json().path("detail").asString()).contains("ETag").doesNotContain("当前版本 *");
        // a tag that names no version is not a stale one (outside tester: titled 版本已过期)
        assertThat(star.json().path("title").asString()).isEqualTo("If-Match 无法核对版本");
        assertThat(admin().patch(path, "{\"title\": \"x\"}", "garbage").json().path("type").asString())
                .endsWith("if-match-unusable");
        assertProblem(admin().patch(path, "{\"type\": \"MAINTENANCE\"}", "\"3\""), 400, "type");
        assertProblem(admin().patch(path, "{\"terms\": {\"maintenance\": {\"responseHours\": 4}}}", "\"3\""), 400,
                "terms.maintenance");
        var current = admin().get(path);
        assertThat(current.header("ETag")).isEqualTo("\"3\"");
        assertThat(current.json().path("title").asString()).isEqualTo("再改的标题");
    }

    @Test
    void keepsOneVersionPerSavedChangeWithItsHash() {
        var contract = createContract(admin(), "MAINTENANCE");
        String path = "/api/v1/contracts/" + contract.path("id").asString();
        assertThat(admin().patch(path, "{\"title\": \"第二版\"}", "\"1\"").status()).isEqualTo(200);
        assertThat(admin().patch(path, "{\"title\": \"第三版\"}", "\"2\"").status()).isEqualTo(200);
        assertProblem(admin().patch(path, "{\"title\": \"不会保存\"}", "\"1\""), 412);

        var versions = admin().get(path + "/versions");

        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.json().path("total").asInt()).isEqualTo(3);
        var rows = versions.json().path("items");
        assertThat(rows.size()).isEqualTo(3);
        var secondPage = admin().get(path + "/versions?page=1&size=2").json();
        assertThat(secondPage.path("items").size()).as("the page asked for").isEqualTo(1);
        assertThat(secondPage.path("total").asInt()).isEqualTo(3);
        assertThat(secondPage.path("items").get(0)).isEqualTo(rows.get(2));
        assertProblem(admin().get(path + "/versions?size=201"), 400, "size");
        var numbers = new ArrayList<Integer>();
        var hashes = new HashSet<String>();
        rows.forEach(row -> {
            numbers.add(row.path("version").asInt());
            hashes.add(row.path("sha256").asString());
            assertThat(row.path("sha256").asString()).matches("[0-9a-f]{64}");
            assertThat(row.path("createdBy").asString()).isEqualTo("admin");
            assertThat(row.path("kind").asString()).isNotBlank();
            assertThat(row.path("createdAt").asString()).isNotBlank();
        });
        assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(hashes).hasSize(3);

        var second = admin().get(path + "/versions/2");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("title").asString()).isEqualTo("第二版");
        // with what the version list says of it (outside tester: kind, hash, who and when were missing)
        var listed = rows.valueStream().filter(r -> r.path("version").asInt() == 2).findFirst().orElseThrow();
        for (String field : List.of("kind", "sha256", "createdAt", "createdBy")) {
            assertThat(second.json().path(field).asString()).as(field).isEqualTo(listed.path(field).asString());
        }
        assertProblem(admin().get(path + "/versions/4"), 404);
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswerAndRefusesADifferentBody() {
        String customerId = createOrganization(admin()).path("id").asString();
        var body = ContractSamples.contract("CONSULTING", unique("合同"), customerId, ourEntityId());
        String key = unique("key");
        long before = contractCount();

        var first = admin().request("POST", "/api/v1/contracts").header("Idempotency-Key", key).json(body.toString()).send();
        var second = admin().request("POST", "/api/v1/contracts").header("Idempotency-Key", key).json(body.toString()).send();

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(second.status()).as("%s", second).isEqualTo(first.status());
        assertThat(second.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(second.json().path("number").asString()).isEqualTo(first.json().path("number").asString());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(contractCount()).isEqualTo(before + 1);

        body.put("title", unique("另一个合同"));
        var different = admin().request("POST", "/api/v1/contracts").header("Idempotency-Key", key)
                .json(body.toString()).send();
        assertProblem(different, 422);
        assertThat(contractCount()).isEqualTo(before + 1);

        // the key belongs to the caller: another user may use the same key for their own request
        var other = createUser("SALES", null);
        String otherCustomer = createOrganization(other.client()).path("id").asString();
        var theirs = other.client().request("POST", "/api/v1/contracts").header("Idempotency-Key", key)
                .json(ContractSamples.contract("CONSULTING", unique("合同"), otherCustomer, ourEntityId()).toString())
                .send();
        assertThat(theirs.status()).as("%s", theirs).isEqualTo(201);
        assertThat(theirs.json().path("id").asString()).isNotEqualTo(first.json().path("id").asString());
    }

    @Test
    void numbersStayUniqueUnderConcurrentCreation() throws Exception {
        var sales = createUser("SALES", null);
        String customerId = createOrganization(sales.client()).path("id").asString();
        String entity = ourEntityId();
        int threads = 16;
        int perThread = 10;
        long before = contractCount();

        var tasks = new ArrayList<Callable<List<HttpResponse>>>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                var responses = new ArrayList<HttpResponse>();
                for (int i = 0; i < perThread; i++) {
                    responses.add(sales.client().post("/api/v1/contracts",
                            ContractSamples.contract("SERVICE", unique("并发"), customerId, entity).toString()));
                }
                return responses;
            });
        }
        var numbers = new ArrayList<String>();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (Future<List<HttpResponse>> future : pool.invokeAll(tasks)) {
                for (HttpResponse response : future.get()) {
                    assertThat(response.status()).as("%s", response).isEqualTo(201);
                    numbers.add(response.json().path("number").asString());
                }
            }
        }

        assertThat(numbers).hasSize(threads * perThread).doesNotHaveDuplicates()
                .allMatch(n -> n.matches("QY-SVC-\\d{4}-\\d{6}"));
        assertThat(contractCount()).isEqualTo(before + threads * perThread);
    }

    @Test
    void theFirstNumberOfAYearIsAllocatedOnceWhenManyAskAtOnce() throws Exception {
        int year = 3000 + new java.util.Random().nextInt(5000); // a year no other test numbers in
        int threads = 16;
        var start = new java.util.concurrent.CountDownLatch(1);
        var tasks = new ArrayList<Callable<Integer>>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                start.await();
                return contracts.allocateNumber("ZZZ", year);
            });
        }
        var numbers = new ArrayList<Integer>();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            var futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Integer> future : futures) {
                numbers.add(future.get());
            }
        }
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.rangeClosed(1, threads).boxed().toList());
    }

    /**
     * Concurrent edits of one version: exactly one wins, and no loser is told that the version it sent is the
     * current one (an outside tester saw "当前版本 1" answered to If-Match "1" when the update lost the race).
     */
    @Test
    void concurrentEditsOfOneVersionHaveOneWinnerAndTellTheOthersTheTruth() throws Exception {
        var created = createContract(admin(), "SERVICE");
        String path = "/api/v1/contracts/" + created.path("id").asString();
        int threads = 6;
        var start = new java.util.concurrent.CountDownLatch(1);
        var tasks = new ArrayList<Callable<io.qiyue.testing.HttpResponse>>();
        for (int t = 0; t < threads; t++) {
            String title = unique("并发标题" + t);
            tasks.add(() -> {
                start.await();
                return admin().patch(path, "{\"title\": \"" + title + "\"}", "\"1\"");
            });
        }
        var answers = new ArrayList<io.qiyue.testing.HttpResponse>();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            var futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            for (var future : futures) {
                answers.add(future.get());
            }
        }
        assertThat(answers.stream().filter(a -> a.status() == 200).count()).as("%s", answers).isEqualTo(1);
        for (var lost : answers.stream().filter(a -> a.status() != 200).toList()) {
            assertProblem(lost, 412);
            assertThat(lost.json().path("detail").asString()).doesNotContain("当前版本 1）", "current version 1)");
        }
        assertThat(admin().get(path).json().path("version").asInt()).isEqualTo(2);
    }

    @Test
    void describesTheFiveTypesWithTheSchemaOfTheirTerms() {
        var types = admin().get("/api/v1/contract-types");

        assertThat(types.status()).isEqualTo(200);
        var list = types.json().path("items");
        assertThat(list.size()).isEqualTo(5);
        var seen = new ArrayList<String>();
        list.forEach(type -> {
            seen.add(type.path("type").asString());
            assertThat(type.path("code").asString()).isEqualTo(CODES.get(type.path("type").asString()));
            var schema = type.path("termsSchema");
            assertThat(schema.path("type").asString()).isEqualTo("object");
            assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
            assertThat(names(schema.path("properties"))).containsExactlyInAnyOrderElementsOf(strings(type.path("parts")));
            assertThat(strings(type.path("parts"))).containsAll(strings(type.path("ownParts")))
                    .contains("payment", "breach", "dispute");
        });
        assertThat(seen).containsExactlyInAnyOrder(ContractSamples.TYPES);

        var service = find(list, "SERVICE");
        assertThat(names(service.path("termsSchema").path("properties"))).contains("service")
                .doesNotContain("maintenance", "consulting", "sharedInformation", "confidentialInformation");
        assertThat(strings(find(list, "INFO_SHARING").path("ownParts")))
                .containsExactlyInAnyOrder("sharedInformation", "sharingMethods", "sharingPeriod", "personalInformation");
        assertThat(service.path("termsSchema").path("properties").path("dispute").path("properties").path("method")
                .path("enum").size()).isEqualTo(4);
        assertThat(service.path("name").asString()).isEqualTo("客户服务合同");
        var english = admin().withHeader("Accept-Language", "en").get("/api/v1/contract-types").json().path("items");
        assertThat(find(english, "SERVICE").path("name").asString()).isEqualTo("Service contract");
    }

    @Test
    void listsWithFiltersPagingAndSort() {
        var sales = createUser("SALES", null);
        ApiClient client = sales.client();
        String marker = unique("筛选");
        String customerA = createOrganization(client).path("id").asString();
        String customerB = createOrganization(client).path("id").asString();
        var first = ContractSamples.contract("SERVICE", marker + " A", customerA, ourEntityId());
        int year = ContractSamples.YEAR;
        first.put("endDate", year + "-06-30");
        var second = ContractSamples.contract("MAINTENANCE", marker + " B", customerA, ourEntityId());
        second.put("endDate", (year + 1) + "-12-31");
        var third = ContractSamples.contract("CONFIDENTIALITY", marker + " C", customerB, ourEntityId());
        third.put("endDate", (year + 2) + "-03-31");
        String id1 = createContract(client, first).path("id").asString();
        String id2 = createContract(client, second).path("id").asString();
        String id3 = createContract(client, third).path("id").asString();
        String owner = "owner=" + sales.username();

        assertThat(ids(list(client, owner))).containsExactlyInAnyOrder(id1, id2, id3);
        assertThat(ids(list(client, "q=" + encode(marker)))).containsExactlyInAnyOrder(id1, id2, id3);
        assertThat(ids(list(client, "q=" + encode(marker + " B")))).containsExactly(id2);
        assertThat(ids(list(client, owner + "&type=SERVICE"))).containsExactly(id1);
        assertThat(ids(list(client, owner + "&status=DRAFT"))).containsExactlyInAnyOrder(id1, id2, id3);
        assertThat(ids(list(client, owner + "&status=SIGNED"))).isEmpty();
        assertThat(ids(list(client, "customerId=" + customerA))).containsExactlyInAnyOrder(id1, id2);
        assertThat(ids(list(client, owner + "&endsBefore=" + (year + 1) + "-01-01"))).containsExactly(id1);
        assertThat(ids(list(client, owner + "&endsAfter=" + (year + 1) + "-01-01"))).containsExactlyInAnyOrder(id2, id3);
        assertThat(ids(list(client, owner + "&endsAfter=" + year + "-12-31&endsBefore=" + (year + 2) + "-01-01"))).containsExactly(id2);

        var page0 = list(client, owner + "&size=2&page=0&sort=title,asc");
        assertThat(page0.path("total").asLong()).isEqualTo(3);
        assertThat(page0.path("size").asInt()).isEqualTo(2);
        assertThat(page0.path("page").asInt()).isEqualTo(0);
        assertThat(ids(page0)).containsExactly(id1, id2);
        var page1 = list(client, owner + "&size=2&page=1&sort=title,asc");
        assertThat(ids(page1)).containsExactly(id3);
        assertThat(ids(list(client, owner + "&sort=endDate,desc"))).containsExactly(id3, id2, id1);
        assertThat(ids(list(client, owner + "&sort=endDate"))).containsExactly(id1, id2, id3);
        var item = list(client, owner + "&type=SERVICE").path("items").get(0);
        assertThat(item.path("number").asString()).startsWith("QY-SVC-");
        assertThat(item.path("customerName").asString()).startsWith("杭州示例科技有限公司");

        assertProblem(client.get("/api/v1/contracts?sort=password,asc"), 400, "sort");
        assertProblem(client.get("/api/v1/contracts?sort=title,sideways"), 400, "sort");
        assertProblem(client.get("/api/v1/contracts?sort=" + encode("title;DROP TABLE contract")), 400, "sort");
        assertProblem(client.get("/api/v1/contracts?size=201"), 400, "size");
        assertProblem(client.get("/api/v1/contracts?page=-1"), 400, "page");
        assertProblem(client.get("/api/v1/contracts?type=LEASE"), 400, "type");
        assertProblem(client.get("/api/v1/contracts?endsBefore=31.12.2027"), 400, "endsBefore");
    }

    private static JsonNode list(ApiClient client, String query) {
        var response = client.get("/api/v1/contracts?" + query);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonNode find(JsonNode types, String type) {
        for (JsonNode t : types) {
            if (t.path("type").asString().equals(type)) {
                return t;
            }
        }
        throw new AssertionError("no type " + type + " in " + types);
    }

    private static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }

    private static List<String> strings(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
