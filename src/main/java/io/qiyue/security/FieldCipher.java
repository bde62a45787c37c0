package io.qiyue.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;


/**
 * Encrypts personal information at rest with AES-256-GCM and computes a keyed hash (HMAC-SHA256)
 * for exact-match lookups and uniqueness. The 32-byte master key comes from {@code QIYUE_DATA_KEY}
 * (base64) or from a key file created in the data directory on first start; the encryption and
 * hashing keys are derived from it separately so that neither reveals the other.
 */
@Component
public class FieldCipher {
    private static final Logger log = LoggerFactory.getLogger(FieldCipher.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String VERSION_PREFIX = "v1:";

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec hashKey;
    private final SecretKeySpec fingerprintKey;
    private final SecureRandom random = new SecureRandom();

    FieldCipher(@Value("${qiyue.data-key:}") String configuredKey, @Value("${qiyue.data-dir}") Path dataDir) {
        byte[] master = configuredKey.isBlank() ? keyFromFile(dataDir.resolve("qiyue-data.key"))
                : decodeKey(configuredKey);
        this.encryptionKey = new SecretKeySpec(derive(master, "qiyue-encryption"), "AES");
        this.hashKey = new SecretKeySpec(derive(master, "qiyue-lookup-hash"), "HmacSHA256");
        this.fingerprintKey = new SecretKeySpec(derive(master, "qiyue-audit-fingerprint"), "HmacSHA256");
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return VERSION_PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Whether a stored value is this class's cipher text, for columns that held plain text before. */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(VERSION_PREFIX);
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(VERSION_PREFIX)) {
            throw new IllegalStateException("unknown cipher text format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(VERSION_PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong QIYUE_DATA_KEY?", e);
        }
    }

    /** A keyed hash of the normalised value: equal inputs give equal hashes, but it cannot be reversed offline. */
    public String lookupHash(String plain) {
        return plain == null ? null : HexFormat.of().formatHex(hmac(hashKey, plain));
    }

    /**
     * A short keyed fingerprint for the audit trail, where personal information is shown masked: two
     * values that mask alike still differ here, so a change is recorded. Its own key, so a fingerprint
     * cannot be matched against the lookup hashes in the tables.
     */
    public String auditFingerprint(String plain) {
        return plain == null ? null : "#" + HexFormat.of().formatHex(hmac(fingerprintKey, plain), 0, 8);
    }

    private static byte[] hmac(SecretKeySpec key, String plain) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("hashing failed", e);
        }
    }

    private static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decodeKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("QIYUE_DATA_KEY must be base64 of 32 random bytes");
        }
        if (key.length != 32) {
            throw new IllegalStateException("QIYUE_DATA_KEY must be base64 of 32 random bytes, got " + key.length);
        }
        return key;
    }

    private byte[] keyFromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return decodeKey(Files.readString(file));
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            random.nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the file keeps the platform's default permissions
            }
            log.warn("No QIYUE_DATA_KEY set: created a data key in {}. Back it up: without it, encrypted "
                    + "personal information cannot be read. Set QIYUE_DATA_KEY in production.", file);
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the data key file " + file, e);
        }
    }

}
