package io.qiyue.signing.pdf;

import io.qiyue.security.FieldCipher;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signer keys held by this installation: one EC P-256 key pair per {@link SignerIdentity#key()}, certified by
 * {@link SigningAuthority} for two years, the private key stored encrypted in {@code signer_certificate} and
 * decrypted only inside {@link #signDetached}. A certificate is re-issued (with a new key pair) when the person's
 * name, organisation or e-mail changed, when it expires within a month, or when the CA was replaced.
 */
@Component
class InstallationSignerKeys implements SignerKeys {
    private static final Duration VALIDITY = Duration.ofDays(2 * 365);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /**
     * A signing time taken when the signer confirmed, shortly before the first certificate is issued, still lies
     * within the certificate's validity.
     */
    private static final Duration BACKDATED = Duration.ofHours(1);

    private record Issued(String serialHex, String identityHash, String caSha256, Instant notAfter,
                          X509Certificate certificate, String encryptedKey) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final FieldCipher cipher;
    private final SigningAuthority authority;
    private final Clock clock;

    @Autowired
    InstallationSignerKeys(JdbcClient jdbc, PlatformTransactionManager transactions, FieldCipher cipher,
                           SigningAuthority authority) {
        this(jdbc, transactions, cipher, authority, Clock.systemUTC());
    }

    InstallationSignerKeys(JdbcClient jdbc, PlatformTransactionManager transactions, FieldCipher cipher,
                           SigningAuthority authority, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = SigningAuthority.ownTransaction(transactions);
        this.cipher = cipher;
        this.authority = authority;
        this.clock = clock;
    }

    @Override
    public List<X509Certificate> certificateChain(SignerIdentity who) {
        var ca = authority.current();
        return chain(usable(who, ca).certificate(), ca);
    }

    @Override
    public byte[] signDetached(SignerIdentity who, InputStream content) {
        var ca = authority.current();
        Issued issued = usable(who, ca);
        byte[] data;
        try {
            data = content.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the one place a signer's private key is decrypted; it is not kept after this call
        var key = Certificates.decodePrivateKey(cipher.decrypt(issued.encryptedKey()));
        return Cms.signDetached(data, key, chain(issued.certificate(), ca));
    }

    private static List<X509Certificate> chain(X509Certificate signer, SigningAuthority.Authority ca) {
        var chain = new ArrayList<X509Certificate>(ca.chain().size() + 1);
        chain.add(signer);
        chain.addAll(ca.chain());
        return List.copyOf(chain);
    }

    private Issued usable(SignerIdentity who, SigningAuthority.Authority ca) {
        String identity = cipher.lookupHash(who.personName() + '\u0000' + who.organisation() + '\u0000' + who.email());
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            Optional<Issued> stored = load(who.key());
            if (stored.isPresent() && fits(stored.get(), identity, ca, now)) {
                return stored.get();
            }
            Issued fresh = issue(who, identity, ca, now);
            if (stored.isEmpty() ? insert(who.key(), fresh) : replace(who.key(), stored.get().serialHex(), fresh)) {
                return fresh;
            }
            // another thread or instance issued one meanwhile: use it if it fits (same name, same CA)
        }
        throw new IllegalStateException("could not issue a certificate for signer " + who.key());
    }

    private static boolean fits(Issued issued, String identity, SigningAuthority.Authority ca, Instant now) {
        return issued.identityHash().equals(identity) && issued.caSha256().equals(ca.sha256())
                && issued.notAfter().isAfter(now.plus(RENEW_BEFORE));
    }

    private Issued issue(SignerIdentity who, String identity, SigningAuthority.Authority ca, Instant now) {
        var keys = Certificates.newKeyPair();
        X509Certificate certificate = Certificates.signer(who, keys.getPublic(), ca.certificate(), ca.key(),
                now.minus(BACKDATED), VALIDITY);
        return new Issued(certificate.getSerialNumber().toString(16), identity, ca.sha256(),
                certificate.getNotAfter().toInstant(), certificate,
                cipher.encrypt(Certificates.encode(keys.getPrivate())));
    }

    private Optional<Issued> load(String signerKey) {
        return jdbc.sql("SELECT serial_hex, identity_hash, ca_sha256, not_after, certificate, private_key "
                        + "FROM signer_certificate WHERE signer_key = ?").param(signerKey)
                .query((rs, n) -> new Issued(rs.getString(1), rs.getString(2), rs.getString(3),
                        DbTime.read(rs, "not_after"),
                        Certificates.decodeCertificate(cipher.decrypt(rs.getString(5))), rs.getString(6)))
                .optional();
    }

    private boolean insert(String signerKey, Issued issued) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.sql("INSERT INTO signer_certificate (signer_key, serial_hex, identity_hash, ca_sha256, not_after, "
                            + "certificate, private_key, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(signerKey, issued.serialHex(), issued.identityHash(), issued.caSha256(),
                            DbTime.toDb(issued.notAfter()), cipher.encrypt(Certificates.encode(issued.certificate())),
                            issued.encryptedKey(), DbTime.toDb(clock.instant()))
                    .update());
            return true;
        } catch (DuplicateKeyException lostTheRace) {
            return false;
        }
    }

    /** Compare-and-set on the serial: of two instances re-issuing at once, one wins and the other reloads. */
    private boolean replace(String signerKey, String previousSerial, Issued issued) {
        return ownTransaction.execute(status -> jdbc.sql("UPDATE signer_certificate SET serial_hex = ?, identity_hash = ?, ca_sha256 = ?, not_after = ?, "
                        + "certificate = ?, private_key = ?, issued_at = ? WHERE signer_key = ? AND serial_hex = ?")
                .params(issued.serialHex(), issued.identityHash(), issued.caSha256(), DbTime.toDb(issued.notAfter()),
                        cipher.encrypt(Certificates.encode(issued.certificate())), issued.encryptedKey(),
                        DbTime.toDb(clock.instant()), signerKey, previousSerial)
                .update()) == 1;
    }

}
