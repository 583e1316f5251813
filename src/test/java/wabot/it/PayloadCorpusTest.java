package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wabot.conversation.Texts;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Fixtures;
import wabot.testing.StoredRows;

/**
 * Every file of the payload corpus, byte for byte, through the real endpoint, unsigned and signed with
 * {@code APP_SECRET}. Each gets 200, never a 5xx, and does what its kind calls for: a text, a tapped button or a
 * list row starts a conversation; media, locations, reactions, contacts, orders and types Meta cannot deliver get
 * the text-only reply; statuses, value-level errors and system notices change nobody's conversation.
 *
 * <p>Between files every person's session is reset, so each file meets a person with no conversation going. A
 * message id already seen in this run (two batch files share theirs) is a redelivery and must do nothing.
 */
class PayloadCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Texts TEXTS = Texts.spanish();
    private static final String APP_SECRET = "corpus-app-secret-not-real";
    private static final Set<String> STARTS = Set.of("text", "button");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "signed: {0}")
    @ValueSource(booleans = {false, true})
    void everyPayloadFileGets200AndTheBehaviourOfItsKind(boolean signed) throws IOException {
        var builder = Harness.builder(dir).flowYaml(Flows.SHORT_YAML);
        if (signed) {
            builder.env("APP_SECRET", APP_SECRET);
        }
        try (var h = builder.start()) {
            var files = corpus();
            var seen = new HashSet<String>();
            var people = new HashSet<String>();
            var expectedTotal = new HashMap<String, Integer>();
            var kinds = new HashSet<String>();
            for (var file : files) {
                var expected = expectedReplies(h, JSON.readTree(Fixtures.bytes(file)), seen);
                people.addAll(expected.keySet());
                people.forEach(person -> h.admin("/reset-session/" + person));
                var before = new HashMap<String, Integer>();
                people.forEach(person -> before.put(person, h.graph().texts(person).size()));
                long inboxBefore = StoredRows.count(h.database(), "inbox", null);
                var name = file.getFileName().toString();

                var result = h.post(Fixtures.bytes(file));

                assertThat(result.status()).as("%s: %s", name, result).isEqualTo(200);
                int fresh = expected.values().stream().mapToInt(List::size).sum();
                assertThat(StoredRows.count(h.database(), "inbox", null) - inboxBefore).as("%s: stored", name)
                        .isEqualTo(fresh);
                for (var reply : expected.entrySet()) {
                    var person = reply.getKey();
                    int from = before.getOrDefault(person, 0);
                    var texts = h.graph().awaitMessages(person, from + reply.getValue().size());
                    assertThat(texts.subList(from, texts.size())).as("%s to %s", name, person)
                            .containsExactlyElementsOf(reply.getValue());
                    expectedTotal.merge(person, reply.getValue().size(), Integer::sum);
                }
                kinds.add(fresh == 0 ? "nothing" : expected.values().stream().flatMap(List::stream)
                        .anyMatch(TEXTS.textOnly()::equals) ? "text-only" : "conversation");
            }
            assertThat(kinds).containsExactlyInAnyOrder("nothing", "text-only", "conversation");

            for (var person : people) {
                h.awaitSettled(person);
                assertThat(h.graph().texts(person)).as("everything %s was sent", person)
                        .hasSize(expectedTotal.getOrDefault(person, 0));
            }
            assertThat(h.graph().requests()).hasSize(expectedTotal.values().stream().mapToInt(i -> i).sum());
            assertThat(h.api().calls()).isEmpty();
        }
    }

    private static List<Path> corpus() throws IOException {
        var folder = Fixtures.PAYLOADS;
        try (Stream<Path> files = Files.list(folder)) {
            var list = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(list).as("payload files in %s", folder.toAbsolutePath().normalize()).hasSizeGreaterThan(40);
            return list;
        }
    }

    /**
     * The replies one file must cause, by recipient, from what Meta documents of each message type. Messages
     * whose id was seen before in this run expect nothing; they are added to {@code seen}.
     */
    private static Map<String, List<String>> expectedReplies(Harness h, JsonNode body, Set<String> seen) {
        var replies = new LinkedHashMap<String, List<String>>();
        for (var entry : body.path("entry")) {
            for (var change : entry.path("changes")) {
                for (var message : change.path("value").path("messages")) {
                    var type = message.path("type").asText();
                    if ("system".equals(type) || !seen.add(message.path("id").asText())) {
                        continue;
                    }
                    var choice = message.path("interactive").path("button_reply").has("title")
                            || message.path("interactive").path("list_reply").has("title");
                    var reply = STARTS.contains(type) || ("interactive".equals(type) && choice)
                            ? h.prompt("name") : TEXTS.textOnly();
                    replies.computeIfAbsent(sender(message, change.path("value")), k -> new ArrayList<>()).add(reply);
                }
            }
        }
        return replies;
    }

    /** {@code from}, else the contact's {@code wa_id}, else the BSUID: whom the reply must reach. */
    private static String sender(JsonNode message, JsonNode value) {
        if (message.hasNonNull("from")) {
            return message.path("from").asText();
        }
        var contact = value.path("contacts").path(0);
        return contact.hasNonNull("wa_id") ? contact.path("wa_id").asText()
                : message.path("from_user_id").asText(contact.path("user_id").asText());
    }
}
