package wabot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings from the environment: defaults, accepted formats, and refusals that name the variable. */
class ConfigTest {

    private static ConfigException refused(Map<String, String> env) {
        var error = catchThrowableOfType(ConfigException.class, () -> Config.from(env));
        assertThat(error).as("%s should have been refused", env).isNotNull();
        return error;
    }

    @Test
    void emptyEnvironmentGivesTheDefaults() {
        var config = Config.from(Map.of());

        assertThat(config.port()).isEqualTo(8000);
        assertThat(config.databaseUrl()).isEqualTo("jdbc:sqlite:data/wabot.db");
        assertThat(config.graphApiVersion()).isEqualTo("v20.0");
        assertThat(config.graphApiBaseUrl()).isEqualTo(URI.create("https://graph.facebook.com"));
        assertThat(config.sendRatePerSecond()).isEqualTo(80.0);
        assertThat(config.externalApiTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.sessionTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.externalApiUrl()).isNull();
        assertThat(config.flowFile()).isNull();
        assertThat(config.dryRun()).isTrue();
        assertThat(config.externalApiCircuitWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.timeZone()).isEqualTo(java.time.ZoneId.systemDefault());
        assertThat(config.alerts()).isEqualTo(new wabot.alerts.AlertSettings(null, Duration.ofSeconds(30),
                Duration.ofMinutes(15), 10, 20, 20, Duration.ofMinutes(5), Duration.ofMinutes(10)));
    }

    @Test
    void alertSettingsAndTheTimeZoneAreRead() {
        var config = Config.from(Map.of("ALERT_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/secret",
                "ALERT_CHECK_INTERVAL", "10s", "ALERT_WINDOW", "1h", "ALERT_MIN_EVENTS", "50",
                "ALERT_FAILED_REPLIES_PERCENT", "5", "ALERT_FAILED_SUBMISSIONS_PERCENT", "100",
                "ALERT_CIRCUIT_OPEN_AFTER", "2m", "ALERT_OUTBOX_AGE", "90s", "TIME_ZONE", "America/Argentina/Buenos_Aires"));

        assertThat(config.alerts()).isEqualTo(new wabot.alerts.AlertSettings(
                URI.create("https://hooks.slack.com/services/T0/B0/secret"), Duration.ofSeconds(10), Duration.ofHours(1),
                50, 5, 100, Duration.ofMinutes(2), Duration.ofSeconds(90)));
        assertThat(config.timeZone()).isEqualTo(java.time.ZoneId.of("America/Argentina/Buenos_Aires"));
        assertThat(config.toString()).contains("alertWebhook=set").doesNotContain("secret");
    }

