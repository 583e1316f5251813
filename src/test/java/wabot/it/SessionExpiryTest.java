package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.Await;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.SessionView;
import wabot.testing.Webhooks;

/**
 * With a short {@code SESSION_TTL}: an unfinished conversation left idle past it starts over with the short
 * "expired" notice and the first question; a finished one simply starts over. The tests wait for the real clock
 * to pass the TTL (bounded), then look at what the next message does.
 */
class SessionExpiryTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();
    private static final String TTL = "5s"; // short, with room for a slow step on a loaded machine
    private static final String ONE_QUESTION = """
            questions:
              - id: name
                text: "What is your name?"
            """;

    @TempDir
    Path dir;

    @Test
    void unfinishedConversationIdlePastTheTtlStartsOverWithANotice() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("SESSION_TTL", TTL).start()) {
            h.exchange(ANA, "Hola", 1);
            h.exchange(ANA, "Ana", 1);
            var idle = h.awaitSettled(ANA);
            assertThat(idle.currentQuestion()).isEqualTo("email");

            waitUntilIdlePastTtl(h, idle);
            assertThat(h.exchange(ANA, "ana@example.com", 1))
                    .containsExactly(TEXTS.expired() + "\n\n" + h.prompt("name"));

            var fresh = h.awaitSettled(ANA);
            assertThat(fresh.state()).isEqualTo("WAITING_FOR_ANSWER");
            assertThat(fresh.currentQuestion()).isEqualTo("name");
            assertThat(fresh.conversationId()).isNotEqualTo(idle.conversationId());
            assertThat(fresh.answers()).as("the message after expiry is not an answer").isEmpty();
            assertThat(h.exchange(ANA, "Ana", 1)).containsExactly(h.prompt("email"));
        }
    }

    @Test
    void anyKindOfMessageAfterExpiryGetsTheNotice() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("SESSION_TTL", TTL).start()) {
            h.exchange(ANA, "Hola", 1);
            var idle = h.awaitSettled(ANA);

            waitUntilIdlePastTtl(h, idle);
            var image = Webhooks.retarget("image.json", ANA, Webhooks.newWamid());
            assertThat(h.exchange(ANA, image, 1)).containsExactly(TEXTS.expired() + "\n\n" + h.prompt("name"));
            assertThat(h.awaitSettled(ANA).conversationId()).isNotEqualTo(idle.conversationId());
        }
    }

    @Test
    void conversationWaitingForTheApiPastTheTtlStartsOverAndTheLateReplyIsIgnored() {
        try (var h = Harness.builder(dir).flowYaml(ONE_QUESTION).env("SESSION_TTL", TTL)
                .env("EXTERNAL_API_TIMEOUT", "50s").start()) {
            h.api().enqueue(Response.finish("Too late").held());
            h.exchange(ANA, "Hola", 1);
            assertThat(h.exchange(ANA, "Ana", 1)).containsExactly(TEXTS.processing());
            h.api().awaitCalls(1);
            var waiting = h.awaitSession(ANA, "processing", s -> "PROCESSING_API".equals(s.state()));

            waitUntilIdlePastTtl(h, waiting);
            assertThat(h.exchange(ANA, "Hola?", 1)).containsExactly(TEXTS.expired() + "\n\n" + h.prompt("name"));

            h.api().release();
            h.awaitSession(ANA, "the late reply applied", s -> s.submissions().stream()
                    .allMatch(sub -> "done".equals(sub.path("status").asText())));
            var after = h.awaitSettled(ANA);
            assertThat(after.state()).isEqualTo("WAITING_FOR_ANSWER");
            assertThat(after.currentQuestion()).isEqualTo("name");
            assertThat(h.api().calls()).hasSize(1);
            assertThat(h.graph().texts(ANA)).doesNotContain("Too late");
        }
    }

    @Test
    void finishedConversationStartsOverWithoutANotice() {
        try (var h = Harness.builder(dir).flowYaml(ONE_QUESTION).env("SESSION_TTL", TTL).start()) {
            h.exchange(ANA, "Hola", 1);
            assertThat(h.exchange(ANA, "Ana", 2)).containsExactly(TEXTS.processing(), "Listo");
            var ended = h.awaitSettled(ANA);
            assertThat(ended.state()).isEqualTo("CONVERSATION_ENDED");

            waitUntilIdlePastTtl(h, ended);
            assertThat(h.exchange(ANA, "Hola otra vez", 1)).containsExactly(h.prompt("name"));
            assertThat(h.awaitSettled(ANA).conversationId()).isNotEqualTo(ended.conversationId());
        }
    }

    /** Waits until the real clock is past the session's last activity plus the TTL. */
    private static void waitUntilIdlePastTtl(Harness h, SessionView session) {
        var expiresAt = Instant.parse(session.json().path("updated_at").asText()).plus(h.config().sessionTtl());
        Await.until("the session to be idle past SESSION_TTL", h.config().sessionTtl().plus(Duration.ofSeconds(5)),
                () -> Instant.now().isAfter(expiresAt.plusMillis(100)));
    }
}
