package io.qiyue.operations;

import io.qiyue.QiyueApplication;
import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backup restored into an empty database is the same installation: the same contracts with the same versions and
 * hashes, the same documents, signed documents and signatures, the same audit entries in a chain that verifies, and
 * protected fields that decrypt with the restored data key. (Other test classes share the database and write while
 * this one runs, so totals are compared as "at least", the records of this test exactly.)
 */
abstract class BackupRoundTripContract extends ApiTestSupport {
    @Value("${spring.datasource.url}")
    protected String url;
    @Value("${spring.datasource.username}")
    protected String username;
    @Value("${spring.datasource.password:}")
    protected String password;
    @Value("${qiyue.data-dir}")
    protected Path dataDir;

    /** Where the copy was restored: a fresh database of the same kind. */
    protected record Restored(TestDatabase.Created database) {
    }

    /**
     * Backs up this context's database and data key into {@code backup} the documented way, and restores them into
     * a fresh empty database and {@code restoredDataDir}.
     */
    protected abstract Restored backUpAndRestore(Path backup, Path restoredDataDir) throws Exception;

    @Test
    void aRestoredBackupIsTheSameInstallation() throws Exception {
        var seller = createUser("SALES", null);
        String customerId = createOrganization(seller.client()).path("id").asString();
        String signed = signedContract(seller.client(),
                ContractSamples.contract("SERVICE", unique("备份恢复服务合同"), customerId, ourEntityId()));
        String draft = createContract(seller.client(),
                ContractSamples.contract("CONFIDENTIALITY", unique("备份恢复保密协议"), customerId, ourEntityId()))
                .path("id").asString();
        String adminToken = token(anonymous().basic("admin", ADMIN_PASSWORD));
        var here = anonymous().bearer(adminToken);
        var before = snapshot(here, List.of(signed, draft), customerId);
        long entriesBefore = verifiedEntries(here);

        Path backup = Files.createTempDirectory("qiyue-backup-").resolve("backup");
        Path restoredDataDir = Files.createTempDirectory("qiyue-restored-");
        var restored = backUpAndRestore(backup, restoredDataDir);
        try (ConfigurableApplicationContext copy = new SpringApplicationBuilder(QiyueApplication.class).run(
                "--server.port=0", "--spring.datasource.url=" + restored.database().url(),
                "--spring.datasource.username=" + restored.database().username(),
                "--spring.datasource.password=" + restored.database().password(),
                "--qiyue.data-dir=" + restoredDataDir, "--logging.level.org.flywaydb=WARN",
                "--qiyue.lifecycle.calendar-cron=-", "--qiyue.warmup=false")) {
            int copyPort = Integer.parseInt(copy.getEnvironment().getProperty("local.server.port"));
            // the admin's API token is in the backup too: the same secret works on the copy
            var there = ApiClient.anonymous(copyPort).bearer(adminToken);
            var after = snapshot(there, List.of(signed, draft), customerId);
            // other test classes write into the same database meanwhile: the copy holds at least what was there
            // before the backup, and its whole chain verifies
            assertThat(verifiedEntries(there)).isGreaterThanOrEqualTo(entriesBefore);
            for (var entry : before.entrySet()) {
                assertThat(after.get(entry.getKey())).as(entry.getKey()).isEqualTo(entry.getValue());
            }
            assertThat(after.keySet()).isEqualTo(before.keySet());
        } finally {
            restored.database().drop();
        }
    }

    /** The number of entries of the audit chain, which must verify. */
    private static long verifiedEntries(ApiClient as) {
        var audit = as.get("/api/v1/audit/verify");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().path("valid").asBoolean()).as("audit chain verifies: %s", audit).isTrue();
        return audit.json().path("entries").asLong();
    }

    /** What must survive, by name: JSON answers as text, documents as their SHA-256. */
    private static Map<String, String> snapshot(ApiClient as, List<String> contractIds, String customerId) {
        var out = new LinkedHashMap<String, String>();
        // the contact's mobile and the legal representative are stored encrypted: read in clear by the admin
        out.put("customer", as.get("/api/v1/customers/" + customerId).body());
        for (String id : contractIds) {
            String path = "/api/v1/contracts/" + id;
            out.put(id, as.get(path).body());
            out.put(id + " versions", as.get(path + "/versions").body());
            out.put(id + " audit", as.get("/api/v1/audit?id=" + id + "&size=100").body());
            out.put(id + " documents", as.get(path + "/documents").body());
            out.put(id + " html", sha256(as.request("GET", path + "/document").sendForBytes().body()));
        }
        String signed = contractIds.getFirst();
        out.put("signatures", as.get("/api/v1/contracts/" + signed + "/signatures").body());
        out.put("signed document", sha256(as.request("GET", "/api/v1/contracts/" + signed + "/signed-document")
                .sendForBytes().body()));
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the data key the way {@code bin/backup} and {@code bin/restore} do. */
    protected void copyDataKey(Path into) throws IOException {
        Files.copy(dataDir.resolve("qiyue-data.key"), into.resolve("qiyue-data.key"));
    }
}
