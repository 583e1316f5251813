package wabot.whatsapp;

import wabot.testing.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import wabot.conversation.Attachment;
import wabot.conversation.MessageKind;

/** Meta's real webhook bodies from the fixtures, through the parser. */
class WebhookParserPayloadsTest {
    private final WebhookParser parser = new WebhookParser();

    static Stream<Path> payloads() throws IOException {
        var files = Files.list(Fixtures.PAYLOADS).filter(f -> f.toString().endsWith(".json")).sorted().toList();
        assertThat(files).as("fixtures in %s", Fixtures.PAYLOADS).hasSizeGreaterThan(30);
        return files.stream();
    }

    private Webhook parse(String name) throws MalformedWebhook {
        return parser.parse(Fixtures.bytes(Fixtures.payload(name)));
    }

    private Inbound onlyMessage(String name) throws MalformedWebhook {
        var webhook = parse(name);
        assertThat(webhook.messages()).as(name).hasSize(1);
        return webhook.messages().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void everySharedPayloadParses(Path file) throws MalformedWebhook {
        var webhook = parser.parse(Fixtures.bytes(file));

        assertThat(webhook.messages()).allSatisfy(m -> {
            assertThat(m.messageId()).startsWith("wamid.");
            assertThat(m.userKey()).isNotBlank();
            assertThat(m.kind()).isNotNull();
        });
    }

    @Test
    void textMessageIsUnescapedAndKeyedByWaId() throws MalformedWebhook {
        var message = onlyMessage("text.json");

        assertThat(message.kind()).isEqualTo(MessageKind.TEXT);
        assertThat(message.text()).isEqualTo("Olá! A loja abre ao domingo? 🌵");
        assertThat(message.userKey()).isEqualTo("15555550101");
        assertThat(message.waId()).isEqualTo("15555550101");
        assertThat(message.profileName()).isEqualTo("Ana Souza");
        assertThat(message.messageId()).isEqualTo("wamid.HBgLTVRVMU5UVTFOVEF4TURFSU4tVEVYVC0wMDAx");
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1789390001));
        assertThat(message.choiceId()).isNull();
    }

    @Test
    void personWithoutPhoneIsKeyedByBsuid() throws MalformedWebhook {
        var message = onlyMessage("text_username_no_phone.json");

        assertThat(message.userKey()).isEqualTo("US.13000000000000000001");
        assertThat(message.userId()).isEqualTo("US.13000000000000000001");
        assertThat(message.waId()).isNull();
        assertThat(message.text()).isEqualTo("Do you deliver to Porto?");
    }

    @Test
    void personWithPhoneAndBsuidIsKeyedByPhoneAndKeepsBoth() throws MalformedWebhook {
        var message = onlyMessage("text_with_bsuid.json");

        assertThat(message.userKey()).isEqualTo("15555550101");
        assertThat(message.userId()).isEqualTo("US.13000000000000000001");
    }

    @ParameterizedTest
    @CsvSource({
            "interactive_button_reply.json,    Confirm,         confirm_order_123",
            "interactive_list_reply.json,      Express,         ship_express",
            "button_template_quick_reply.json, Stop promotions, STOP_PROMOS"})
    void tappedChoiceHasItsTitleAsTextAndItsIdAsChoiceId(String file, String title, String id) throws MalformedWebhook {
        var message = onlyMessage(file);

        assertThat(message.kind()).isEqualTo(MessageKind.CHOICE);
        assertThat(message.text()).isEqualTo(title);
        assertThat(message.choiceId()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sticker.json", "reaction.json", "unsupported.json", "unknown_legacy.json",
            "contacts_message.json", "order.json", "interactive_nfm_reply.json", "interactive_unparseable_131000.json"})
    void messagesThatCannotBeAnswersAreUnsupported(String file) throws MalformedWebhook {
        var message = onlyMessage(file);

        assertThat(message.kind()).isEqualTo(MessageKind.UNSUPPORTED);
        assertThat(message.text()).isNull();
        assertThat(message.userKey()).isEqualTo("15555550101");
    }

    @ParameterizedTest
    @CsvSource(value = {
            "image.json,           image,    image/jpeg",
            "audio_voice.json,     audio,    audio/ogg; codecs=opus",
            "document.json,        document, application/pdf",
            "video_forwarded.json, video,    video/mp4"})
    void mediaIsKeptWithItsIdTypeAndCaption(String file, String type, String mimeType) throws Exception {
        var message = onlyMessage(file);
        var media = (Attachment.Media) message.attachment();
        var object = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Fixtures.bytes(Fixtures.payload(file)))
                .path("entry").path(0).path("changes").path(0).path("value").path("messages").path(0).path(type);

        assertThat(message.kind()).isEqualTo(MessageKind.MEDIA);
        assertThat(media.type()).isEqualTo(type);
        assertThat(media.mimeType()).isEqualTo(mimeType);
        assertThat(media.mediaId()).isEqualTo(object.path("id").asText()).isNotBlank();
        assertThat(media.sha256()).isEqualTo(object.path("sha256").asText());
        assertThat(media.caption()).isEqualTo(object.path("caption").asText(null));
        assertThat(message.text()).isEqualTo(media.caption());
        assertThat(media.filename()).isEqualTo(object.path("filename").asText(null));
    }

    @Test
    void sharedLocationKeepsItsCoordinatesAndPlace() throws MalformedWebhook {
        var named = (Attachment.Location) onlyMessage("location.json").attachment();
        var pin = onlyMessage("location_pin_only.json");

        assertThat(named.name()).isNotBlank();
        assertThat(named.address()).isNotBlank();
        assertThat(pin.kind()).isEqualTo(MessageKind.LOCATION);
        var bare = (Attachment.Location) pin.attachment();
        assertThat(bare.name()).isNull();
        assertThat(bare.latitude()).isBetween(-90.0, 90.0);
        assertThat(bare.longitude()).isBetween(-180.0, 180.0);
    }

    @Test
    void systemNoticeIsNotAnInboundMessage() throws MalformedWebhook {
        var webhook = parse("system_user_changed_number.json");

        assertThat(webhook.messages()).isEmpty();
        assertThat(webhook.statuses()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch_two_users_one_value.json", "batch_two_users_two_changes.json"})
    void batchOfTwoPeopleGivesTwoMessagesInOrder(String file) throws MalformedWebhook {
        var messages = parse(file).messages();

        assertThat(messages).extracting(Inbound::userKey).containsExactly("15555550101", "447700900123");
        assertThat(messages).extracting(Inbound::text)
                .containsExactly("First user says hi", "Second user asks for the menu");
        assertThat(messages).extracting(Inbound::profileName).containsExactly("Ana Souza", "Ben Carter");
    }

    @ParameterizedTest
    @CsvSource({
            "status_sent.json,                    sent,",
            "status_delivered.json,               delivered,",
            "status_read.json,                    read,",
            "status_played.json,                  played,",
            "status_failed_131047.json,           failed, 131047",
            "status_failed_131026.json,           failed, 131026",
            "status_failed_131049.json,           failed, 131049",
            "status_failed_131053_media.json,     failed, 131053"})
    void statusWebhookGivesAStatusUpdate(String file, String status, Integer errorCode) throws MalformedWebhook {
        var webhook = parse(file);

        assertThat(webhook.messages()).isEmpty();
        assertThat(webhook.statuses()).singleElement().satisfies(update -> {
            assertThat(update.wamid()).startsWith("wamid.");
            assertThat(update.status()).isEqualTo(status);
            assertThat(update.failed()).isEqualTo(errorCode != null);
            assertThat(update.errorCode()).isEqualTo(errorCode);
            assertThat(update.at()).isNotNull();
        });
    }

    @Test
    void failedStatusKeepsMetasExplanation() throws MalformedWebhook {
        var update = parse("status_failed_131047.json").statuses().get(0);

        assertThat(update.wamid()).isEqualTo("wamid.HBgLTVRVMU5UVTFOVEF4TURFQklaLU9VVC1GMDQ3");
        assertThat(update.errorDetail()).contains("more than 24 hours");
    }

    @Test
    void batchOfStatusesKeepsBoth() throws MalformedWebhook {
        assertThat(parse("batch_statuses_two_users.json").statuses()).extracting(StatusUpdate::status)
                .containsExactly("delivered", "read");
    }

    @Test
    void contactWithoutProfileParsesWithNoName() throws MalformedWebhook {
        var message = onlyMessage("contacts_no_profile_name.json");

        assertThat(message.profileName()).isNull();
        assertThat(message.userKey()).isEqualTo("15555550101");
        assertThat(message.text()).isEqualTo("12345 is your verification code.");
    }

    @Test
    void valueLevelErrorWithoutMessagesGivesNothingToDo() throws MalformedWebhook {
        var webhook = parse("webhook_value_errors_130429.json");

        assertThat(webhook.messages()).isEmpty();
        assertThat(webhook.statuses()).isEqualTo(List.of());
    }
}
