package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.SessionView;
import wabot.testing.Webhooks;

/**
 * Meta redelivers for days: a message id seen before is processed once, whether it comes back in another POST,
 * twice in one POST, or after a restart. Each case ends with a later message from the same person: messages of
 * one person are processed strictly in order, so once its reply arrived a duplicate had every chance to show.
 */
class DuplicateDeliveryTest {
    private static final String ANA = Webhooks.USER_A;

    @TempDir
    Path dir;
    private Harness h;

    @BeforeEach
    void greet() {
        h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start();
        assertThat(h.exchange(ANA, "Hola", 1)).containsExactly(h.prompt("name"));
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void sameMessageInTwoDeliveriesIsProcessedOnce() {
        var answer = Webhooks.text(ANA, Webhooks.newWamid(), "Ana");
        h.deliver(answer);
        h.deliver(answer);

        assertOneAnswerThenContinue();
    }

    @Test
    void sameMessageTwiceInOneValueIsProcessedOnce() {
        var message = Webhooks.textMessage(ANA, Webhooks.newWamid(), "Ana");
        h.deliver(Webhooks.oneValue(message, message));

        assertOneAnswerThenContinue();
    }

    @Test
    void sameMessageInTwoChangesOfOneDeliveryIsProcessedOnce() {
        var message = Webhooks.textMessage(ANA, Webhooks.newWamid(), "Ana");
        h.deliver(Webhooks.separateChanges(message, message));

        assertOneAnswerThenContinue();
    }

    @Test
    void redeliveryAfterRestartIsProcessedOnce() {
        var answer = Webhooks.text(ANA, Webhooks.newWamid(), "Ana");
        h.deliver(answer);
        assertThat(h.graph().awaitMessages(ANA, 2)).last().isEqualTo(h.prompt("email"));
        h.awaitSettled(ANA);

        h.restart();
        h.deliver(answer);

        assertOneAnswerThenContinue();
    }

    /** After "Ana" (possibly delivered twice), the next answer must be taken for the email question. */
    private void assertOneAnswerThenContinue() {
        assertThat(h.graph().awaitMessages(ANA, 2)).last().isEqualTo(h.prompt("email"));
        assertThat(h.exchange(ANA, "ana@example.com", 1)).containsExactly(h.prompt("comment"));

        assertThat(h.graph().texts(ANA))
                .containsExactly(h.prompt("name"), h.prompt("email"), h.prompt("comment"));
        SessionView session = h.awaitSettled(ANA);
        assertThat(session.answers()).hasSize(2);
        assertThat(session.answerValues()).containsEntry("name", "Ana").containsEntry("email", "ana@example.com");
        assertThat(session.messages()).extracting(m -> m.path("body").asText())
                .containsExactly("Hola", "Ana", "ana@example.com");
        assertThat(session.replies()).hasSize(3);
        assertThat(session.currentQuestion()).isEqualTo("comment");
    }
}
