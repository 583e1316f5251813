package wabot.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies that are not what Meta sends are refused as {@link MalformedWebhook}, never with another error. */
class WebhookParserMalformedTest {
    private final WebhookParser parser = new WebhookParser();

    private Throwable parsing(String body) {
        return catchThrowable(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "[{\"entry\":[]}]", "\"text\"", "42", "null",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":"})
    void bodyThatIsNotACompleteJsonObjectIsMalformed(String body) {
        assertThat(parsing(body)).isInstanceOf(MalformedWebhook.class);
    }

    @Test
    void deeplyNestedBodyIsRefusedWithoutOverflowingTheStack() {
        var body = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);

        assertThat(parsing(body)).isInstanceOf(MalformedWebhook.class).hasMessageContaining("limits");
    }

    @Test
    void deeplyNestedArraysAreRefusedToo() {
        var body = "{\"entry\":" + "[".repeat(1000) + "]".repeat(1000) + "}";

        assertThat(parsing(body)).isInstanceOf(MalformedWebhook.class);
    }

    @Test
    void numberWithAHundredThousandDigitsIsRefused() {
        var body = "{\"entry\":[],\"n\":" + "9".repeat(100_000) + "}";

        assertThat(parsing(body)).isInstanceOf(MalformedWebhook.class).hasMessageContaining("limits");
    }

    @Test
    void objectWithoutEntriesIsAnEmptyWebhook() throws MalformedWebhook {
        var webhook = parser.parse("{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(webhook.messages()).isEmpty();
        assertThat(webhook.statuses()).isEmpty();
    }

    @Test
    void controlCharactersAreStrippedFromTextWhileNewlinesAndEmojiSurvive() throws MalformedWebhook {
        var message = parser.parse(textWebhook("Ana\\u0000 \\u0007Souza\\u001b[31m\\nline two \\ud83c\\udf35\\r\\nend"))
                .messages().get(0);

        assertThat(message.text()).isEqualTo("Ana Souza[31m\nline two 🌵\nend");
    }

    @Test
    void emojiWithJoinersKeepsItsFormatCharacters() throws MalformedWebhook {
        var family = "👩\u200d👩\u200d👧";

        var message = parser.parse(textWebhook(family)).messages().get(0);

        assertThat(message.text()).isEqualTo(family);
    }

    @Test
    void messageWithoutIdIsSkipped() throws MalformedWebhook {
        var body = """
                {"entry":[{"changes":[{"value":{"messages":[
                  {"from":"15555550101","timestamp":"1","type":"text","text":{"body":"hi"}}]}}]}]}""";

        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8)).messages()).isEmpty();
    }

    @Test
    void messageWithABlankIdIsSkipped() throws MalformedWebhook {
        var body = """
                {"entry":[{"changes":[{"value":{"messages":[
                  {"from":"15555550101","id":"  ","timestamp":"1","type":"text","text":{"body":"hi"}}]}}]}]}""";

        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8)).messages()).isEmpty();
    }

    /** A minimal text webhook whose body is spliced in as JSON string content (escapes allowed). */
    private static byte[] textWebhook(String jsonStringContent) {
        return ("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                  "contacts":[{"profile":{"name":"Ana"},"wa_id":"15555550101"}],
                  "messages":[{"from":"15555550101","id":"wamid.X","timestamp":"1789390001","type":"text",
                               "text":{"body":"%s"}}]}}]}]}""".formatted(jsonStringContent))
                .getBytes(StandardCharsets.UTF_8);
    }
}
