package wabotbench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds signed webhook bodies shaped like src/test/resources/whatsapp/payloads/text.json: one entry, one change per
 * message, Meta's escaped-unicode text, a unique wamid per message, and X-Hub-Signature-256 over the raw bytes.
 */
final class Webhooks {
    /** Users are phone numbers BASE + index (13 digits, like a Brazilian wa_id). */
    static final long USER_BASE = 5511900000000L;

    /** The texts a user sends: a greeting, then one answer per question of the bundled flow. */
    static final String[] SCRIPT = {
        "Ol\\u00e1! Preciso de ajuda \\ud83c\\udf35",
        "Ana Souza",
        "ana.souza@example.com",
        "Mi pedido no lleg\\u00f3 y necesito ayuda con la devoluci\\u00f3n, por favor.",
        "Nada m\\u00e1s, gracias",
    };

    private static final String HEAD = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000001\","
            + "\"changes\":[";
    private static final String TAIL = "]}]}";

    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong ids = new AtomicLong();
    private final ThreadLocal<Mac> macs;

    Webhooks(String appSecret) {
        Mac prototype;
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        var keyed = prototype;
        macs = ThreadLocal.withInitial(() -> {
            try {
                return (Mac) keyed.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A signed POST: the body and its X-Hub-Signature-256 header value. */
    record Signed(byte[] body, String signature) {}

    /** One POST carrying one text message per (user, text) pair, each in its own change. */
    Signed build(long[] users, String[] texts, int count) {
        var sb = new StringBuilder(600 * count);
        sb.append(HEAD);
        long ts = System.currentTimeMillis() / 1000;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(',');
            }
            long user = USER_BASE + users[i];
            sb.append("{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001111\","
                    + "\"phone_number_id\":\"200000000000002\"},\"contacts\":[{\"profile\":{\"name\":\"Bench User\"},\"wa_id\":\"")
                    .append(user).append("\"}],\"messages\":[{\"from\":\"").append(user)
                    .append("\",\"id\":\"wamid.BENCH").append(runId).append('.').append(ids.incrementAndGet())
                    .append("\",\"timestamp\":\"").append(ts).append("\",\"type\":\"text\",\"text\":{\"body\":\"")
                    .append(texts[i]).append("\"}}]},\"field\":\"messages\"}");
        }
        sb.append(TAIL);
        var body = sb.toString().getBytes(StandardCharsets.US_ASCII);
        return new Signed(body, "sha256=" + HexFormat.of().formatHex(macs.get().doFinal(body)));
    }

    Signed one(long user, String text) {
        return build(new long[] {user}, new String[] {text}, 1);
    }
}
