package io.qiyue.bench;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestIdentifiers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * How soon a change made through one instance shows on another sharing its database (issue #18), run by
 * {@code bench/propagation.sh}: a token revoked through A until B refuses it, a contract created through A until
 * B's search finds it by its number. Each round polls B every 10 ms; prints the rounds' median, p90 and worst.
 */
public final class PropagationBenchmark {
    private PropagationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int portA = Integer.parseInt(args[0]);
        int portB = Integer.parseInt(args[1]);
        String password = args[2];
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        var basicA = ApiClient.anonymous(portA).basic("admin", password);
        var a = ApiClient.anonymous(portA).bearer(token(basicA));
        var b = ApiClient.anonymous(portB).bearer(token(basicA));

        String customer = id(a.post("/api/v1/customers", """
                {"kind": "ORGANIZATION", "name": "杭州传播测试科技有限公司", "creditCode": "%s",
                 "address": "浙江省杭州市余杭区文一西路969号", "legalRepresentative": "张三"}"""
                .formatted(TestIdentifiers.creditCode())));
        String ourEntity = id(a.post("/api/v1/our-entities", """
                {"name": "契约示例（上海）有限公司", "creditCode": "%s", "address": "上海市浦东新区世纪大道100号",
                 "legalRepresentative": "王五"}""".formatted(TestIdentifiers.creditCode())));

        var revoked = new ArrayList<Double>();
        var found = new ArrayList<Double>();
        for (int round = 0; round < rounds; round++) {
            var created = basicA.post("/api/v1/api-tokens", "{\"name\": \"propagation\"}");
            String secret = created.json().path("token").asString();
            var onB = ApiClient.anonymous(portB).bearer(secret);
            check(onB.get("/api/v1/contracts?size=1").status() == 200, "the new token works on B");
            check(a.delete("/api/v1/api-tokens/" + created.json().path("id").asString(), null).status() == 204,
                    "revoked through A");
            long start = System.nanoTime();
            while (onB.get("/api/v1/contracts?size=1").status() != 401) {
                Thread.sleep(10);
            }
            revoked.add((System.nanoTime() - start) / 1e6);

            var contract = a.post("/api/v1/contracts", ContractSamples.contract("SERVICE",
                    "传播测试合同 " + UUID.randomUUID(), customer, ourEntity).toString());
            check(contract.status() == 201, "created through A: " + contract);
            String number = contract.json().path("number").asString();
            start = System.nanoTime();
            while (b.get("/api/v1/search?q=" + number).json().path("total").asLong() < 1) {
                Thread.sleep(10);
            }
            found.add((System.nanoTime() - start) / 1e6);
        }
        print("token revoked through A, refused by B", revoked);
        print("contract created through A, found by B's search", found);
    }

    private static void print(String what, List<Double> ms) {
        Collections.sort(ms);
        System.out.printf("%-50s rounds %d: median %.0f ms, p90 %.0f ms, worst %.0f ms%n", what, ms.size(),
                ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.9) - 1), ms.getLast());
    }

    private static String token(ApiClient basic) {
        return basic.post("/api/v1/api-tokens", "{\"name\": \"propagation\"}").json().path("token").asString();
    }

    private static String id(io.qiyue.testing.HttpResponse created) {
        check(created.status() == 201, "created: " + created);
        return created.json().path("id").asString();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
