package io.qiyue.review;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review settings over HTTP: an admin changes QY-V001's threshold and the next review of the same contract
 * applies it and records the new settings revision; refusals (403, 400 naming the field, 404, 412, 428)
 * change nothing; every change is in the audit trail; a change written by another instance is noticed.
 * Settings are global to the shared test database, so every test puts the default back.
 */
abstract class ReviewSettingsApiContract extends ApiTestSupport {
    static final String SETTINGS = "/api/v1/reviews/settings";
    static final String THRESHOLD = SETTINGS + "/QY-V001/thresholdPercent";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    /** A SERVICE contract whose liquidated damages are 20% of the amount; returns its path. */
    private String contractWithDamagesOf20Percent() {
        String customerId = createOrganization(admin()).path("id").asString();
        ObjectNode body = ContractSamples.contract("SERVICE", unique("合同"), customerId, ourEntityId());
        ((ObjectNode) body.path("terms").path("breach").path("liquidatedDamages")).put("value", "20");
        return "/api/v1/contracts/" + createContract(admin(), body).path("id").asString();
    }

    private static List<JsonNode> v001(JsonNode review) {
        var out = new ArrayList<JsonNode>();
        review.path("findings").forEach(f -> {
            if (f.path("ruleId").asString().equals("QY-V001")) {
                out.add(f);
            }
        });
        return out;
    }

    private JsonNode review(String contract) {
        var run = admin().post(contract + "/review", "");
        assertThat(run.status()).as("%s", run).isEqualTo(200);
        return run.json();
    }

    private int revision() {
        var list = admin().get(SETTINGS);
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return list.json().path("revision").asInt();
    }

