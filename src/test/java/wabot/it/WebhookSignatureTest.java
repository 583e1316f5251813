package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Harness;
import wabot.testing.Fixtures;
import wabot.testing.Webhooks;

/**
 * {@code X-Hub-Signature-256} with the test vector: the HMAC of the raw bytes Meta sent, never of a
 * re-serialized body. A refused delivery leaves nothing behind.
 */
class WebhookSignatureTest {
    private static final String SECRET = "test-app-secret-not-real";
    private static final String SENDER = Webhooks.USER_A;
    private static final byte[] RAW = Fixtures.bytes(Fixtures.signatureVector("body.raw.json"));
    private static final byte[] RESERIALIZED = Fixtures.bytes(Fixtures.signatureVector("body.reserialized.json"));

    @TempDir
    Path dir;
    private Harness h;

    @BeforeEach
    void start() {
        h = Harness.builder(dir).env("APP_SECRET", SECRET).start();
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void rawBodyWithTheExpectedSignatureIsAccepted() {
        var expected = expectedHeader();
        assertThat(Harness.sign(SECRET, RAW)).as("the harness signs like Meta").isEqualTo(expected);

        var result = h.post(RAW, Map.of("X-Hub-Signature-256", expected));

        assertThat(result.status()).isEqualTo(200);
        assertThat(h.graph().awaitMessages(SENDER, 1)).containsExactly(h.prompt("name"));
        var session = h.awaitSettled(SENDER);
        assertThat(session.messages()).singleElement().satisfies(m -> {
            assertThat(m.path("message_id").asText()).isEqualTo("wamid.HBgLTVRVMU5UVTFOVEF4TURFU0lHLTAwMDE=");
            assertThat(m.path("body").asText()).isEqualTo("Preço em €/kg? \uD83C\uDF4B");
        });
    }

    @Test
    void wrongSignatureIsRefused() {
        var expected = expectedHeader();
        var flipped = expected.substring(0, expected.length() - 1) + (expected.endsWith("0") ? "1" : "0");
        assertRefused(RAW, Map.of("X-Hub-Signature-256", flipped));
        assertRefused(RAW, Map.of("X-Hub-Signature-256", Harness.sign("another-secret", RAW)));
        assertRefused(RAW, Map.of("X-Hub-Signature-256", expected.substring("sha256=".length())));
        assertRefused(RAW, Map.of("X-Hub-Signature-256", "sha256=not-hex"));
    }

    @Test
    void missingSignatureIsRefused() {
        assertRefused(RAW, Map.of());
    }

    @Test
    void reserializedBodyWithTheRawBodysSignatureIsRefused() {
        assertThat(new String(RESERIALIZED, StandardCharsets.UTF_8)).contains("€/kg");
        assertRefused(RESERIALIZED, Map.of("X-Hub-Signature-256", expectedHeader()));
    }

    @Test
    void refusedThenGenuineDeliveryOfTheSameMessageIsProcessedOnce() {
        assertRefused(RESERIALIZED, Map.of("X-Hub-Signature-256", expectedHeader()));
        assertThat(h.post(RAW, Map.of("X-Hub-Signature-256", expectedHeader())).status()).isEqualTo(200);
        assertThat(h.graph().awaitMessages(SENDER, 1)).containsExactly(h.prompt("name"));
    }

    private void assertRefused(byte[] body, Map<String, String> headers) {
        var result = h.post(body, headers);
        assertThat(result.status()).as("POST with %s", headers).isEqualTo(401);
        assertThat(h.findSession(SENDER)).as("nothing stored for %s", SENDER).isEmpty();
        assertThat(h.admin("/sessions").json().path("count").asInt()).isZero();
        assertThat(h.graph().requests()).isEmpty();
    }

    /** The header value written in {@code signature-vectors/expected.txt} for {@code body.raw.json}. */
    private static String expectedHeader() {
        var text = new String(Fixtures.bytes(Fixtures.signatureVector("expected.txt")), StandardCharsets.UTF_8);
        var matcher = Pattern.compile("for body\\.raw\\.json: (sha256=[0-9a-f]{64})").matcher(text);
        assertThat(matcher.find()).as("expected.txt names the header of body.raw.json").isTrue();
        return matcher.group(1);
    }
}
