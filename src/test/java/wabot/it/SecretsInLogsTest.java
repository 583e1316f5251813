package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.LogCapture;
import wabot.testing.Webhooks;

/** Tokens and secrets never appear in the logs, on the happy path or on any refusal or failure. */
class SecretsInLogsTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String APP_SECRET = "test-app-secret-SHOULD-NOT-BE-LOGGED";
    private static final String ADMIN_TOKEN = "test-admin-token-SHOULD-NOT-BE-LOGGED";
    /** A Slack-like webhook whose path is the secret; nothing listens there, so every POST fails and is logged. */
    private static final String ALERT_WEBHOOK = "http://127.0.0.1:9/services/T0/B0/alert-hook-SHOULD-NOT-BE-LOGGED";

    @TempDir
    Path dir;

    @Test
    void noSecretIsEverLogged() {
        try (var logs = LogCapture.start();
             var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML)
                     .env("APP_SECRET", APP_SECRET).env("ADMIN_TOKEN", ADMIN_TOKEN)
                     .env("ALERT_WEBHOOK_URL", ALERT_WEBHOOK).env("ALERT_CHECK_INTERVAL", "100ms").start()) {
            h.api().enqueue(Response.json(500, "{}"));
            h.graph().failNext(1, 190, 401);

            h.say(ANA, "Hola");
            h.awaitSession(ANA, "the reply refused", s -> s.replies().size() == 1
                    && "failed".equals(s.replies().get(0).path("status").asText()));
            h.exchange(ANA, "Ana", 1);
            h.exchange(ANA, "ana@example.com", 1);
            h.exchange(ANA, "omitir", 2);
            h.post(Webhooks.text(ANA, Webhooks.newWamid(), "x"), Map.of("X-Hub-Signature-256", "sha256=00"));
            h.get("/sessions", Map.of("Authorization", "Bearer " + ADMIN_TOKEN + "-wrong"));
            h.get("/webhook?hub.mode=subscribe&hub.challenge=1&hub.verify_token=" + Harness.VERIFY_TOKEN + "-wrong");
            assertThat(h.admin("/send-test?to=%2B" + ANA + "&text=hola").status()).isEqualTo(200);
            h.graph().keepFailing(190, 401);
            h.say(Webhooks.USER_B, "Hola");
            logs.await("[ALERT] FIRING whatsapp_token_invalid");
            logs.await("[ALERT] webhook failed");
            h.restart();
            logs.await("[STARTUP]");

            var secrets = List.of(Harness.WHATSAPP_TOKEN, Harness.VERIFY_TOKEN, APP_SECRET, ADMIN_TOKEN,
                    "alert-hook-SHOULD-NOT-BE-LOGGED");
            assertThat(logs.lines()).isNotEmpty().allSatisfy(line -> {
                for (var secret : secrets) {
                    assertThat(line).doesNotContain(secret);
                }
            });
            assertThat(logs.lines()).anyMatch(line -> line.contains("code 190"));
        }
    }
}