    /** The contract's review column in the contract list (filtered by its number, so that it is on the page). */
    private String listedReviewState(String contract) {
        String number = admin().get(contract).json().path("number").asString();
        var page = admin().get("/api/v1/contracts?size=5&q=" + java.net.URLEncoder.encode(number,
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        String id = contract.substring(contract.lastIndexOf('/') + 1);
        for (JsonNode item : page.json().path("items")) {
            if (item.path("id").asString().equals(id)) {
                return item.path("reviewState").asString();
            }
        }
        throw new AssertionError("not listed: " + page.body());
    }

    private HttpResponse put(ApiClient as, String path, String body, String etag) {
        return as.put(path, body, etag);
    }

    @AfterEach
    void defaultAgain() {
        var current = admin().get(THRESHOLD);
        if (current.json().path("overridden").asBoolean()) {
            assertThat(admin().delete(THRESHOLD, current.header("ETag")).status()).isEqualTo(200);
        }
    }

    @Test
    void anAdminChangesTheThresholdAndTheNextReviewOfTheSameContractFollowsAndRecordsTheRevision() {
        String contract = contractWithDamagesOf20Percent();

        var list = admin().get(SETTINGS);
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        int before = list.json().path("revision").asInt();
        assertThat(list.json().path("rulesetVersion").asString()).isNotBlank();
        var item = v001Setting(list.json());
        assertThat(item.path("ruleId").asString()).isEqualTo("QY-V001");
        assertThat(item.path("parameter").asString()).isEqualTo("thresholdPercent");
        assertThat(item.path("label").asString()).contains("违约金");
        assertThat(item.path("type").asString()).isEqualTo("DECIMAL");
        assertThat(item.path("min").asString()).isEqualTo("1");
        assertThat(item.path("max").asString()).isEqualTo("100");
        assertThat(item.path("defaultValue").asString()).isEqualTo("30");
        assertThat(item.path("value").asString()).isEqualTo("30");
        assertThat(item.path("overridden").asBoolean()).isFalse();
        assertThat(v001Setting(admin().withHeader("Accept-Language", "en").get(SETTINGS).json())
                .path("label").asString()).contains("damages");

        var first = review(contract);
        assertThat(v001(first)).isEmpty();
        assertThat(first.path("settingsRevision").asInt()).isEqualTo(before);
        assertThat(listedReviewState(contract)).isNotEqualTo("OUTDATED");

        var setting = admin().get(THRESHOLD);
        assertThat(setting.status()).isEqualTo(200);
        String etag = setting.header("ETag");
        assertThat(etag).isEqualTo("\"" + setting.json().path("version").asInt() + "\"");

        var changed = put(admin(), THRESHOLD, "{\"value\": 15}", etag);
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.json().path("value").asString()).isEqualTo("15");
        assertThat(changed.json().path("overridden").asBoolean()).isTrue();
        assertThat(changed.json().path("revision").asInt()).isEqualTo(before + 1);
        assertThat(changed.json().path("updatedBy").asString()).isEqualTo("admin");
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(revision()).isEqualTo(before + 1);

        assertThat(listedReviewState(contract)).as("a draft reviewed under the settings before: the list says so")
                .isEqualTo("OUTDATED");

        var second = review(contract);
        assertThat(listedReviewState(contract)).as("reviewed again: the warning the new threshold finds")
                .isEqualTo("WARNINGS");
        assertThat(second.path("settingsRevision").asInt()).isEqualTo(before + 1);
        assertThat(second.path("rulesetVersion").asString()).isEqualTo(first.path("rulesetVersion").asString());
        var found = v001(second);
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().path("severity").asString()).isEqualTo("WARNING");
        assertThat(found.getFirst().path("message").asString()).contains("20%", "15%");
        assertThat(admin().get(contract + "/review").json().path("settingsRevision").asInt())
                .as("the stored review keeps it").isEqualTo(before + 1);

        var same = put(admin(), THRESHOLD, "{\"value\": \"15.00\"}", changed.header("ETag"));
        assertThat(same.status()).as("%s", same).isEqualTo(200);
        assertThat(same.header("ETag")).as("the same value is no change").isEqualTo(changed.header("ETag"));
        assertThat(revision()).isEqualTo(before + 1);

        var reset = admin().delete(THRESHOLD, changed.header("ETag"));
        assertThat(reset.status()).as("%s", reset).isEqualTo(200);
        assertThat(reset.json().path("value").asString()).isEqualTo("30");
        assertThat(reset.json().path("overridden").asBoolean()).isFalse();
        var third = review(contract);
        assertThat(v001(third)).isEmpty();
        assertThat(third.path("settingsRevision").asInt()).isEqualTo(before + 2);
        assertProblem(admin().delete(THRESHOLD, changed.header("ETag")), 412);

        var history = admin().get(SETTINGS + "/history?size=2");
        assertThat(history.status()).as("%s", history).isEqualTo(200);
        var latest = history.json().path("items").get(0);
        assertThat(latest.path("revision").asInt()).isEqualTo(before + 2);
        assertThat(latest.path("before").asString()).isEqualTo("15");
        assertThat(latest.path("after").isNull()).as("back to the default").isTrue();
        assertThat(history.json().path("items").get(1).path("after").asString()).isEqualTo("15");

        var audit = admin().get("/api/v1/audit?entity=REVIEW_SETTING&id=QY-V001.thresholdPercent&size=2");
        assertThat(audit.status()).isEqualTo(200);
        var entries = audit.json().path("items");
        assertThat(entries.get(0).path("action").asString()).isEqualTo("DELETE");
        assertThat(entries.get(1).path("action").asString()).isEqualTo("CREATE");
        for (JsonNode entry : entries) {
            assertThat(entry.path("actor").asString()).isEqualTo("admin");
            assertThat(entry.path("occurredAt").asString()).isNotBlank();
        }
        assertThat(entries.get(1).path("changes").toString())
                .contains("\"field\":\"value\",\"before\":\"30\",\"after\":\"15\"")
                .contains("\"field\":\"settingsRevision\",\"before\":\"" + before + "\",\"after\":\"" + (before + 1) + "\"");
        assertThat(entries.get(0).path("changes").toString())
                .contains("\"field\":\"value\",\"before\":\"15\",\"after\":\"30\"");
    }

