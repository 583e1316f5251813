package wabot.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Hub-Signature-256}: HMAC-SHA256 of the raw body bytes keyed with the app secret. The bytes
 * must be the ones received: Meta signs its escaped-unicode form, which re-serialized JSON would not reproduce.
 */
public final class WebhookSignature {
    private static final String PREFIX = "sha256=";
    private final Mac prototype;

    public WebhookSignature(String appSecret) {
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public boolean matches(byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(sign(body), claimed);
    }

    public String header(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(body));
    }

    private byte[] sign(byte[] body) {
        try {
            // Mac is not thread-safe; a clone of the keyed prototype skips the key setup.
            var mac = (Mac) prototype.clone();
            return mac.doFinal(body);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
