package wabot.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.StoredRows;
import wabot.testing.Webhooks;

/**
 * What wabot does not know it ignores, with a 200: fields Meta may add anywhere, changes of other subscribed
 * {@code field}s, and message types or statuses invented after this code was written.
 */
class UnknownWebhookContentTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = """
            "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111",
            "phone_number_id":"200000000000002"}""";

    @TempDir
    Path dir;

    @Test
    void unknownFieldsAtEveryLevelAreIgnored() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            assertThat(h.exchange(ANA, withUnknownFields("Hola"), 1)).containsExactly(h.prompt("name"));
            assertThat(h.exchange(ANA, withUnknownFields("Ana"), 1)).containsExactly(h.prompt("email"));

            assertThat(h.awaitSettled(ANA).answerValues()).containsExactly(Map.entry("name", "Ana"));
        }
    }

    @Test
    void changesOfOtherSubscribedFieldsAreIgnored() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            var others = List.of(
                    change("account_update", "{\"phone_number\":\"15550001111\",\"event\":\"VERIFIED_ACCOUNT\"}"),
                    change("message_template_status_update", "{\"event\":\"APPROVED\",\"message_template_id\":"
                            + "123456789,\"message_template_name\":\"order_update\",\"reason\":\"NONE\"}"),
                    change("phone_number_quality_update", "{\"display_phone_number\":\"15550001111\","
                            + "\"event\":\"FLAGGED\",\"current_limit\":\"TIER_10K\"}"),
                    change("user_preferences", "{" + METADATA + ",\"contacts\":[{\"wa_id\":\"15555550101\"}],"
                            + "\"user_preferences\":[{\"wa_id\":\"15555550101\",\"category\":\"marketing_messages\","
                            + "\"value\":\"stop\",\"timestamp\":1789390000}]}"),
                    change("smb_message_echoes", "{" + METADATA + ",\"message_echoes\":[{\"from\":\"15550001111\","
                            + "\"to\":\"15555550101\",\"id\":\"wamid.ECHO-1\",\"timestamp\":\"1789390000\","
                            + "\"type\":\"text\",\"text\":{\"body\":\"Sent from the app\"}}]}"),
                    change("history", "{" + METADATA + ",\"history\":[{\"metadata\":{\"phase\":0},\"threads\":[{"
                            + "\"id\":\"15555550101\",\"messages\":[{\"from\":\"15555550101\",\"id\":\"wamid.HIST-1\","
                            + "\"timestamp\":\"1789300000\",\"type\":\"text\",\"text\":{\"body\":\"old\"}}]}]}]}"),
                    // Dispatch is on `field`: a value shaped like messages under another field is not messages.
                    change("some_future_field", valueOf(Webhooks.text(ANA, Webhooks.newWamid(), "not a message"))));

            for (var body : others) {
                assertThat(h.post(body.getBytes(UTF_8)).status()).as(body).isEqualTo(200);
            }

            assertThat(StoredRows.count(h.database(), "inbox", null)).isZero();
            assertThat(h.findSession(ANA)).isEmpty();
            assertThat(h.exchange(ANA, "Hola", 1)).containsExactly(h.prompt("name"));
            assertThat(h.graph().requests()).hasSize(1);
        }
    }

    @Test
    void messageTypesAndStatusesInventedLaterAreHandledAsWhatTheyAre() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.exchange(ANA, "Hola", 1);
            var textOnly = TEXTS.textOnly() + "\n\n" + h.prompt("name");

            var poll = Webhooks.message("text.json", ANA, Webhooks.newWamid()).put("type", "poll_vote");
            poll.remove("text");
            poll.putObject("poll_vote").put("poll_id", "wamid.POLL").putArray("options").add("A");
            assertThat(h.exchange(ANA, Webhooks.single(poll), 1)).containsExactly(textOnly);

            var permission = Webhooks.message("interactive_button_reply.json", ANA, Webhooks.newWamid());
            permission.putObject("interactive").put("type", "call_permission_reply")
                    .putObject("call_permission_reply").put("response", "accept");
            assertThat(h.exchange(ANA, Webhooks.single(permission), 1)).containsExactly(textOnly);

            var noType = Webhooks.textMessage(ANA, Webhooks.newWamid(), "no type");
            noType.remove("type");
            assertThat(h.exchange(ANA, Webhooks.single(noType), 1)).containsExactly(textOnly);

            var status = Webhooks.parse("status_delivered.json");
            ((ObjectNode) status.at("/entry/0/changes/0/value/statuses/0")).put("status", "vanished");
            assertThat(h.post(Webhooks.bytes(status)).status()).isEqualTo(200);

            assertThat(h.exchange(ANA, "Ana", 1)).containsExactly(h.prompt("email"));
            var session = h.awaitSettled(ANA);
            assertThat(session.answerValues()).containsOnlyKeys("name");
            assertThat(session.messages()).extracting(m -> m.path("type").asText())
                    .containsExactly("text", "poll_vote", "interactive", "unknown", "text");
        }
    }

    /** A text webhook from Ana with fields nobody has heard of at every level, and in the message itself. */
    private static byte[] withUnknownFields(String text) {
        var message = Webhooks.textMessage(ANA, Webhooks.newWamid(), text);
        message.put("future_flag", true).putObject("future_object").putArray("list").add(1).add("two");
        ((ObjectNode) message.path("text")).put("format", "markdown-2030");
        var root = Webhooks.parse("text.json");
        root.put("version", 99).putObject("extensions").put("any", "thing");
        var entry = (ObjectNode) root.path("entry").path(0);
        entry.put("time", 1789390000).put("shard", "eu-1");
        var change = (ObjectNode) entry.path("changes").path(0);
        change.put("priority", "high");
        var value = (ObjectNode) change.path("value");
        value.put("experiment", "b");
        ((ObjectNode) value.path("contacts").path(0)).put("identity_key_hash", "abc=").put("country", "BR");
        value.putArray("messages").add(message);
        return Webhooks.bytes(root);
    }

    /** The {@code value} of a webhook's first change, as JSON text. */
    private static String valueOf(byte[] webhook) {
        try {
            return JSON.readTree(webhook).at("/entry/0/changes/0/value").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String change(String field, String value) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000001\",\"time\":1789390000,"
                + "\"changes\":[{\"field\":\"" + field + "\",\"value\":" + value + "}]}]}";
    }
}