    @Test
    void refusedChangesAreNamedAndChangeNothing() {
        int before = revision();
        String etag = admin().get(THRESHOLD).header("ETag");
        var sales = createUser("SALES", null).client();
        var legal = createUser("LEGAL", null).client();
        for (ApiClient notAdmin : List.of(sales, legal)) {
            assertProblem(notAdmin.get(SETTINGS), 403);
            assertProblem(notAdmin.get(THRESHOLD), 403);
            assertProblem(notAdmin.get(SETTINGS + "/history"), 403);
            assertProblem(put(notAdmin, THRESHOLD, "{\"value\": 15}", etag), 403);
            assertProblem(notAdmin.delete(THRESHOLD, etag), 403);
        }

        assertProblem(put(admin(), THRESHOLD, "{\"value\": 15}", null), 428);
        assertProblem(admin().delete(THRESHOLD, null), 428);
        assertProblem(put(admin(), THRESHOLD, "{\"value\": 15}", "\"999\""), 412);
        assertProblem(put(admin(), THRESHOLD, "{\"value\": 0}", etag), 400, "value");
        assertProblem(put(admin(), THRESHOLD, "{\"value\": 100.5}", etag), 400, "value");
        assertProblem(put(admin(), THRESHOLD, "{\"value\": 25.555}", etag), 400, "value");
        assertProblem(put(admin(), THRESHOLD, "{\"value\": \"abc\"}", etag), 400, "value");
        assertProblem(put(admin(), THRESHOLD, "{\"value\": null}", etag), 400, "value");
        assertProblem(put(admin(), THRESHOLD, "{}", etag), 400, "value");
        assertProblem(put(admin(), THRESHOLD, "null", etag), 400);
        assertProblem(put(admin(), THRESHOLD, "[15]", etag), 400);
        assertProblem(put(admin(), THRESHOLD, "{\"value\": 15, \"note\": \"x\"}", etag), 400, "note");
        var range = put(admin().withHeader("Accept-Language", "en"), THRESHOLD, "{\"value\": 0}", etag);
        assertProblem(range, 400, "value");
        assertThat(range.errorMessages()).containsExactly("Must be between 1 and 100.");
        assertThat(put(admin(), THRESHOLD, "{\"value\": 0}", etag).errorMessages())
                .containsExactly("取值须在 1 到 100 之间。");

        assertProblem(admin().get(SETTINGS + "/QY-V001/nope"), 404);
        assertProblem(put(admin(), SETTINGS + "/QY-V001/nope", "{\"value\": 15}", "\"0\""), 404);
        assertProblem(put(admin(), SETTINGS + "/QY-V002/maxPercent", "{\"value\": 15}", "\"0\""), 404);
        assertProblem(admin().delete(SETTINGS + "/QY-NOPE/thresholdPercent", "\"0\""), 404);

        assertThat(revision()).as("nothing was written").isEqualTo(before);
        assertThat(admin().get(THRESHOLD).header("ETag")).isEqualTo(etag);
    }

    @Test
    void ofTwoAdminsSavingTheSameVersionAtOnceOneWinsAndTheOtherIsStale() throws Exception {
        int before = revision();
        String etag = admin().get(THRESHOLD).header("ETag");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var a = pool.submit(() -> put(admin(), THRESHOLD, "{\"value\": 12}", etag));
            var b = pool.submit(() -> put(admin(), THRESHOLD, "{\"value\": 18}", etag));
            var statuses = List.of(a.get().status(), b.get().status());
            assertThat(statuses).as("%s / %s", a.get(), b.get()).containsExactlyInAnyOrder(200, 412);
        }
        assertThat(revision()).isEqualTo(before + 1);
    }

    @Test
    void aChangeSavedByAnotherInstanceIsNoticedByTheNextReview() {
        String contract = contractWithDamagesOf20Percent();
        assertThat(v001(review(contract))).isEmpty(); // this instance now has the engine of the current revision cached

        // what another instance's change writes to the shared database
        int revision = transactions.execute(s -> {
            int next = jdbc.sql("SELECT revision FROM review_settings_revision WHERE id = 1 FOR UPDATE")
                    .query(Integer.class).single() + 1;
            var now = LocalDateTime.now(ZoneOffset.UTC);
            int updated = jdbc.sql("UPDATE review_setting SET setting_value = '10', version = version + 1, revision = ?,"
                            + " updated_by = 'admin', updated_at = ? WHERE rule_id = 'QY-V001'"
                            + " AND parameter_name = 'thresholdPercent'")
                    .params(next, now).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO review_setting (rule_id, parameter_name, setting_value, version, revision,"
                                + " updated_by, updated_at) VALUES ('QY-V001', 'thresholdPercent', '10', 1, ?, 'admin', ?)")
                        .params(next, now).update();
            }
            jdbc.sql("INSERT INTO review_setting_change (revision, rule_id, parameter_name, value_before, value_after,"
                            + " changed_by, changed_at) VALUES (?, 'QY-V001', 'thresholdPercent', NULL, '10', 'admin', ?)")
                    .params(next, now).update();
            jdbc.sql("UPDATE review_settings_revision SET revision = ? WHERE id = 1").param(next).update();
            return next;
        });

        var review = review(contract);
        assertThat(review.path("settingsRevision").asInt()).isEqualTo(revision);
        assertThat(v001(review)).hasSize(1);
        assertThat(v001(review).getFirst().path("message").asString()).contains("10%");
    }

    private static tools.jackson.databind.JsonNode v001Setting(tools.jackson.databind.JsonNode list) {
        for (var item : list.path("items")) {
            if (item.path("ruleId").asString().equals("QY-V001")) {
                return item;
            }
        }
        throw new AssertionError("no QY-V001 setting in " + list);
    }
}
