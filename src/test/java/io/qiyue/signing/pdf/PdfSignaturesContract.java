package io.qiyue.signing.pdf;

import io.qiyue.template.SigningSamples;
import io.qiyue.testing.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing beans in the application on each database: V27's tables, the CA generated on first use and stored
 * once, signer certificates stored encrypted, a sign-and-verify round trip.
 */
abstract class PdfSignaturesContract extends ApiTestSupport {
    @Autowired
    PdfSignatures signatures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void signsAndVerifiesWithTheInstallationsStoredCa() {
        var who = new SignerIdentity(unique("user:"), "张三", "上海契约信息技术有限公司", "zhang@qiyue.example");
        byte[] signed = signatures.sign(SigningSamples.contractPdf(3), new SignatureRequest(who, PartySide.PARTY_B,
                "同意", "上海", Instant.now(), SigningFixtures.companySeal("上海契约信息技术有限公司"), true));
        var check = signatures.verify(signed).getFirst();
        assertThat(check.valid()).as("%s", check).isTrue();
        assertThat(check.coversWholeDocument()).isTrue();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_authority").query(Integer.class).single()).isOne();
        var stored = jdbc.sql("SELECT certificate, private_key, serial_hex FROM signer_certificate WHERE signer_key = ?")
                .param(who.key()).query((rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)})
                .single();
        assertThat(stored[0]).startsWith("v1:");
        assertThat(stored[1]).startsWith("v1:");
        assertThat(stored[2]).isEqualTo(check.certificateSerialHex());
    }

    @Test
    void aCertificateIssuedInTheCallersTransactionStaysIssuedWhenThatRollsBack() {
        var who = new SignerIdentity(unique("contact:"), "李四", "杭州示例科技有限公司", null);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            signatures.sign(SigningSamples.contractPdf(1), new SignatureRequest(who, PartySide.PARTY_A, "同意", "杭州",
                    Instant.now(), null, false));
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM signer_certificate WHERE signer_key = ?").param(who.key())
                .query(Integer.class).single()).isOne();
    }
}
