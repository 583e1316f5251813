package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * Text, button and list replies and template quick replies are answers. Anything else, sent by a person in the
 * middle of a conversation, gets a polite text-only reply and leaves the session as it was.
 */
class MessageTypesTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();
    private static final String FLOW = """
            questions:
              - id: name
                text: "What is your name?"
              - id: confirm
                text: "Shall we confirm your order?"
              - id: shipping
                text: "How should we ship it?"
              - id: promotions
                text: "Do you want our promotions?"
            """;
    private static final List<String> NOT_ANSWERS = List.of(
            "image.json", "audio_voice.json", "sticker.json", "location.json", "location_pin_only.json",
            "reaction.json", "unsupported.json", "unknown_legacy.json", "document.json", "video_forwarded.json",
            "contacts_message.json", "order.json", "interactive_nfm_reply.json");

    @TempDir
    Path dir;

    @Test
    void nonTextMessagesGetAPoliteReplyAndChangeNothing() {
        try (var h = Harness.builder(dir).flowYaml(FLOW).start()) {
            h.exchange(ANA, "Hello", 1);
            assertThat(h.exchange(ANA, "Ana", 1)).containsExactly(h.prompt("confirm"));
            var before = h.awaitSettled(ANA);

            for (var file : NOT_ANSWERS) {
                var body = Webhooks.retarget(file, ANA, Webhooks.newWamid());
                assertThat(h.exchange(ANA, body, 1)).as(file)
                        .containsExactly(TEXTS.textOnly() + "\n\n" + h.prompt("confirm"));
                var after = h.awaitSettled(ANA);
                assertThat(after.state()).as(file).isEqualTo("WAITING_FOR_ANSWER");
                assertThat(after.currentQuestion()).as(file).isEqualTo("confirm");
                assertThat(after.conversationId()).as(file).isEqualTo(before.conversationId());
                assertThat(after.answers()).as(file).isEqualTo(before.answers());
            }

            var session = h.awaitSettled(ANA);
            assertThat(session.messages()).hasSize(2 + NOT_ANSWERS.size());
            assertThat(session.messages().subList(2, session.messages().size()))
                    .extracting(m -> m.path("type").asText())
                    .containsExactly("image", "audio", "sticker", "location", "location", "reaction",
                            "unsupported", "unknown", "document", "video", "contacts", "order", "interactive");
            assertThat(h.api().calls()).isEmpty();

            // The conversation carries on from where it was.
            assertThat(h.exchange(ANA, "Yes", 1)).containsExactly(h.prompt("shipping"));
        }
    }

    @Test
    void buttonListAndTemplateRepliesAreAnswersWithTheirChoiceIds() {
        try (var h = Harness.builder(dir).flowYaml(FLOW).start()) {
            h.exchange(ANA, "Hello", 1);
            h.exchange(ANA, "Ana", 1);

            assertThat(h.exchange(ANA, Webhooks.retarget("interactive_button_reply.json", ANA, Webhooks.newWamid()), 1))
                    .containsExactly(h.prompt("shipping"));
            assertThat(h.exchange(ANA, Webhooks.retarget("interactive_list_reply.json", ANA, Webhooks.newWamid()), 1))
                    .containsExactly(h.prompt("promotions"));
            assertThat(h.exchange(ANA, Webhooks.retarget("button_template_quick_reply.json", ANA, Webhooks.newWamid()), 2))
                    .containsExactly(TEXTS.processing(), "Listo");

            var call = h.api().awaitCalls(1).get(0);
            assertThat(call.answers()).containsExactly(
                    Map.entry("name", "Ana"), Map.entry("confirm", "Confirm"),
                    Map.entry("shipping", "Express"), Map.entry("promotions", "Stop promotions"));

            var answers = h.awaitSettled(ANA).answers();
            assertThat(answers).extracting(a -> a.path("choice_id").isNull() ? null : a.path("choice_id").asText())
                    .containsExactly(null, "confirm_order_123", "ship_express", "STOP_PROMOS");
        }
    }

    @Test
    void builtChoiceRepliesCarryTheirOwnTitlesAndIds() {
        try (var h = Harness.builder(dir).flowYaml(FLOW).start()) {
            h.exchange(ANA, "Hello", 1);
            h.exchange(ANA, "Ana", 1);
            h.exchange(ANA, Webhooks.buttonReply(ANA, Webhooks.newWamid(), "no", "Not yet"), 1);
            h.exchange(ANA, Webhooks.listReply(ANA, Webhooks.newWamid(), "pickup", "Store pickup"), 1);
            h.exchange(ANA, Webhooks.templateButton(ANA, Webhooks.newWamid(), "YES_PROMOS", "Yes, please"), 2);

            var answers = h.awaitSettled(ANA).answers();
            assertThat(answers).extracting(a -> a.path("value").asText())
                    .containsExactly("Ana", "Not yet", "Store pickup", "Yes, please");
            assertThat(answers).extracting(a -> a.path("choice_id").asText(null))
                    .containsExactly(null, "no", "pickup", "YES_PROMOS");
        }
    }
}
