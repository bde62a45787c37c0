package io.qiyue.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The chain's hash: {@code entry_hash = SHA-256(prev_hash || canonical(entry))}, as lowercase hex.
 *
 * <p>The canonical form is what the database gives back, so that a verifier reading the row computes the
 * same bytes the writer hashed: the instant at microseconds (the precision of every supported database's
 * {@code TIMESTAMP(6)}/{@code DATETIME(6)}) in UTC, the changes as the stored JSON text. Every field is
 * written as a presence byte, a four-byte length and its UTF-8 bytes, so no choice of values can make two
 * different entries serialise alike (a separator character could be forged inside a value; a length cannot).
 */
final class EntryHasher {
    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private EntryHasher() {
    }

    /** What an entry's hash covers, in the order it is serialised. */
    record Content(long seq, String id, Instant occurredAt, String actor, String entityType, String entityId,
                   String action, String changes, String ip, String userAgent) {
    }

    /** The instant as stored: the databases keep microseconds, so the writer cuts there before hashing. */
    static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static String hash(String prevHash, Content entry) {
        return new EntryHasher.Digest().hash(prevHash, entry);
    }

    /**
     * A reusable digest for walking many entries: one {@link MessageDigest} and one buffer instead of one
     * each per entry. Not thread-safe: one per walk.
     */
    static final class Digest {
        private final MessageDigest sha256;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

        Digest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        String hash(String prevHash, Content entry) {
            buffer.reset();
            write(buffer, entry);
            sha256.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update(buffer.toByteArray());
            return HEX.formatHex(sha256.digest());
        }
    }

    private static void write(ByteArrayOutputStream out, Content e) {
        field(out, Long.toString(e.seq()));
        field(out, e.id());
        field(out, e.occurredAt() == null ? null : instant(storable(e.occurredAt())));
        field(out, e.actor());
        field(out, e.entityType());
        field(out, e.entityId());
        field(out, e.action());
        field(out, e.changes());
        field(out, e.ip());
        field(out, e.userAgent());
    }

    /** {@code 2026-12-04T10:00:00.123456Z}: written by hand, a formatter is the slowest part of a walk. */
    static String instant(Instant instant) {
        var t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return INSTANT.format(instant);
        }
        var text = new StringBuilder(27);
        pad(text, t.getYear(), 4).append('-');
        pad(text, t.getMonthValue(), 2).append('-');
        pad(text, t.getDayOfMonth(), 2).append('T');
        pad(text, t.getHour(), 2).append(':');
        pad(text, t.getMinute(), 2).append(':');
        pad(text, t.getSecond(), 2).append('.');
        pad(text, t.getNano() / 1000, 6).append('Z');
        return text.toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.write(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(1);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
