package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.FakeGraph.Request;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * A {@code Retry-After} from the Graph API is honoured: the reply is not tried again before it has passed. It is
 * longer than the first backoff step (at most 1 s), so a sender that ignored it would retry too early. When the
 * number itself is over its throughput (130429), nobody is sent anything until then.
 *
 * <p>The checks compare the fake's receive timestamps (the same wall clock the bot schedules by), with a few
 * milliseconds' allowance for the bot storing times in whole milliseconds.
 */
class RetryAfterTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final Duration ROUNDING = Duration.ofMillis(5);

    @TempDir
    Path dir;

    @Test
    void replyIsNotRetriedBeforeRetryAfter() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.graph().failFor(ANA, 1, 131000, 500, RETRY_AFTER);

            h.say(ANA, "Hola");

            assertThat(h.graph().awaitMessages(ANA, 1)).containsExactly(h.prompt("name"));
            var requests = h.graph().requests(ANA);
            assertThat(requests).extracting(Request::status).containsExactly(500, 200);
            assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
                    .as("the retry waited for Retry-After").isGreaterThanOrEqualTo(RETRY_AFTER.minus(ROUNDING));
        }
    }

    @Test
    void throughputLimitHoldsEveryoneUntilRetryAfter() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.graph().failFor(ANA, 1, 130429, 429, RETRY_AFTER);

            h.say(ANA, "Hola");
            h.awaitSession(ANA, "the throttled reply to wait for its retry",
                    s -> s.replies().size() == 1 && s.replies().get(0).path("attempts").asInt() >= 1);
            h.say(BEN, "Hello"); // due at once, but the whole number is paused

            assertThat(h.graph().awaitMessages(ANA, 1)).containsExactly(h.prompt("name"));
            assertThat(h.graph().awaitMessages(BEN, 1)).containsExactly(h.prompt("name"));
            var throttled = h.graph().requests(ANA).get(0);
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(Duration.between(throttled.receivedAt(), h.graph().requests(ANA).get(1).receivedAt()))
                    .as("Ana's retry waited for Retry-After").isGreaterThanOrEqualTo(RETRY_AFTER.minus(ROUNDING));
            assertThat(Duration.between(throttled.receivedAt(), h.graph().requests(BEN).get(0).receivedAt()))
                    .as("Ben's reply also waited: the limit is the number's").isGreaterThanOrEqualTo(RETRY_AFTER.minus(ROUNDING));
        }
    }
}
