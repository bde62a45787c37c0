package io.qiyue.shared.web;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers leave in one piece with their length ({@link WholeAnswers}), and GET of a contract, written by
 * {@link JsonAnswer}, keeps what Spring MVC's path gave it: the ETag, 406 for a client that takes no JSON. No read
 * answers 304 ({@link NoConditionalReads}): the ETag is the record's version, and the answer also holds the
 * customer's name.
 */
@UsingDatabase(TestDatabase.H2)
class WholeAnswersH2IT extends ApiTestSupport {
    @Test
    void aContractReadCarriesItsLengthAndItsETagAndAlwaysAnswersInFull() {
        String customerId = createOrganization(admin()).path("id").asString();
        var created = admin().post("/api/v1/contracts",
                ContractSamples.contract("SERVICE", unique("合同"), customerId, ourEntityId()).toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertWhole(created);
        String id = created.json().path("id").asString();
        String path = "/api/v1/contracts/" + id;

        var read = admin().get(path);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.contentType()).isEqualTo("application/json");
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.json().path("id").asString()).isEqualTo(id);
        assertThat(read.json().path("terms").isObject()).isTrue();
        assertWhole(read);

        for (String current : new String[]{"\"1\"", "W/\"1\"", "*", "\"0\", \"1\""}) {
            var again = admin().request("GET", path).header("If-None-Match", current).send();
            assertThat(again.status()).as("no 304: %s", current).isEqualTo(200);
            assertThat(again.body()).isEqualTo(read.body());
        }
        // the customer's new name is in the contract's answer, whose version (its ETag) stays
        var customer = admin().get("/api/v1/customers/" + customerId);
        var renamed = admin().request("PATCH", "/api/v1/customers/" + customerId)
                .header("If-Match", customer.header("ETag"))
                .body("application/merge-patch+json", "{\"name\": \"" + unique("改名后的客户") + "\"}").send();
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);
        var afterRename = admin().request("GET", path).header("If-None-Match", "\"1\"").send();
        assertThat(afterRename.status()).isEqualTo(200);
        assertThat(afterRename.header("ETag")).isEqualTo("\"1\"");
        assertThat(afterRename.json().path("customerName").asString())
                .isEqualTo(renamed.json().path("name").asString());
        var customerAgain = admin().request("GET", "/api/v1/customers/" + customerId)
                .header("If-None-Match", renamed.header("ETag")).header("If-Modified-Since", "Sun, 06 Dec 2099 00:00:00 GMT")
                .send();
        assertThat(customerAgain.status()).as("Spring MVC's own check sees no condition either").isEqualTo(200);

        var other = createUser("SALES", null);
        assertThat(other.client().request("GET", path).header("If-None-Match", "\"1\"").send().status())
                .as("the scope check comes before the ETag").isEqualTo(404);
        assertThat(admin().request("GET", path).header("Accept", "text/csv").send().status()).isEqualTo(406);
    }

    @Test
    void anErrorLeavesWholeToo() {
        var missing = admin().get("/api/v1/contracts/no-such-contract");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).isEqualTo("application/problem+json");
        assertWhole(missing);
    }

    private static void assertWhole(io.qiyue.testing.HttpResponse answer) {
        assertThat(answer.headers().firstValue("Transfer-Encoding")).as("%s", answer).isEmpty();
        assertThat(answer.header("Content-Length")).as("%s", answer)
                .isEqualTo(String.valueOf(answer.body().getBytes(StandardCharsets.UTF_8).length));
    }
}
