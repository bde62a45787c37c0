package io.qiyue.audit;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.ContractSamples;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hash-chained audit trail over HTTP: entries chain, verify finds a changed row (TAMPERED) and a deleted
 * one (MISSING) at its seq, concurrent writers never fork the chain, IP and user agent are recorded, and one
 * contract's history exports as CSV and PDF. The tamper tests change rows with SQL as an intruder would and
 * put them back in a finally block, because the other tests of this database share the chain. On PostgreSQL
 * the append-only trigger refuses that SQL, so the tests switch it off inside their own transaction (only the
 * table's owner may), which also proves the trigger is there.
 */
abstract class AuditChainApiContract extends ApiTestSupport {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Value("${qiyue.test.database}")
    String database;

    @Test
    void everyChangeIsChainedAndTheChainVerifies() {
        var contract = createContract(admin(), "SERVICE");
        String id = contract.path("id").asString();
        rename(admin(), id, unique("改名一"));
        rename(admin(), id, unique("改名二"));

        var entries = history(id);
        assertThat(entries).hasSize(3);
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            assertThat(entry.path("entryHash").asString()).matches("[0-9a-f]{64}");
            assertThat(entry.path("prevHash").asString()).matches("[0-9a-f]{64}");
            if (i > 0) {
                assertThat(entry.path("seq").asLong()).isGreaterThan(entries.get(i - 1).path("seq").asLong());
            }
        }
        // an entry's previous hash is the hash of the entry with the seq before it, whichever entity that was
        long middle = entries.get(1).path("seq").asLong();
        assertThat(entries.get(1).path("prevHash").asString())
                .isEqualTo(hashAt(middle - 1));

        var verified = verify();
        assertThat(verified.path("valid").asBoolean()).as("%s", verified).isTrue();
        assertThat(verified.path("firstBroken").isMissingNode()).isTrue();
        assertThat(verified.path("entries").asLong()).isGreaterThanOrEqualTo(entries.get(2).path("seq").asLong());
        assertThat(verified.path("head").path("seq").asLong()).isEqualTo(verified.path("entries").asLong());
        assertThat(verified.path("head").path("hash").asString()).matches("[0-9a-f]{64}");
    }

    @Test
    void aChangedRowIsReportedAsTamperedAtItsSeq() {
        String id = createContract(admin(), "SERVICE").path("id").asString();
        rename(admin(), id, unique("改名"));
        var created = history(id).getFirst();
        long seq = created.path("seq").asLong();
        String actor = created.path("actor").asString();

        asIntruder(() -> jdbc.sql("UPDATE audit_event SET actor = 'x' WHERE seq = ?").param(seq).update());
        try {
            var verified = verify();
            assertThat(verified.path("valid").asBoolean()).isFalse();
            assertThat(verified.path("firstBroken").path("seq").asLong()).isEqualTo(seq);
            assertThat(verified.path("firstBroken").path("id").asString()).isEqualTo(created.path("id").asString());
            assertThat(verified.path("firstBroken").path("reason").asString()).isEqualTo("TAMPERED");
            assertThat(verified.path("entries").asLong()).as("the entries before it were checked").isEqualTo(seq - 1);
        } finally {
            asIntruder(() -> jdbc.sql("UPDATE audit_event SET actor = ? WHERE seq = ?").params(actor, seq).update());
        }
        assertThat(verify().path("valid").asBoolean()).as("restored").isTrue();
    }

    @Test
    void aDeletedRowIsReportedAsMissing() {
        String id = createContract(admin(), "SERVICE").path("id").asString();
        rename(admin(), id, unique("改名"));
        long seq = history(id).getFirst().path("seq").asLong();
        Map<String, Object> row = jdbc.sql("SELECT " + AuditChain.COLUMNS + " FROM audit_event WHERE seq = ?")
                .param(seq).query().singleRow();

        asIntruder(() -> jdbc.sql("DELETE FROM audit_event WHERE seq = ?").param(seq).update());
        try {
            var verified = verify();
            assertThat(verified.path("valid").asBoolean()).isFalse();
            assertThat(verified.path("firstBroken").path("seq").asLong()).isEqualTo(seq);
            assertThat(verified.path("firstBroken").path("reason").asString()).isEqualTo("MISSING");
            assertThat(verified.path("firstBroken").path("id").isMissingNode()).as("the entry is gone").isTrue();
        } finally {
            // inserting is what the application does: the trigger does not stand in the way
            var columns = AuditChain.COLUMNS.split(",\\s*");
            jdbc.sql("INSERT INTO audit_event (" + AuditChain.COLUMNS + ") VALUES (" + "?,".repeat(columns.length - 1) + "?)")
                    .params(Arrays.stream(columns).map(c -> value(row, c)).toList()).update();
        }
        assertThat(verify().path("valid").asBoolean()).as("restored").isTrue();
    }

    @Test
    void onlyAdminsVerifyAndExport() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        assertProblem(sales.client().get("/api/v1/audit/verify"), 403);
        assertProblem(sales.client().get("/api/v1/audit/export?entity=CONTRACT&id=" + id + "&format=csv"), 403);
        assertProblem(createUser("LEGAL", null).client().get("/api/v1/audit/verify"), 403);
        assertThat(anonymous().get("/api/v1/audit/verify").status()).isEqualTo(401);
        assertThat(admin().get("/api/v1/audit/export?entity=CONTRACT&id=" + id + "&format=csv").status()).isEqualTo(200);
        assertProblem(admin().get("/api/v1/audit/export?entity=CONTRACT&id=" + id + "&format=xlsx"), 400, "format");
        assertProblem(admin().get("/api/v1/audit/export?entity=CONTRACT&id=no-such-id&format=csv"), 404);
    }

    @Test
    void concurrentChangesMakeOneGapFreeValidChain() throws Exception {
        long before = verify().path("head").path("seq").asLong();
        var client = admin();
        int threads = 6;
        int perThread = 3;
        List<Callable<Integer>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    createOrganization(client);
                }
                return perThread;
            });
        }
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (Future<Integer> done : pool.invokeAll(work)) {
                assertThat(done.get()).isEqualTo(perThread);
            }
        }
        var verified = verify();
        assertThat(verified.path("valid").asBoolean()).as("%s", verified).isTrue();
        long after = verified.path("head").path("seq").asLong();
        assertThat(after - before).as("at least one entry per customer").isGreaterThanOrEqualTo(threads * perThread);
        long rows = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE seq > ? AND seq <= ?").params(before, after)
                .query(Long.class).single();
        long distinct = jdbc.sql("SELECT COUNT(DISTINCT prev_hash) FROM audit_event WHERE seq > ? AND seq <= ?")
                .params(before, after).query(Long.class).single();
        assertThat(rows).as("no gap, no seq twice").isEqualTo(after - before);
        assertThat(distinct).as("no two entries follow the same entry: the chain did not fork").isEqualTo(rows);
        // what the head lock costs, for the record (the figures depend on the machine; nothing is asserted)
        for (String name : List.of("qiyue.audit.chain.lock.wait", "qiyue.audit.chain.lock.held")) {
            var timer = meters.get(name).timer();
            System.out.printf("%s on %s: %d appends, mean %.2f ms, max %.2f ms%n", name, database, timer.count(),
                    timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS), timer.max(java.util.concurrent.TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void anHttpChangeRecordsTheClientAddressAndUserAgent() {
        var client = admin().from("127.0.0.3").withHeader("User-Agent", "QiyueAuditTest/1.0 (X11; audit)");
        String id = createOrganization(client).path("id").asString();
        var entries = admin().get("/api/v1/audit?entity=CUSTOMER&id=" + id).json().path("items");
        assertThat(entries.size()).isEqualTo(1);
        assertThat(entries.get(0).path("ip").asString()).isEqualTo("127.0.0.3");
        assertThat(entries.get(0).path("userAgent").asString()).isEqualTo("QiyueAuditTest/1.0 (X11; audit)");
    }

    /** Found by an outside tester: the list ignored sort, an unknown one included. */
    @Test
    void theListIsOrderedAsAskedAndAnUnknownOrderIsRefused() {
        String id = createOrganization(admin()).path("id").asString();
        var current = admin().get("/api/v1/customers/" + id);
        var renamed = (tools.jackson.databind.node.ObjectNode) current.json().deepCopy();
        renamed.put("name", renamed.path("name").asString() + "改");
        assertThat(admin().put("/api/v1/customers/" + id, renamed.toString(), current.header("ETag")).status())
                .isEqualTo(200);
        var newest = admin().get("/api/v1/audit?entity=CUSTOMER&id=" + id).json().path("items");
        var oldest = admin().get("/api/v1/audit?entity=CUSTOMER&id=" + id + "&sort=occurredAt,asc").json().path("items");
        assertThat(newest.size()).isEqualTo(2);
        assertThat(newest.get(0).path("action").asString()).isEqualTo("UPDATE");
        assertThat(oldest.get(0).path("action").asString()).isEqualTo("CREATE");
        assertProblem(admin().get("/api/v1/audit?sort=bogus,asc"), 400, "sort");
    }

    @Test
    void oneContractsHistoryExportsAsCsvWithBomAndNeutralisedFormulas() {
        String customerId = createOrganization(admin()).path("id").asString();
        String title = "=1+2合同" + unique("");
        var body = ContractSamples.contract("SERVICE", title, customerId, ourEntityId());
        String id = createContract(admin(), body).path("id").asString();
        rename(admin(), id, "@SUM(A1)" + unique(""));

        var response = admin().request("GET", "/api/v1/audit/export?entity=CONTRACT&id=" + id + "&format=csv")
                .sendForBytes();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        byte[] bytes = response.body();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        var lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("seq,occurredAt,actor,entityType,entityId,action,field,before,after");
        assertThat(csv).contains(",CREATE,/title,,'" + title + ",").contains(",UPDATE,/title,'" + title + ",'@SUM(A1)")
                .doesNotContain(",=1+2").doesNotContain(",@SUM");
        var seqs = Arrays.stream(lines).skip(1).map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).toList();
        assertThat(seqs).as("oldest first").isSorted();
    }

    @Test
    void oneContractsHistoryExportsAsAReadablePdf() throws Exception {
        var contract = createContract(admin(), "SERVICE");
        String id = contract.path("id").asString();
        rename(admin(), id, unique("改名后的合同"));

        var response = admin().withHeader("Accept-Language", "zh-CN")
                .request("GET", "/api/v1/audit/export?entity=CONTRACT&id=" + id + "&format=pdf").sendForBytes();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        assertThat(new String(response.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (var pdf = Loader.loadPDF(response.body())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("合同操作记录", contract.path("number").asString(), id, "创建", "修改", "admin");
            // changed fields by their labels, not their pointers
            assertThat(text).contains("名称: ").doesNotContain("/title:");
        }
    }

    @Test
    void entriesFromBeforeTheChainAreChainedOldestFirst() throws Exception {
        long head = verify().path("head").path("seq").asLong();
        String older = unique("legacy");
        String newer = unique("legacy");
        for (String entityId : List.of(newer, older)) {
            jdbc.sql("INSERT INTO audit_event (id, occurred_at, actor, entity_type, entity_id, action, changes)"
                            + " VALUES (?,?,?,?,?,?,?)")
                    .params(entityId, entityId.equals(older) ? LocalDateTime.of(2020, 1, 1, 8, 0, 0, 123_456_000)
                                    : LocalDateTime.of(2021, 6, 1, 8, 0),
                            "admin", "CUSTOMER", entityId, "CREATE", "[]")
                    .update();
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            assertThat(ChainBackfill.chainUnchained(connection)).isEqualTo(2);
            connection.commit();
        }
        assertThat(jdbc.sql("SELECT seq FROM audit_event WHERE id = ?").param(older).query(Long.class).single())
                .isEqualTo(head + 1);
        assertThat(jdbc.sql("SELECT seq FROM audit_event WHERE id = ?").param(newer).query(Long.class).single())
                .isEqualTo(head + 2);
        assertThat(verify().path("valid").asBoolean()).isTrue();
    }

    @Test
    void theAdminPageVerifiesInWordsAndLinksOneEntitysExports() throws Exception {
        String id = createContract(admin(), "SERVICE").path("id").asString();
        var browser = new Browser(port).login("admin", ADMIN_PASSWORD);
        var page = browser.get("/admin/audit?entity=CONTRACT&id=" + id + "&verify=true");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"audit-verify-result\"", "审计链完整", "id=\"audit-head\"",
                "/admin/audit/export?entity=CONTRACT&amp;id=" + id + "&amp;format=csv",
                "/admin/audit/export?entity=CONTRACT&amp;id=" + id + "&amp;format=pdf");
        var unfiltered = browser.get("/admin/audit");
        assertThat(unfiltered.body()).as("verification only on request, exports only for one entity")
                .doesNotContain("id=\"audit-verify-result\"").doesNotContain("id=\"audit-export-csv\"");
        // the first of several pages: its previous page is no link (page=-1 was a 400 for whoever followed it)
        for (int i = 0; i < 21; i++) {
            createOrganization(admin());
        }
        assertThat(browser.get("/admin/audit").body()).contains("rel=\"next\"").doesNotContain("page=-1");
        var csv = browser.get("/admin/audit/export?entity=CONTRACT&id=" + id + "&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains(id, "CREATE");

        long seq = history(id).getFirst().path("seq").asLong();
        String changes = jdbc.sql("SELECT changes FROM audit_event WHERE seq = ?").param(seq).query(String.class).single();
        asIntruder(() -> jdbc.sql("UPDATE audit_event SET changes = '[]' WHERE seq = ?").param(seq).update());
        try {
            var broken = browser.get("/admin/audit?verify=true");
            assertThat(broken.body()).contains("审计链已损坏：第 " + seq + " 条记录", "已被修改");
        } finally {
            asIntruder(() -> jdbc.sql("UPDATE audit_event SET changes = ? WHERE seq = ?").params(changes, seq).update());
        }
        assertThat(verify().path("valid").asBoolean()).as("restored").isTrue();
    }

    @Test
    void postgresRefusesToChangeOrDeleteEntries() {
        if (!database.equals("POSTGRES")) {
            return;
        }
        String id = createOrganization(admin()).path("id").asString();
        long seq = jdbc.sql("SELECT seq FROM audit_event WHERE entity_id = ?").param(id).query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor = 'x' WHERE seq = ?").param(seq).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE seq = ?").param(seq).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_event").update()).hasMessageContaining("append-only");
        assertThat(verify().path("valid").asBoolean()).isTrue();
    }

    // ---- helpers

    private void rename(ApiClient as, String contractId, String title) {
        var current = as.get("/api/v1/contracts/" + contractId);
        var patched = as.patch("/api/v1/contracts/" + contractId,
                JSON.createObjectNode().put("title", title).toString(), current.header("ETag"));
        assertThat(patched.status()).as("rename: %s", patched).isEqualTo(200);
    }

    private List<JsonNode> history(String contractId) {
        var page = admin().get("/api/v1/audit?entity=CONTRACT&id=" + contractId + "&size=200");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        var items = new ArrayList<JsonNode>();
        page.json().path("items").forEach(items::add);
        items.sort(java.util.Comparator.comparingLong(e -> e.path("seq").asLong()));
        return items;
    }

    private String hashAt(long seq) {
        return jdbc.sql("SELECT entry_hash FROM audit_event WHERE seq = ?").param(seq).query(String.class).single();
    }

    private JsonNode verify() {
        var verified = admin().get("/api/v1/audit/verify");
        assertThat(verified.status()).as("%s", verified).isEqualTo(200);
        return verified.json();
    }

    /** Runs SQL as someone with write access to the table would, past PostgreSQL's trigger, in one transaction. */
    private void asIntruder(Runnable sql) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            boolean postgres = database.equals("POSTGRES");
            if (postgres) {
                jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change").update();
            }
            sql.run();
            if (postgres) {
                jdbc.sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change").update();
            }
        });
    }

    private static Object value(Map<String, Object> row, String column) {
        return row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).findFirst()
                .map(Map.Entry::getValue).orElse(null);
    }
}
