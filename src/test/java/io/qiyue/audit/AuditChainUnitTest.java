package io.qiyue.audit;

import io.qiyue.shared.EntityChanged;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pieces of the chain that need no database: hashing, the user agent's cleaning, CSV cells. */
class AuditChainUnitTest {
    private static final EntryHasher.Content ENTRY = new EntryHasher.Content(7, "id-1",
            Instant.parse("2026-12-04T10:00:00.123456789Z"), "admin", "CONTRACT", "c-1", "UPDATE",
            "[{\"field\":\"/title\"}]", "127.0.0.1", "curl/8");

    @Test
    void theHashCoversEveryFieldAndThePreviousHash() {
        String hash = EntryHasher.hash(EntryHasher.GENESIS, ENTRY);
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(EntryHasher.hash(EntryHasher.GENESIS, ENTRY));
        assertThat(EntryHasher.hash("1".repeat(64), ENTRY)).isNotEqualTo(hash);
        var changedActor = new EntryHasher.Content(7, "id-1", ENTRY.occurredAt(), "x", "CONTRACT", "c-1", "UPDATE",
                ENTRY.changes(), "127.0.0.1", "curl/8");
        assertThat(EntryHasher.hash(EntryHasher.GENESIS, changedActor)).isNotEqualTo(hash);
        var noIp = new EntryHasher.Content(7, "id-1", ENTRY.occurredAt(), "admin", "CONTRACT", "c-1", "UPDATE",
                ENTRY.changes(), null, "curl/8");
        assertThat(EntryHasher.hash(EntryHasher.GENESIS, noIp)).as("null differs from any text").isNotEqualTo(hash);
    }

    @Test
    void valuesCannotBeShiftedFromOneFieldToTheNext() {
        var a = new EntryHasher.Content(1, "ab", null, "c", "T", "e", "CREATE", "[]", null, null);
        var b = new EntryHasher.Content(1, "a", null, "bc", "T", "e", "CREATE", "[]", null, null);
        assertThat(EntryHasher.hash(EntryHasher.GENESIS, a)).isNotEqualTo(EntryHasher.hash(EntryHasher.GENESIS, b));
    }

    @Test
    void theInstantIsHashedAtMicrosecondsAsTheDatabasesStoreIt() {
        var stored = new EntryHasher.Content(7, "id-1", Instant.parse("2026-12-04T10:00:00.123456Z"), "admin",
                "CONTRACT", "c-1", "UPDATE", ENTRY.changes(), "127.0.0.1", "curl/8");
        assertThat(EntryHasher.hash(EntryHasher.GENESIS, stored)).isEqualTo(EntryHasher.hash(EntryHasher.GENESIS, ENTRY));
    }

    @Test
    void theInstantIsWrittenWithSixFractionalDigitsInUtc() {
        assertThat(EntryHasher.instant(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000000Z");
        assertThat(EntryHasher.instant(Instant.parse("0999-12-31T23:59:59.000007Z"))).isEqualTo("0999-12-31T23:59:59.000007Z");
        assertThat(EntryHasher.instant(Instant.parse("2026-12-04T10:00:00.123456Z"))).isEqualTo("2026-12-04T10:00:00.123456Z");
    }

    @Test
    void theUserAgentLosesControlCharactersAndStopsAt512() {
        assertThat(RequestOrigin.userAgent("Mozilla/5.0\u0000\r\n\u001b[31m x")).isEqualTo("Mozilla/5.0[31m x");
        assertThat(RequestOrigin.userAgent("a".repeat(600))).hasSize(512);
        assertThat(RequestOrigin.userAgent("a".repeat(511) + "😀")).as("no half surrogate pair").hasSize(511);
        assertThat(RequestOrigin.userAgent("\u0007")).isNull();
        assertThat(RequestOrigin.userAgent(null)).isNull();
    }

    @Test
    void csvCellsAreQuotedAndFormulasNeutralised() {
        assertThat(AuditCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditCsv.cell("+1")).isEqualTo("'+1");
        assertThat(AuditCsv.cell("-1")).isEqualTo("'-1");
        assertThat(AuditCsv.cell("@A1")).isEqualTo("'@A1");
        assertThat(AuditCsv.cell("甲,乙")).isEqualTo("\"甲,乙\"");
        assertThat(AuditCsv.cell("一\n二")).isEqualTo("\"一\n二\"");
        assertThat(AuditCsv.cell("合同")).isEqualTo("合同");
        assertThat(AuditCsv.cell(null)).isEmpty();
        var csv = new String(AuditCsv.write(List.of(new AuditEntry("id-1", Instant.parse("2026-12-04T10:00:00Z"),
                "admin", "CONTRACT", "c-1", EntityChanged.Action.CREATE, List.of(), 1L, null, null,
                EntryHasher.GENESIS, "f".repeat(64)))), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFseq,").contains("\r\n1,2026-12-04T10:00:00Z,admin,CONTRACT,c-1,CREATE,,,,,,");
    }
}
