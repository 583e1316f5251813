package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.FakeGraph;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.StoredRows;
import wabot.testing.Webhooks;

/**
 * Since 2026 a person with a username may reach the business without sharing a phone: no {@code from}, no
 * {@code wa_id}, only the business-scoped user id (BSUID). The session is keyed on it, replies go to it through
 * Graph's {@code recipient} field, and the business API gets {@code user_phone: null} with the {@code user_id}.
 */
class UsernameOnlySenderTest {
    private static final String FILE = "text_username_no_phone.json";
    private static final String BSUID = "US.13000000000000000001";
    private static final Texts TEXTS = Texts.spanish();

    @TempDir
    Path dir;

    @Test
    void personKnownOnlyByBsuidCompletesAConversation() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            assertThat(h.exchange(BSUID, Webhooks.fromFile(FILE), 1)).containsExactly(h.prompt("name"));
            assertThat(h.exchange(BSUID, fromBsuid("Ana"), 1)).containsExactly(h.prompt("email"));
            assertThat(h.exchange(BSUID, fromBsuid("ana@example.com"), 1)).containsExactly(h.prompt("comment"));
            assertThat(h.exchange(BSUID, fromBsuid("omitir"), 2)).containsExactly(TEXTS.processing(), "Listo");

            assertThat(h.graph().requests()).hasSize(5).allSatisfy(request -> {
                assertThat(request.to()).isNull();
                assertThat(request.recipient()).isEqualTo(BSUID);
                assertThat(request.body().has("to")).isFalse();
            });

            var call = h.api().awaitCalls(1).get(0);
            assertThat(call.body().has("user_phone")).isTrue();
            assertThat(call.body().path("user_phone").isNull()).isTrue();
            assertThat(call.body().path("user_id").asText()).isEqualTo(BSUID);
            assertThat(call.answers()).containsExactly(Map.entry("name", "Ana"), Map.entry("email", "ana@example.com"));

            var session = h.awaitSettled(BSUID);
            assertThat(session.json().path("user").asText()).isEqualTo(BSUID);
            assertThat(session.json().path("wa_id").isNull()).isTrue();
            assertThat(session.json().path("user_id").asText()).isEqualTo(BSUID);
            assertThat(session.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(session.messages()).hasSize(4);
            assertThat(session.replies()).hasSize(5)
                    .allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("sent"));
        }
    }

    @Test
    void messageWithNoWayToKnowTheSenderIsAcknowledgedAndDropped() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            var anonymous = Webhooks.parse(FILE);
            var value = (ObjectNode) anonymous.at("/entry/0/changes/0/value");
            ((ObjectNode) value.at("/contacts/0")).remove("user_id");
            ((ObjectNode) value.at("/messages/0")).remove("from_user_id");
            assertThat(h.post(Webhooks.bytes(anonymous)).status()).isEqualTo(200);

            var blank = Webhooks.parse(FILE);
            var blankValue = (ObjectNode) blank.at("/entry/0/changes/0/value");
            ((ObjectNode) blankValue.at("/contacts/0")).put("user_id", "").put("wa_id", " ");
            ((ObjectNode) blankValue.at("/messages/0")).put("id", Webhooks.newWamid()).put("from", "")
                    .put("from_user_id", "  ");
            assertThat(h.post(Webhooks.bytes(blank)).status()).isEqualTo(200);

            var nulls = Webhooks.parse(FILE);
            var nullValue = (ObjectNode) nulls.at("/entry/0/changes/0/value");
            nullValue.remove("contacts");
            ((ObjectNode) nullValue.at("/messages/0")).put("id", Webhooks.newWamid()).putNull("from")
                    .putNull("from_user_id");
            assertThat(h.post(Webhooks.bytes(nulls)).status()).isEqualTo(200);

            assertThat(StoredRows.count(h.database(), "inbox", null)).isZero();
            assertThat(StoredRows.count(h.database(), "sessions", null)).isZero();
            assertThat(h.graph().requests()).isEmpty();

            // The same person, once identifiable, is served.
            assertThat(h.exchange(BSUID, fromBsuid("Hola"), 1)).containsExactly(h.prompt("name"));
            assertThat(h.graph().requests()).extracting(FakeGraph.Request::recipient).containsExactly(BSUID);
        }
    }

    /** A new text from the person of {@code text_username_no_phone.json}: BSUID and username, no phone. */
    private static byte[] fromBsuid(String text) {
        var root = Webhooks.parse(FILE);
        var message = (ObjectNode) root.at("/entry/0/changes/0/value/messages/0");
        message.put("id", Webhooks.newWamid()).put("timestamp", Long.toString(Instant.now().getEpochSecond()));
        ((ObjectNode) message.path("text")).put("body", text);
        return Webhooks.bytes(root);
    }
}
