package wabot.whatsapp;

import wabot.testing.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code X-Hub-Signature-256} against the test vector in {@code signature-vectors/}. */
class WebhookSignatureTest {
    private static final String SECRET = "test-app-secret-not-real";

    private static byte[] raw;
    private static byte[] reserialized;
    private static String expectedHeader;

    private final WebhookSignature signature = new WebhookSignature(SECRET);

    @BeforeAll
    static void readTheVector() throws IOException {
        raw = Fixtures.bytes(Fixtures.SIGNATURES.resolve("body.raw.json"));
        reserialized = Fixtures.bytes(Fixtures.SIGNATURES.resolve("body.reserialized.json"));
        var expected = Files.readString(Fixtures.SIGNATURES.resolve("expected.txt"));
        assertThat(expected).contains("app_secret=" + SECRET);
        var matcher = Pattern.compile("for body\\.raw\\.json: (sha256=[0-9a-f]{64})").matcher(expected);
        assertThat(matcher.find()).as("expected.txt names the header for body.raw.json").isTrue();
        expectedHeader = matcher.group(1);
    }

    @Test
    void rawBodyMatchesTheHeaderMetaSent() {
        assertThat(signature.matches(raw, expectedHeader)).isTrue();
        assertThat(expectedHeader).isEqualTo("sha256=800fc09e1ee14851a3344a4fd2b221b6be22d3c3de2b6a7bac036cafed10b260");
    }

    @Test
    void headerComputedForTheRawBodyIsTheExpectedOne() {
        assertThat(signature.header(raw)).isEqualTo(expectedHeader);
    }

    @Test
    void reserializedBodyDoesNotMatch() {
        assertThat(signature.matches(reserialized, expectedHeader)).isFalse();
        assertThat(signature.header(reserialized))
                .isEqualTo("sha256=9b875f8a8d34882d93de39fb1b5f44c035cf415b2bd26484926cc3929ed174dc");
    }

    @Test
    void anotherSecretDoesNotMatch() {
        assertThat(new WebhookSignature("another-secret").matches(raw, expectedHeader)).isFalse();
    }

    @Test
    void oneFlippedByteInTheBodyDoesNotMatch() {
        var tampered = raw.clone();
        tampered[tampered.length - 2] ^= 1;

        assertThat(signature.matches(tampered, expectedHeader)).isFalse();
    }

    @Test
    void missingHeaderDoesNotMatch() {
        assertThat(signature.matches(raw, null)).isFalse();
        assertThat(signature.matches(raw, "")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha1=", "SHA256=", "sha512=", "", " sha256="})
    void wrongPrefixDoesNotMatch(String prefix) {
        var hex = expectedHeader.substring("sha256=".length());

        assertThat(signature.matches(raw, prefix + hex)).isFalse();
    }

    @Test
    void wrongLengthDoesNotMatch() {
        assertThat(signature.matches(raw, expectedHeader.substring(0, expectedHeader.length() - 2))).isFalse();
        assertThat(signature.matches(raw, expectedHeader + "00")).isFalse();
        assertThat(signature.matches(raw, expectedHeader + " ")).isFalse();
        assertThat(signature.matches(raw, "sha256=")).isFalse();
    }

    @Test
    void nonHexDigestOfTheRightLengthDoesNotMatch() {
        var nonHex = expectedHeader.substring(0, expectedHeader.length() - 1) + "g";

        assertThat(signature.matches(raw, nonHex)).isFalse();
    }

    @Test
    void uppercaseHexDigestMatchesBecauseItEncodesTheSameBytes() {
        // Meta sends lowercase; hex is case-insensitive, and the comparison is over the decoded bytes.
        var uppercase = "sha256=" + expectedHeader.substring("sha256=".length()).toUpperCase(Locale.ROOT);

        assertThat(signature.matches(raw, uppercase)).isTrue();
    }
}
