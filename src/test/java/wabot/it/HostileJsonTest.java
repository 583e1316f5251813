package wabot.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.StoredRows;
import wabot.testing.Webhooks;

/**
 * Bodies built to hurt a JSON parser (deep nesting, enormous numbers, strings and names, broken UTF-8) are refused
 * with a 4xx and never a 5xx, which would make Meta redeliver them for a week. Nothing of them is stored and the
 * server keeps answering. All of them fit under the size limit, so it is the parser's limits that refuse them.
 */
class HostileJsonTest {
    private static final String ANA = Webhooks.USER_A;
    private static final int LEVELS = 100_000;

    @TempDir
    Path dir;

    @Test
    void deepOrHugeJsonIsRefusedWithA4xxAndTheServerStaysUp() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            var hostile = new LinkedHashMap<String, byte[]>();
            hostile.put("100k nested objects", utf8("{\"entry\":" + "{\"a\":".repeat(LEVELS) + "1"
                    + "}".repeat(LEVELS) + "}"));
            hostile.put("100k nested arrays", utf8("{\"entry\":" + "[".repeat(LEVELS) + "]".repeat(LEVELS) + "}"));
            hostile.put("a million unclosed arrays", utf8("[".repeat(1_000_000)));
            hostile.put("100k nested arrays as a text body", insideATextMessage("[".repeat(LEVELS) + "]".repeat(LEVELS)));
            hostile.put("a number of two million digits", utf8("{\"entry\":[],\"n\":" + "9".repeat(2_000_000) + "}"));
            hostile.put("a timestamp of 100k digits", insideATextMessage("\"x\",\"timestamp\":" + "1".repeat(LEVELS)));
            hostile.put("a string of two million characters", insideATextMessage("\"" + "a".repeat(2_000_000) + "\""));
            hostile.put("a field name of 100k characters", utf8("{\"" + "k".repeat(LEVELS) + "\":1}"));
            hostile.put("broken UTF-8 in a string", brokenUtf8());

            for (var body : hostile.entrySet()) {
                assertThat(body.getValue().length).as(body.getKey()).isLessThan(h.config().webhookMaxBytes());
                var result = h.post(body.getValue());
                assertThat(result.status()).as("%s: %s", body.getKey(), result).isBetween(400, 499);
            }

            assertThat(StoredRows.count(h.database(), "inbox", null)).isZero();
            assertThat(h.graph().requests()).isEmpty();
            assertThat(h.get("/health").json().path("status").asText()).isEqualTo("ok");
            assertThat(h.exchange(ANA, "Hola", 1)).containsExactly(h.prompt("name"));
        }
    }

    /** Numbers Meta never sends, where the bot reads numbers (error codes), are read, not fatal. */
    @Test
    void outlandishNumbersWhereCodesAreExpectedAreAccepted() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            var body = """
                    {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                      "errors":[{"code":1e308,"title":"x"},{"code":-99999999999999999999999999,"title":"y"}],
                      "statuses":[{"id":"wamid.NOT-OURS","status":"failed","timestamp":"99999999999999999999",
                                   "errors":[{"code":1.5e-300,"title":"z"}]}]}}]}]}""";

            assertThat(h.post(utf8(body)).status()).isEqualTo(200);

            assertThat(h.exchange(ANA, "Hola", 1)).containsExactly(h.prompt("name"));
            assertThat(h.graph().requests()).hasSize(1);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    /** A text webhook from Ana whose {@code text.body} value is replaced by {@code rawJsonValue}. */
    private static byte[] insideATextMessage(String rawJsonValue) {
        var marker = "HOSTILE-VALUE-MARKER";
        var body = new String(Webhooks.text(ANA, Webhooks.newWamid(), marker), UTF_8);
        assertThat(body).contains("\"" + marker + "\"");
        return utf8(body.replace("\"" + marker + "\"", rawJsonValue));
    }

    /** A text webhook whose text body holds a byte sequence that is not UTF-8. */
    private static byte[] brokenUtf8() {
        var body = new String(Webhooks.text(ANA, Webhooks.newWamid(), "MARK"), UTF_8);
        var split = body.indexOf("MARK");
        var out = new ByteArrayOutputStream();
        out.writeBytes(utf8(body.substring(0, split)));
        out.writeBytes(new byte[] {'H', 'o', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, 'l', 'a'});
        out.writeBytes(utf8(body.substring(split + 4)));
        return out.toByteArray();
    }
}
