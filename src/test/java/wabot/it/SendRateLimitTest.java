package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.FakeGraph.Request;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * SEND_RATE_PER_SECOND spreads a burst of replies over time instead of sending them all at once (and tripping
 * Meta's 130429). Fifteen people greeting at once at 5 replies a second take about three seconds to answer; the
 * check is only that the first and last reply are at least two seconds apart, and that nobody is left out.
 */
class SendRateLimitTest {
    private static final int PEOPLE = 15;

    @TempDir
    Path dir;

    @Test
    void burstOfGreetingsIsSpreadAtTheConfiguredRate() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("SEND_RATE_PER_SECOND", "5").start()) {
            List<String> people = IntStream.range(0, PEOPLE).mapToObj(i -> "1555555" + (2000 + i)).toList();

            h.deliver(Webhooks.oneValue(people.stream()
                    .map(person -> Webhooks.textMessage(person, Webhooks.newWamid(), "Hola"))
                    .toArray(ObjectNode[]::new)));

            for (var person : people) {
                assertThat(h.graph().awaitMessages(person, 1, Duration.ofSeconds(30)))
                        .as("the greeting of %s is answered", person).containsExactly(h.prompt("name"));
            }
            var arrivals = h.graph().requests().stream().map(Request::receivedAt).sorted().toList();
            assertThat(arrivals).as("one send per person, none failed or repeated").hasSize(PEOPLE);
            assertThat(Duration.between(arrivals.get(0), arrivals.get(PEOPLE - 1)))
                    .as("15 replies at 5/s are spread over about 3 s").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
    }
}
