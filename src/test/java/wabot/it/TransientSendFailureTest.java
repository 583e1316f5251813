package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import wabot.testing.FakeGraph;
import wabot.testing.FakeGraph.Request;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * A reply that meets a transient failure (the Graph API unreachable, a 5xx without an error code, 130429, 131000,
 * 131016) is sent again until it gets through, and reaches the person exactly once. While it is held back, the
 * person's later replies wait behind it: they never overtake it.
 */
class TransientSendFailureTest {
    private static final String ANA = Webhooks.USER_A;
    /** Enough for a few backoff steps (0.5-1 s, then 1-2 s, then 2-4 s) on a busy machine. */
    private static final Duration LONG = Duration.ofSeconds(30);

    /** The transient answers Meta may give, each given to Ana's sends until the test lifts it. */
    enum TransientAnswer {
        SERVER_ERROR_WITHOUT_CODE(500, g -> g.keepFailingWithBody(ANA, 500, "<html><body>Internal Server Error</body></html>")),
        THROUGHPUT_LIMIT(429, g -> g.keepFailingFor(ANA, 130429, 429, null)),
        UNKNOWN_ERROR(500, g -> g.keepFailingFor(ANA, 131000, 500, null)),
        SERVICE_UNAVAILABLE(503, g -> g.keepFailingFor(ANA, 131016, 503, null));

        final int httpStatus;
        final Consumer<FakeGraph> script;

        TransientAnswer(int httpStatus, Consumer<FakeGraph> script) {
            this.httpStatus = httpStatus;
            this.script = script;
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TransientAnswer.class)
    void heldReplyIsSentAgainOnceAndTheLaterReplyWaitsBehindIt(TransientAnswer answer) {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            answer.script.accept(h.graph());
            h.say(ANA, "Hola");
            h.say(ANA, "Ana");
            h.awaitSession(ANA, "the second reply queued behind the first, which failed", s ->
                    s.replies().size() == 2 && s.replies().get(0).path("attempts").asInt() >= 1);

            h.graph().stopFailingFor(ANA);

            assertThat(h.graph().awaitMessages(ANA, 2, LONG)).containsExactly(h.prompt("name"), h.prompt("email"));
            var requests = h.graph().requests(ANA);
            var failed = requests.subList(0, requests.size() - 2);
            assertThat(failed).as("while it failed, only the first reply was tried").isNotEmpty()
                    .extracting(Request::text, Request::status).containsOnly(tuple(h.prompt("name"), answer.httpStatus));
            assertThat(requests.subList(failed.size(), requests.size())).extracting(Request::text, Request::status)
                    .containsExactly(tuple(h.prompt("name"), 200), tuple(h.prompt("email"), 200));
            var replies = h.awaitSettled(ANA).replies();
            assertThat(replies).extracting(r -> r.path("status").asText()).containsExactly("sent", "sent");
            assertThat(replies).extracting(r -> r.path("attempts").asInt()).containsExactly(failed.size() + 1, 1);

            // Nothing is sent again later: the next reply comes right after the two.
            assertThat(h.exchange(ANA, "ana@example.com", 1)).containsExactly(h.prompt("comment"));
            assertThat(h.graph().texts(ANA))
                    .containsExactly(h.prompt("name"), h.prompt("email"), h.prompt("comment"));
        }
    }

    @Test
    void repliesWaitOutAGraphOutageAndArriveOnceInOrder() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.graph().stop();

            h.deliver(Webhooks.oneValue(Webhooks.textMessage(ANA, Webhooks.newWamid(), "Hola"),
                    Webhooks.textMessage(ANA, Webhooks.newWamid(), "Ana")));

            // The person's messages are still taken while their first reply cannot go out.
            var held = h.awaitSession(ANA, "both turns taken and the first reply failed on the network", s ->
                    s.answerValues().containsKey("name") && s.replies().size() == 2
                            && s.replies().get(0).path("attempts").asInt() >= 1);
            assertThat(held.replies()).extracting(r -> r.path("status").asText()).containsExactly("pending", "pending");
            assertThat(held.replies().get(0).path("error_detail").asText()).startsWith("network");
            assertThat(held.replies().get(1).path("attempts").asInt())
                    .as("the later reply is not tried while the first is held back").isZero();

            h.graph().resume();

            assertThat(h.graph().awaitMessages(ANA, 2, LONG))
                    .containsExactly(h.prompt("name"), h.prompt("email"));
            assertThat(h.graph().requests(ANA)).extracting(Request::text)
                    .as("each reply reached the API once, in order").containsExactly(h.prompt("name"), h.prompt("email"));
            assertThat(h.awaitSettled(ANA).replies()).extracting(r -> r.path("status").asText())
                    .containsExactly("sent", "sent");

            assertThat(h.exchange(ANA, "ana@example.com", 1)).containsExactly(h.prompt("comment"));
            assertThat(h.graph().texts(ANA))
                    .containsExactly(h.prompt("name"), h.prompt("email"), h.prompt("comment"));
        }
    }
}
