package io.qiyue.review;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.TestIdentifiers;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our own paper read as the counterparty's (issue #11, "the review and the document agree"): each default
 * template's DOCX and PDF, downloaded and uploaded back as an EXTERNAL version, gets no finding from the text
 * rules. A finding here is either a flaw of our template or a false alarm of a rule; both must go.
 */
@UsingDatabase(TestDatabase.H2)
class DefaultTemplatesAsPaperH2IT extends ApiTestSupport {

    @ParameterizedTest(name = "{0} as {1}, free: {2}")
    @CsvSource({"SERVICE, docx, false", "SERVICE, pdf, false", "CONFIDENTIALITY, docx, false",
            "CONFIDENTIALITY, pdf, false", "MAINTENANCE, docx, false", "MAINTENANCE, pdf, false",
            "CONSULTING, docx, false", "CONSULTING, pdf, false", "INFO_SHARING, docx, false", "INFO_SHARING, pdf, false",
            "SERVICE, pdf, true", "CONFIDENTIALITY, pdf, true", "CONSULTING, docx, true", "INFO_SHARING, pdf, true"})
    void ourOwnDocumentUploadedBackHasNoFindings(String type, String format, boolean free) {
        var customer = admin().post("/api/v1/customers",
                organizationBody(CounterpartyPaper.uniqueName(), TestIdentifiers.creditCode()).toString());
        assertThat(customer.status()).as("%s", customer).isEqualTo(201);
        var body = ContractSamples.contract(type, unique("自有文本回读"), customer.json().path("id").asString(),
                ourEntityId());
        if (!free && body.has("amount")) {
            // a deposit sentence right after the instalment table: a PDF's lines must not run the two together
            var deposit = ((tools.jackson.databind.node.ObjectNode) body.path("terms").path("payment")).putObject("deposit");
            deposit.put("value", "20000.00");
            deposit.put("currency", "CNY");
        }
        if (free) {
            body.remove("amount");
            var payment = (tools.jackson.databind.node.ObjectNode) body.path("terms").path("payment");
            payment.removeAll();
            payment.put("noConsideration", true);
        }
        var contract = createContract(admin(), body);
        String path = "/api/v1/contracts/" + contract.path("id").asString();
        var document = admin().request("GET", path + "/document?format=" + format).sendForBytes();
        assertThat(document.statusCode()).isEqualTo(200);

        var uploaded = CounterpartyPaper.upload(admin(), path, "我方合同." + format, document.body());
        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        int version = uploaded.json().path("version").asInt();
        var review = admin().post(path + "/review?version=" + version, "");
        assertThat(review.status()).as("%s", review).isEqualTo(200);

        String text = admin().get(path + "/versions/" + version + "/text").body();
        assertThat(described(review.json(), text)).as("findings in our own %s %s", type, format).isEmpty();
    }

    /** "ruleId severity: words — message" per finding, with the words cut from the document's text. */
    private static List<String> described(JsonNode review, String text) {
        var lines = text.split("\n", -1);
        var out = new ArrayList<String>();
        for (JsonNode f : review.path("findings")) {
            String words = "";
            JsonNode span = f.path("span");
            if (span.isObject()) {
                String clause = span.path("clauseId").asString();
                int line = Integer.parseInt(clause.substring(clause.lastIndexOf('/') + 1));
                words = lines[line].substring(span.path("start").asInt(), span.path("end").asInt());
            }
            out.add(f.path("ruleId").asString() + " " + f.path("severity").asString() + ": " + words + " — "
                    + f.path("message").asString());
        }
        return out;
    }
}
