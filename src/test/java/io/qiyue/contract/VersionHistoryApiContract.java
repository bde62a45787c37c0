package io.qiyue.contract;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15, item 2: each version says what made it, and its author (or an admin) keeps a one-line change note
 * on it — with its own ETag, refused when stale, with a line break or a control character, or too long, and
 * audited; anyone else who reads the contract is refused.
 */
abstract class VersionHistoryApiContract extends ApiTestSupport {

    @Test
    void eachVersionSaysWhatMadeItAndWhoInWords() {
        var sales = createUser("SALES", null);
        String id = readyContract(sales.client(), "版本原因");
        String path = "/api/v1/contracts/" + id;
        var changed = ContractSamples.contract("SERVICE", unique("版本原因改"), sales.client().get(path).json()
                .path("customerId").asString(), ourEntityId());
        assertThat(sales.client().put(path, changed.toString(), sales.client().get(path).header("ETag")).status())
                .isEqualTo(200);
        acceptWarnings(sales.client(), id);
        move(sales.client(), path, "submit");
        move(sales.client(), path, "withdraw");

        var versions = sales.client().get(path + "/versions").json().path("items");
        assertThat(causes(versions)).containsExactly("CREATE", "SAVE", "SUBMIT", "WITHDRAW");
        assertThat(versions.get(0).path("createdBy").asString()).isEqualTo(sales.username());
        assertThat(versions.get(0).path("createdByName").asString()).isEqualTo("测试用户 " + sales.username());
        assertThat(versions.get(0).path("noteRevision").asInt()).isZero();
        assertThat(versions.get(0).path("sha256").asString()).hasSize(64);
    }

    @Test
    void theAuthorKeepsAOneLineNoteWithItsOwnVersion() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        String note = "/api/v1/contracts/" + id + "/versions/1/note";
        // the version's ETag is its note's (outside tester: the version had none to send back)
        assertThat(sales.client().get("/api/v1/contracts/" + id + "/versions/1").header("ETag")).isEqualTo("\"0\"");

        var written = sales.client().request("PUT", note).header("If-Match", "\"0\"")
                .json("{\"note\": \"  初稿，<b>价格</b>待定  \"}").send();
        assertThat(written.status()).as("%s", written).isEqualTo(200);
        assertThat(written.header("ETag")).isEqualTo("\"1\"");
        assertThat(written.json().path("note").asString()).isEqualTo("初稿，<b>价格</b>待定");
        assertThat(sales.client().get("/api/v1/contracts/" + id + "/versions").json().path("items").get(0).path("note").asString())
                .isEqualTo("初稿，<b>价格</b>待定");

        assertProblem(sales.client().request("PUT", note).header("If-Match", "\"0\"").json("{\"note\": \"x\"}").send(),
                412);
        assertProblem(sales.client().request("PUT", note).json("{\"note\": \"x\"}").send(), 428);
        for (String bad : List.of("两行\\n说明", "控制\\u0007字符", "长".repeat(201))) {
            var refused = sales.client().request("PUT", note).header("If-Match", "\"1\"")
                    .json("{\"note\": \"" + bad + "\"}").send();
            assertProblem(refused, 400, "note");
            assertThat(refused.errorMessages()).allSatisfy(m -> assertThat(m).startsWith("变更说明："));
        }
        // legal reads and edits every contract, but the note is the author's (or an admin's)
        var legal = createUser("LEGAL", null);
        assertProblem(legal.client().request("PUT", note).header("If-Match", "\"1\"").json("{\"note\": \"x\"}").send(),
                403);
        var cleared = admin().request("PUT", note).header("If-Match", "\"1\"").json("{\"note\": \"\"}").send();
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("note").isNull()).isTrue();
        assertThat(cleared.header("ETag")).isEqualTo("\"2\"");
        var version = admin().get("/api/v1/contracts/" + id + "/versions/1");
        assertThat(version.header("ETag")).isEqualTo("\"2\"");
        assertThat(version.json().path("noteRevision").asInt()).isEqualTo(2);

        var audit = admin().get("/api/v1/audit?entity=CONTRACT&id=" + id).json().path("items");
        var notes = new ArrayList<String>();
        audit.forEach(e -> e.path("changes").forEach(c -> {
            if (c.path("field").asString().equals("note")) {
                notes.add(c.path("before").asString("") + "→" + c.path("after").asString(""));
            }
        }));
        assertThat(notes).contains("→初稿，<b>价格</b>待定", "初稿，<b>价格</b>待定→");
    }

    private static void move(ApiClient as, String path, String action) {
        var moved = as.request("POST", path + "/" + action).header("If-Match", as.get(path).header("ETag"))
                .json("{}").send();
        assertThat(moved.status()).as("%s: %s", action, moved).isEqualTo(200);
    }

    private static List<String> causes(JsonNode versions) {
        var out = new ArrayList<String>();
        versions.forEach(v -> out.add(v.path("cause").asString()));
        return out;
    }
}
