package io.qiyue.notification;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/** The signatures receivers check: our webhooks', DingTalk's signed URL and Feishu's signed body. */
final class Signatures {
    private Signatures() {
    }

    /** {@code sha256=<hex HMAC-SHA256 of the body keyed with the secret>}, the X-Qiyue-Signature header. */
    static String webhook(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** DingTalk: Base64(HmacSHA256 keyed with the secret over "timestamp\nsecret"), URL-encoded for the query. */
    static String dingTalk(String secret, long timestampMillis) {
        byte[] mac = hmac(secret.getBytes(StandardCharsets.UTF_8),
                (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
        return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
    }

    /** Feishu: Base64(HmacSHA256 keyed with "timestamp\nsecret" over no bytes); timestamp in seconds. */
    static String feishu(String secret, long timestampSeconds) {
        return Base64.getEncoder().encodeToString(
                hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
