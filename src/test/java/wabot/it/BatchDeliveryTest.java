package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/** One POST carrying messages of several people, in both shapes Meta batches them. */
class BatchDeliveryTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"batch_two_users_one_value.json", "batch_two_users_two_changes.json"})
    void bothPeopleOfASharedBatchGetTheirFirstQuestion(String file) {
        try (var h = Harness.start(dir)) {
            h.deliver(Webhooks.fromFile(file));

            assertThat(h.graph().awaitMessages(ANA, 1)).containsExactly(h.prompt("name"));
            assertThat(h.graph().awaitMessages(BEN, 1)).containsExactly(h.prompt("name"));
            var ana = h.awaitSettled(ANA);
            var ben = h.awaitSettled(BEN);
            assertThat(ana.state()).isEqualTo("WAITING_FOR_ANSWER");
            assertThat(ben.state()).isEqualTo("WAITING_FOR_ANSWER");
            assertThat(ana.messages()).singleElement().satisfies(m -> assertThat(m.path("body").asText())
                    .isEqualTo("First user says hi"));
            assertThat(ben.messages()).singleElement().satisfies(m -> assertThat(m.path("body").asText())
                    .isEqualTo("Second user asks for the menu"));
            assertThat(h.admin("/sessions").json().path("count").asInt()).isEqualTo(2);
        }
    }

    /**
     * Meta aggregates up to 1000 updates and up to 3 MB in one POST. Here: three people who each pasted a text
     * of 60,000 accented characters (WhatsApp allows 65,536), plus 997 statuses: about 1.4 MB on the wire.
     */
    @Test
    void largestBatchesMetaSendsAreAccepted() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            var longText = "ção ã é ñ ".repeat(6_000).strip();
            var people = List.of(ANA, BEN, "5491155550123");
            var root = Webhooks.parse("batch_two_users_one_value.json");
            var value = (ObjectNode) root.path("entry").path(0).path("changes").path(0).path("value");
            var contacts = value.putArray("contacts");
            var messages = value.putArray("messages");
            for (var person : people) {
                contacts.addObject().put("wa_id", person).putObject("profile").put("name", "Person " + person);
                messages.add(Webhooks.textMessage(person, Webhooks.newWamid(), longText));
            }
            var status = Webhooks.parse("status_sent_with_biz_opaque_callback_data.json")
                    .path("entry").path(0).path("changes").path(0).path("value").path("statuses").path(0);
            var statuses = value.putArray("statuses");
            for (int i = 0; i < 997; i++) {
                statuses.add(((ObjectNode) status.deepCopy()).put("id", "wamid.STATUS-" + i)
                        .put("biz_opaque_callback_data", "x".repeat(512)));
            }
            var body = Webhooks.bytes(root);
            assertThat(body.length).isGreaterThan(1_300_000).isLessThan(3_000_000);

            assertThat(h.post(body).status()).isEqualTo(200);

            for (var person : people) {
                assertThat(h.graph().awaitMessages(person, 1)).containsExactly(h.prompt("name"));
            }
            assertThat(h.awaitSettled(ANA).messages()).singleElement()
                    .satisfies(m -> assertThat(m.path("body").asText()).isEqualTo(longText));
        }
    }

    @Test
    void answersInOneBatchGoToTheirOwnSessions() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.deliver(Webhooks.oneValue(
                    Webhooks.textMessage(ANA, Webhooks.newWamid(), "Hola"),
                    Webhooks.textMessage(BEN, Webhooks.newWamid(), "Hello")));
            h.graph().awaitMessages(ANA, 1);
            h.graph().awaitMessages(BEN, 1);

            // Contacts are listed in the reverse order of the messages: they must be matched by wa_id.
            h.deliver(Webhooks.oneValue(
                    Webhooks.textMessage(BEN, Webhooks.newWamid(), "Ben"),
                    Webhooks.textMessage(ANA, Webhooks.newWamid(), "Ana")));
            assertThat(h.graph().awaitMessages(ANA, 2)).last().isEqualTo(h.prompt("email"));
            assertThat(h.graph().awaitMessages(BEN, 2)).last().isEqualTo(h.prompt("email"));
            assertThat(h.awaitSettled(ANA).answerValues()).containsExactly(Map.entry("name", "Ana"));
            assertThat(h.awaitSettled(BEN).answerValues()).containsExactly(Map.entry("name", "Ben"));
        }
    }

    @Test
    void severalMessagesOfOnePersonInOneBatchAreTakenInOrder() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.deliver(Webhooks.separateChanges(
                    Webhooks.textMessage(ANA, Webhooks.newWamid(), "Hola"),
                    Webhooks.textMessage(ANA, Webhooks.newWamid(), "Ana"),
                    Webhooks.textMessage(ANA, Webhooks.newWamid(), "ana@example.com")));

            assertThat(h.graph().awaitMessages(ANA, 3))
                    .containsExactly(h.prompt("name"), h.prompt("email"), h.prompt("comment"));
            var session = h.awaitSettled(ANA);
            assertThat(session.answerValues()).containsExactly(
                    Map.entry("name", "Ana"), Map.entry("email", "ana@example.com"));
        }
    }
}
