package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.LogCapture;
import wabot.testing.Postgres;
import wabot.testing.Webhooks;

/**
 * The bot stops while the business API is still answering a submission. After the restart the submission is
 * posted again at once, with the same Idempotency-Key and body, and the conversation gets exactly one outcome. On
 * SQLite the restart releases the claim; on PostgreSQL the stopping instance releases it on its way out (its lease,
 * the API timeout plus 30 s, would outlast every wait here).
 */
class RestartDuringApiCallTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();

    @TempDir
    Path dir;

    @Test
    void onSqliteTheCallInFlightIsPostedAgainWithTheSameKeyAndAnsweredOnce() {
        postedAgainWithTheSameKeyAndAnsweredOnce(Harness.builder(dir));
    }

    @Test
    void onPostgresTheCallInFlightIsPostedAgainWithTheSameKeyAndAnsweredOnce() {
        postedAgainWithTheSameKeyAndAnsweredOnce(Harness.builder(dir).env("DATABASE_URL",
                Postgres.shared().migratedDatabaseUrl()));
    }

    private void postedAgainWithTheSameKeyAndAnsweredOnce(Harness.Builder builder) {
        // A long timeout: the first call is still in flight when the bot stops, not timed out.
        try (var logs = LogCapture.start(); var h = builder.flowYaml(Flows.SHORT_YAML)
                .env("EXTERNAL_API_TIMEOUT", "60s").env("EXTERNAL_API_MAX_ATTEMPTS", "2").start()) {
            // An idempotent API: every call with this key gets the same answer, once released.
            h.api().respondWith(call -> Response.finish("Recibido").held());

            h.exchange(ANA, "Hola", 1);
            h.exchange(ANA, "Ana", 1);
            h.exchange(ANA, "ana@example.com", 1);
            assertThat(h.exchange(ANA, "omitir", 1)).containsExactly(TEXTS.processing());
            var first = h.api().awaitCalls(1).get(0);

            h.restart();

            var calls = h.api().awaitCalls(2);
            h.api().release();
            assertThat(calls).hasSize(2);
            assertThat(calls.get(1).idempotencyKey()).isEqualTo(first.idempotencyKey());
            assertThat(calls.get(1).rawBody()).isEqualTo(first.rawBody());

            assertThat(h.graph().awaitMessages(ANA, 5)).endsWith(TEXTS.processing(), "Recibido");
            var session = h.awaitSettled(ANA);
            assertThat(session.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(session.submissions()).singleElement().satisfies(s -> {
                assertThat(s.path("id").asText()).isEqualTo(first.idempotencyKey());
                assertThat(s.path("status").asText()).isEqualTo("done");
            });

            // One outcome: the next message starts a new conversation, with nothing from the old one before it.
            assertThat(h.exchange(ANA, "Hola", 1)).containsExactly(h.prompt("name"));
            assertThat(h.graph().texts(ANA)).containsExactly(h.prompt("name"), h.prompt("email"), h.prompt("comment"),
                    TEXTS.processing(), "Recibido", h.prompt("name"));
            assertThat(h.api().calls()).hasSize(2);
            assertThat(logs.lines()).as("stopping mid-call is not reported as a failure of the API")
                    .noneMatch(line -> line.contains("[API_ERROR]"));
        }
    }
}
