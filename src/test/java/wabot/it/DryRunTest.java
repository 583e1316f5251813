package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.LogCapture;
import wabot.testing.SessionView;
import wabot.testing.Webhooks;

/** Without {@code WHATSAPP_TOKEN} the bot runs the whole flow and stores its replies, but sends nothing. */
class DryRunTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();

    @TempDir
    Path dir;

    @Test
    void flowRunsAndRepliesAreStoredAsSentWithoutReachingWhatsApp() {
        try (var logs = LogCapture.start();
             var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).without("WHATSAPP_TOKEN").start()) {
            logs.await("DRY-RUN");

            say(h, "Hola", 1);
            say(h, "Ana", 2);
            say(h, "ana@example.com", 3);
            var session = say(h, "omitir", 5);

            assertThat(session.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(session.replyTexts()).containsExactly(h.prompt("name"), h.prompt("email"),
                    h.prompt("comment"), TEXTS.processing(), "Listo");
            assertThat(session.replies()).allSatisfy(r -> {
                assertThat(r.path("status").asText()).isEqualTo("sent");
                assertThat(r.path("wamid").asText()).startsWith("dryrun.");
            });
            assertThat(h.api().calls()).singleElement()
                    .satisfies(call -> assertThat(call.answers()).containsOnlyKeys("name", "email"));
            assertThat(h.graph().requests()).as("nothing reaches the Graph API").isEmpty();
            assertThat(logs.lines()).anyMatch(l -> l.contains("[SEND]") && l.contains("dry-run"));

            var sent = h.get("/send-test?to=%2B447700900123&text=hola");
            assertThat(sent.status()).isEqualTo(200);
            assertThat(sent.json().path("wamid").asText()).startsWith("dryrun.");
            assertThat(h.graph().requests()).isEmpty();
        }
    }

    @Test
    void firstRunWithoutAnyCredentialsOrApiStoresTheAnswersAndEnds() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).without("WHATSAPP_TOKEN")
                .without("PHONE_NUMBER_ID").without("VERIFY_TOKEN").without("EXTERNAL_API_URL").start()) {
            say(h, "Hola", 1);
            say(h, "Ana", 2);
            say(h, "ana@example.com", 3);
            var session = say(h, "Todo bien", 5);

            assertThat(session.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(session.replyTexts()).endsWith(TEXTS.processing(), TEXTS.finalMessage());
            assertThat(session.submissions()).singleElement().satisfies(s -> {
                assertThat(s.path("status").asText()).isEqualTo("done");
                assertThat(s.path("payload").asText()).contains("\"comment\":\"Todo bien\"");
            });
            assertThat(h.api().calls()).isEmpty();
            assertThat(h.graph().requests()).isEmpty();
        }
    }

    /** Delivers a text and waits until {@code replies} replies are stored and sent. */
    private static SessionView say(Harness h, String text, int replies) {
        h.say(ANA, text);
        h.awaitSession(ANA, replies + " replies", s -> s.replies().size() == replies);
        return h.awaitSettled(ANA);
    }
}
