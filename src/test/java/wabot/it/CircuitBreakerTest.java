package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.FakeExternalApi.Call;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * While the business API is down, the circuit breaker stops calling it once enough calls have failed (5, the
 * breaker's minimum, all failing here): the people who finish after that get the apology at once, without a
 * POST. Every submission stays stored, failed, with its answers: nothing is lost.
 */
class CircuitBreakerTest {
    private static final int PEOPLE = 8;
    private static final int CALLS_TO_OPEN = 5;
    private static final Texts TEXTS = Texts.spanish();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void laterPeopleGetTheApologyWithoutAPostAndEverySubmissionIsKept() throws Exception {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("EXTERNAL_API_MAX_ATTEMPTS", "1").start()) {
            h.api().respondWith(call -> Response.json(503, "{\"error\": \"down for maintenance\"}"));
            List<String> people = IntStream.range(0, PEOPLE).mapToObj(i -> "1555555" + (4000 + i)).toList();

            // Everyone reaches the last question together...
            h.deliver(Webhooks.separateChanges(people.stream().flatMap(person -> Stream.of(
                    Webhooks.textMessage(person, Webhooks.newWamid(), "Hola"),
                    Webhooks.textMessage(person, Webhooks.newWamid(), "Persona " + person),
                    Webhooks.textMessage(person, Webhooks.newWamid(), person + "@example.com")))
                    .toArray(ObjectNode[]::new)));
            people.forEach(person -> h.graph().awaitMessages(person, 3));

            // ...then they finish one after another.
            for (var person : people) {
                assertThat(h.exchange(person, "omitir", 2)).as("%s gets the apology", person)
                        .containsExactly(TEXTS.processing(), TEXTS.apology());
            }

            List<Call> calls = h.api().calls();
            assertThat(calls).as("the breaker opened after %d failed calls", CALLS_TO_OPEN).hasSize(CALLS_TO_OPEN);
            assertThat(calls).extracting(Call::userPhone)
                    .containsExactlyElementsOf(people.subList(0, CALLS_TO_OPEN).stream().map(p -> "+" + p).toList());
            for (int i = 0; i < PEOPLE; i++) {
                var person = people.get(i);
                var session = h.awaitSettled(person);
                assertThat(session.state()).isEqualTo("CONVERSATION_ENDED");
                var submission = session.submissions().get(0);
                assertThat(submission.path("status").asText()).as("%s's submission", person).isEqualTo("failed");
                var answers = JSON.readTree(submission.path("payload").asText()).path("answers");
                assertThat(answers.path("name").asText()).isEqualTo("Persona " + person);
                assertThat(answers.path("email").asText()).isEqualTo(person + "@example.com");
                if (i >= CALLS_TO_OPEN) {
                    assertThat(submission.path("error").asText()).contains("circuit open");
                }
            }
        }
    }
}
