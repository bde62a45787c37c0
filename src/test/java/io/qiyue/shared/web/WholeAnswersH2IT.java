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
 * {@link JsonAnswer}, keeps what Spring MVC's path gave it: the ETag, 304 for a current If-None-Match, 406 for a
 * client that takes no JSON.
 */
@UsingDatabase(TestDatabase.H2)
class WholeAnswersH2IT extends ApiTestSupport {
    @Test
    void aContractReadCarriesItsLengthAndItsETagAndAnswersNotModified() {
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

        for (String current : new String[]{"\"1\"", "W/\"1\"", "*", "\"0\", \"1\"", "\"7\",W/\"1\""}) {
            var notModified = admin().request("GET", path).header("If-None-Match", current).send();
            assertThat(notModified.status()).as(current).isEqualTo(304);
            assertThat(notModified.header("ETag")).isEqualTo("\"1\"");
            assertThat(notModified.body()).isEmpty();
        }
        var changed = admin().request("GET", path).header("If-None-Match", "\"2\"").send();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(read.body());

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
