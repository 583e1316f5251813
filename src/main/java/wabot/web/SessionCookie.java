package wabot.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An operator's signed-in session, as a cookie value: its expiry and an HMAC of it keyed from {@code ADMIN_TOKEN}.
 * Nothing is stored on the server, so every instance behind a load balancer accepts the same cookie, and a new
 * admin token signs everyone out.
 */
final class SessionCookie {
    static final String NAME = "wabot_session";
    static final Duration LIFETIME = Duration.ofHours(12);
    private final SecretKeySpec key;

    SessionCookie(String adminToken) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(("wabot-operator-session|" + adminToken).getBytes(StandardCharsets.UTF_8));
            key = new SecretKeySpec(digest, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String issue(Instant now) {
        var expiry = Long.toString(now.plus(LIFETIME).getEpochSecond());
        return expiry + "." + sign(expiry);
    }

    boolean valid(String value, Instant now) {
        if (value == null) {
            return false;
        }
        int dot = value.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        var expiry = value.substring(0, dot);
        var claimed = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(sign(expiry).getBytes(StandardCharsets.US_ASCII), claimed)) {
            return false;
        }
        try {
            return Long.parseLong(expiry) > now.getEpochSecond();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String sign(String expiry) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(("session|" + expiry).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
