package wabot.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import wabot.conversation.MessageKind;
import wabot.fuzz.Executions;
import wabot.fuzz.FuzzInput;
import wabot.fuzz.JsonMutator;
import wabot.fuzz.Payloads;

/**
 * {@link WebhookParser#parse} returns a {@link Webhook} or throws {@link MalformedWebhook}, whatever the bytes:
 * any other exception or error (NullPointerException, ClassCastException, StackOverflowError...) fails the
 * target, and so does a result the stores could not keep. Inputs are raw bodies or drive structure-aware
 * mutations of the payloads ({@link FuzzInput}). Seeds: the payloads, copied into
 * {@code WebhookParserFuzzTestInputs/parse}, and a few structure-aware ones. How to run it longer:
 * docs/FUZZING.md.
 */
class WebhookParserFuzzTest {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final WebhookParser PARSER = new WebhookParser();
    private static final JsonMutator MUTATOR = new JsonMutator(1 << 20);

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"\"entry\"", "\"changes\"", "\"value\"", "\"messages\"", "\"statuses\"", "\"contacts\"",
            "\"errors\"", "\"from\"", "\"from_user_id\"", "\"wa_id\"", "\"user_id\"", "\"id\"", "\"type\"",
            "\"text\"", "\"body\"", "\"button\"", "\"interactive\"", "\"button_reply\"", "\"list_reply\"",
            "\"title\"", "\"payload\"", "\"timestamp\"", "\"status\"", "\"code\"", "\"error_data\"", "\"details\"",
            "\"profile\"", "\"name\"", "\"system\"", "\\u0000", "\\ud800", "[[[[[[[[", "{\"\":{\"\":"})
    void parse(FuzzedDataProvider data) {
        var body = FuzzInput.body(data, MUTATOR);
        Executions.count("WebhookParserFuzzTest#parse", body);
        check(body);
    }

    @AfterAll
    static void report() {
        Executions.report();
    }

    private static void check(FuzzInput.Body body) {
        Webhook webhook;
        try {
            webhook = PARSER.parse(body.bytes());
        } catch (MalformedWebhook expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("parse threw " + e + " on a " + body.describe(), e);
        }
        assertThat(webhook).isNotNull();
        for (var m : webhook.messages()) {
            // The inbox columns that are NOT NULL, and the values InboxStore binds.
            assertThat(m.messageId()).isNotNull();
            assertThat(m.userKey()).isNotNull().isIn(m.waId(), m.userId());
            assertThat(m.type()).isNotNull();
            assertThat(m.kind()).isNotNull();
            if (m.sentAt() != null) {
                try {
                    m.sentAt().toEpochMilli(); // what InboxStore binds
                } catch (ArithmeticException e) {
                    throw new AssertionError("sent_at " + m.sentAt() + " does not fit epoch milliseconds, from a "
                            + body.describe(), e);
                }
            }
            if (m.kind() == MessageKind.TEXT || m.kind() == MessageKind.CHOICE) {
                assertThat(m.text() == null || !CONTROL.matcher(m.text()).find())
                        .as("control characters are stripped from %s", m.text()).isTrue();
            }
        }
        for (var s : webhook.statuses()) {
            assertThat(s.wamid()).isNotNull();
            assertThat(s.status()).isNotNull();
        }
    }
}
