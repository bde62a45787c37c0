package io.qiyue.signing.pdf;

import io.qiyue.security.FieldCipher;
import io.qiyue.shared.persistence.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The CA that certifies signers' keys. Either the admin's (a PKCS#12 at {@code qiyue.signing.ca.keystore}, env
 * {@code QIYUE_SIGNING_CA_KEYSTORE}, with {@code QIYUE_SIGNING_CA_PASSWORD}), or one generated on first use and
 * kept, encrypted with the data key, in {@code signing_authority} so that every instance signs with the same CA.
 * Nothing is read or generated at start-up. Neither is a licensed 电子认证服务提供者: the certificates show that
 * this installation vouches for the signer, no more.
 */
@Component
class SigningAuthority {
    private static final Logger log = LoggerFactory.getLogger(SigningAuthority.class);
    static final String ROW_ID = "installation";
    private static final Duration GENERATED_VALIDITY = Duration.ofDays(20 * 366);

    /** The CA's certificate first, then its own issuers (for an admin's intermediate CA). */
    record Authority(List<X509Certificate> chain, PrivateKey key) {
        X509Certificate certificate() {
            return chain.getFirst();
        }

        String sha256() {
            return Certificates.sha256Hex(certificate());
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final FieldCipher cipher;
    private final String keystore;
    private final String password;
    private final Clock clock;
    private volatile Authority current;
    private volatile X509Certificate storedCertificate;

    @Autowired
    SigningAuthority(JdbcClient jdbc, PlatformTransactionManager transactions, FieldCipher cipher,
                     @Value("${qiyue.signing.ca.keystore:}") String keystore,
                     @Value("${qiyue.signing.ca.password:}") String password) {
        this(jdbc, transactions, cipher, keystore, password, Clock.systemUTC());
    }

    SigningAuthority(JdbcClient jdbc, PlatformTransactionManager transactions, FieldCipher cipher, String keystore,
                     String password, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = ownTransaction(transactions);
        this.cipher = cipher;
        this.keystore = keystore == null ? "" : keystore.strip();
        this.password = password == null ? "" : password;
        this.clock = clock;
    }

    /** The CA to issue with: the admin's, or the stored one, or a new one (only one, even with several instances). */
    Authority current() {
        Authority authority = current;
        if (authority == null) {
            synchronized (this) {
                authority = current;
                if (authority == null) {
                    authority = keystore.isEmpty() ? storedOrGenerated() : fromKeystore(Path.of(keystore), password);
                    current = authority;
                }
            }
        }
        return authority;
    }

    /**
     * The CA certificates that signatures are checked against, without creating a CA: the admin's, and the one this
     * installation generated (if it ever did), so that signatures made before the admin configured a CA stay "ours".
     * Empty when this installation has never signed.
     */
    List<X509Certificate> trustedCertificates() {
        var trusted = new ArrayList<X509Certificate>(2);
        if (!keystore.isEmpty()) {
            trusted.add(current().certificate());
        }
        X509Certificate generated = storedCertificate;
        if (generated == null) {
            generated = jdbc.sql("SELECT certificate FROM signing_authority WHERE id = ?").param(ROW_ID)
                    .query(String.class).optional().map(Certificates::decodeCertificate).orElse(null);
            // the row is never changed once written: cache it for every later verification
            storedCertificate = generated;
        }
        if (generated != null && !trusted.contains(generated)) {
            trusted.add(generated);
        }
        return List.copyOf(trusted);
    }

    private Authority storedOrGenerated() {
        Optional<Authority> stored = load();
        if (stored.isPresent()) {
            return stored.get();
        }
        Instant now = clock.instant();
        var keys = Certificates.newKeyPair();
        X509Certificate certificate = Certificates.selfSignedAuthority(keys,
                "Qiyue Signing CA " + now.atZone(ZoneOffset.UTC).toLocalDate(), now.minus(Duration.ofDays(1)),
                GENERATED_VALIDITY);
        try {
            // the fixed primary key makes a second instance's concurrent insert fail; it then uses the winner's CA
            ownTransaction.executeWithoutResult(status -> jdbc.sql(
                            "INSERT INTO signing_authority (id, certificate, private_key, created_at) VALUES (?, ?, ?, ?)")
                    .params(ROW_ID, Certificates.encode(certificate), cipher.encrypt(Certificates.encode(keys.getPrivate())),
                            DbTime.toDb(now))
                    .update());
        } catch (DuplicateKeyException lostTheRace) {
            return load().orElseThrow(() -> new IllegalStateException("signing CA row vanished", lostTheRace));
        }
        log.warn("Generated this installation's own signing CA ({}); its certificates are trusted by no one else. "
                + "To sign with a CA of your organisation, set QIYUE_SIGNING_CA_KEYSTORE (a PKCS#12 file) and "
                + "QIYUE_SIGNING_CA_PASSWORD.", certificate.getSubjectX500Principal().getName());
        return new Authority(List.of(certificate), keys.getPrivate());
    }

    private Optional<Authority> load() {
        return jdbc.sql("SELECT certificate, private_key FROM signing_authority WHERE id = ?").param(ROW_ID)
                .query((rs, n) -> new Authority(List.of(Certificates.decodeCertificate(rs.getString(1))),
                        Certificates.decodePrivateKey(cipher.decrypt(rs.getString(2)))))
                .optional();
    }

    /**
     * Keys and certificates are written in a transaction of their own: committed even if the caller's transaction
     * rolls back (a certificate issued stays issued), and a duplicate key does not abort the caller's transaction on
     * PostgreSQL, which then reads the winner's row.
     */
    static TransactionTemplate ownTransaction(PlatformTransactionManager transactions) {
        var template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }

    /** The first key entry of the admin's PKCS#12; its certificate must be a CA's. */
    static Authority fromKeystore(Path file, String password) {
        char[] secret = password.toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                var key = (PrivateKey) store.getKey(alias, secret);
                var chain = new ArrayList<X509Certificate>();
                for (Certificate c : store.getCertificateChain(alias)) {
                    chain.add((X509Certificate) c);
                }
                if (chain.getFirst().getBasicConstraints() < 0) {
                    throw new IllegalStateException("the signing CA keystore " + file + " holds no CA certificate "
                            + "(basicConstraints CA:true) under its key entry '" + alias + "'");
                }
                return new Authority(List.copyOf(chain), key);
            }
            throw new IllegalStateException("the signing CA keystore " + file + " has no private key entry");
        } catch (IOException | GeneralSecurityException e) {
            // the message names the file, never the password
            throw new IllegalStateException("cannot read the signing CA keystore " + file
                    + " (QIYUE_SIGNING_CA_KEYSTORE / QIYUE_SIGNING_CA_PASSWORD)", e);
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }
}