    @ParameterizedTest
    @CsvSource({"24h, PT24H", "PT24H, PT24H", "pt24h, PT24H", "30m, PT30M", "500ms, PT0.5S", "10 s, PT10S",
            "2d, PT48H", "24H, PT24H"})
    void sessionTtlAcceptsShortAndIsoDurations(String value, String expected) {
        assertThat(Config.from(Map.of("SESSION_TTL", value)).sessionTtl()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void valuesAreReadAndTrimmed() {
        var config = Config.from(Map.of("PORT", " 9090 ", "EXTERNAL_API_URL", "https://api.example.com/intake",
                "DATABASE_URL", "jdbc:postgresql://db/wabot", "WHATSAPP_TOKEN", "tok", "PHONE_NUMBER_ID", "123"));

        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.externalApiUrl()).isEqualTo(URI.create("https://api.example.com/intake"));
        assertThat(config.databaseUrl()).isEqualTo("jdbc:postgresql://db/wabot");
        assertThat(config.dryRun()).isFalse();
    }

    @Test
    void blankValueMeansUnset() {
        assertThat(Config.from(Map.of("PORT", "  ")).port()).isEqualTo(8000);
    }

    @ParameterizedTest
    @CsvSource({
            "PORT, abc",
            "PORT, 70000",
            "PORT, -1",
            "SESSION_TTL, soon",
            "SESSION_TTL, 0s",
            "SESSION_TTL, 99999999999999999999h",
            "SESSION_TTL, 9999999999999999d",
            "SESSION_TTL, 106751991167300d",
            "RETENTION_DAYS, 3",
            "EXTERNAL_API_TIMEOUT, -PT1S",
            "EXTERNAL_API_URL, ftp://x",
            "EXTERNAL_API_URL, not a url",
            "GRAPH_API_BASE_URL, https://",
            "DATABASE_URL, jdbc:mysql://x",
            "SEND_RATE_PER_SECOND, fast",
            "EXTERNAL_API_MAX_ATTEMPTS, 0",
            "MAX_ANSWER_CHARS, 1e3",
            "TIME_ZONE, Mars/Olympus",
            "ALERT_WEBHOOK_URL, slack",
            "ALERT_CHECK_INTERVAL, often",
            "ALERT_WINDOW, 0m",
            "ALERT_MIN_EVENTS, 0",
            "ALERT_FAILED_REPLIES_PERCENT, 0",
            "ALERT_FAILED_SUBMISSIONS_PERCENT, 101",
            "ALERT_CIRCUIT_OPEN_AFTER, -5m",
            "ALERT_OUTBOX_AGE, 10 minutes",
            "EXTERNAL_API_CIRCUIT_WAIT, never"})
    void badValueIsRefusedNamingTheVariable(String variable, String value) {
        var error = refused(Map.of(variable, value));

        assertThat(error).hasMessageStartingWith(variable + " ");
    }

    @Test
    void whatsappTokenWithoutPhoneNumberIdIsRefused() {
        var error = refused(Map.of("WHATSAPP_TOKEN", "EAAG-token"));

        assertThat(error).hasMessageStartingWith("PHONE_NUMBER_ID ").hasMessageContaining("WHATSAPP_TOKEN");
    }

    @Test
    void toStringNeverShowsSecrets() {
        var token = "EAAG-secret-token-value";
        var appSecret = "app-secret-value-42";
        var adminToken = "admin-token-value-7";
        var config = Config.from(Map.of("WHATSAPP_TOKEN", token, "PHONE_NUMBER_ID", "123",
                "APP_SECRET", appSecret, "ADMIN_TOKEN", adminToken, "VERIFY_TOKEN", "verify-value-9",
                "DATABASE_URL", "jdbc:postgresql://db/wabot?user=w&password=db-password-1",
                "EXTERNAL_API_URL", "https://svc:api-password-3@api.example.com/hook"));

        assertThat(config.toString())
                .doesNotContain(token, appSecret, adminToken, "verify-value-9", "db-password-1", "api-password-3")
                .contains("port=8000", "adminToken=set", "signatures=true");
    }

    @Test
    void aNumbersFileListsTheNumbersAndTheirFlowsSoTheSingleNumberSettingsMustGo() {
        var config = Config.from(Map.of("NUMBERS_FILE", "numbers.yaml", "WHATSAPP_TOKEN", "tok",
                "EXTERNAL_API_URL", "https://api.example.com/intake"));
        assertThat(config.numbersFile()).isEqualTo(java.nio.file.Path.of("numbers.yaml"));
        assertThat(config.toString()).contains("numbers=numbers.yaml").doesNotContain("dryRun").doesNotContain("tok");

        assertThat(refused(Map.of("NUMBERS_FILE", "numbers.yaml", "PHONE_NUMBER_ID", "123")).getMessage())
                .startsWith("PHONE_NUMBER_ID must not be set with NUMBERS_FILE");
        assertThat(refused(Map.of("NUMBERS_FILE", "numbers.yaml", "FLOW_FILE", "flow.yaml")).getMessage())
                .startsWith("FLOW_FILE must not be set with NUMBERS_FILE");
    }
}
