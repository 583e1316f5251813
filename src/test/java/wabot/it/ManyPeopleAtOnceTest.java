package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Await;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * Different people are served in parallel, and more of them at once than the bot has worker threads (64 on Java
 * 17) must not stall it: with a slow Graph API every worker sits in a send, and the sends must still complete.
 */
class ManyPeopleAtOnceTest {
    private static final int PEOPLE = 100;

    @TempDir
    Path dir;

    @Test
    void moreSimultaneousPeopleThanWorkerThreadsAreAllServed() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.graph().delayResponses(Duration.ofMillis(300));
            var people = new ArrayList<String>();
            var messages = new ArrayList<ObjectNode>();
            for (int i = 0; i < PEOPLE; i++) {
                var person = "3460000" + (1000 + i);
                people.add(person);
                messages.add(Webhooks.textMessage(person, Webhooks.newWamid(), "Hola"));
            }

            h.deliver(Webhooks.oneValue(messages.toArray(new ObjectNode[0])));

            // A liveness bound, not a speed requirement: a stalled bot never gets there.
            Await.until("every person's first question sent", Duration.ofSeconds(60),
                    () -> h.graph().requests().size() >= PEOPLE);
            for (var person : people) {
                assertThat(h.graph().texts(person)).as(person).isEqualTo(List.of(h.prompt("name")));
            }
            assertThat(h.admin("/sessions").json().path("count").asInt()).isEqualTo(PEOPLE);
        }
    }
}
