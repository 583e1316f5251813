package wabot.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wabot.conversation.Question;

/** How the business API's reply body is read: well-formed replies become events, anything else a permanent error. */
class ExternalApiReplyTest {
    private static final String SUBMISSION = "3f0c1e9a-0000-3000-8000-000000000001";

    private final ExternalApiClient client = new ExternalApiClient(HttpClient.newHttpClient(),
            URI.create("http://localhost:1/unused"), Duration.ofSeconds(1), key -> false, java.util.List.of(), null, null);

    @Test
    void continueReplyWithQuestionsIsRead() throws ExternalApiError {
        var event = client.reply(SUBMISSION, """
                {"continue_conversation": true,
                 "message": "A couple more questions",
                 "additional_questions": [
                   {"id": "plan", "text": "Which plan?"},
                   {"id": "seats", "text": "How many seats?", "required": false},
                   {"id": "notes", "text": "Notes?", "required": null}],
                 "unknown_field": 1}""");

        assertThat(event.submissionId()).isEqualTo(SUBMISSION);
        assertThat(event.continueConversation()).isTrue();
        assertThat(event.message()).isEqualTo("A couple more questions");
        assertThat(event.additionalQuestions()).containsExactly(
                new Question("plan", "Which plan?", true),
                new Question("seats", "How many seats?", false),
                new Question("notes", "Notes?", true));
        assertThat(event.finalMessage()).isNull();
    }

    @Test
    void finalReplyIsRead() throws ExternalApiError {
        var event = client.reply(SUBMISSION, """
                {"continue_conversation": false, "final_message": "Ticket #42 opened", "additional_questions": null}""");

        assertThat(event.continueConversation()).isFalse();
        assertThat(event.finalMessage()).isEqualTo("Ticket #42 opened");
        assertThat(event.message()).isNull();
        assertThat(event.additionalQuestions()).isEmpty();
    }

    @Test
    void minimalReplyIsRead() throws ExternalApiError {
        var event = client.reply(SUBMISSION, "{\"continue_conversation\":false}");

        assertThat(event.continueConversation()).isFalse();
        assertThat(event.additionalQuestions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"continue_conversation\": \"true\"}",
            "{\"continue_conversation\": 1}",
            "{\"message\": \"no verdict\"}",
            "{\"continue_conversation\": true, \"message\": 42}",
            "{\"continue_conversation\": false, \"final_message\": [\"bye\"]}",
            "{\"continue_conversation\": true, \"additional_questions\": {\"id\": \"plan\", \"text\": \"Plan?\"}}",
            "{\"continue_conversation\": true, \"additional_questions\": \"plan\"}",
            "{\"continue_conversation\": true, \"additional_questions\": [{\"text\": \"Plan?\"}]}",
            "{\"continue_conversation\": true, \"additional_questions\": [{\"id\": 7, \"text\": \"Plan?\"}]}",
            "{\"continue_conversation\": true, \"additional_questions\": [{\"id\": \"plan\"}]}",
            "{\"continue_conversation\": true, \"additional_questions\": [{\"id\": \" \", \"text\": \"Plan?\"}]}",
            "{\"continue_conversation\": true, \"additional_questions\": [\"Plan?\"]}",
            "{\"continue_conversation\": true, \"additional_questions\": [{\"id\": \"plan\", \"text\": \"Plan?\", \"required\": \"yes\"}]}",
            "[{\"continue_conversation\": false}]",
            "\"ok\"",
            "null"})
    void replyOfTheWrongShapeIsAPermanentError(String body) {
        var error = catchThrowableOfType(ExternalApiError.class, () -> client.reply(SUBMISSION, body));

        assertThat(error).as(body).isNotNull();
        assertThat(error.isTransient()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OK", "<html>502 Bad Gateway</html>", "{\"continue_conversation\": tru", "{'a': 1}"})
    void invalidJsonIsAPermanentError(String body) {
        var error = catchThrowableOfType(ExternalApiError.class, () -> client.reply(SUBMISSION, body));

        assertThat(error).as(body).isNotNull();
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void errorMessagesNameTheOffendingField() {
        var error = catchThrowableOfType(ExternalApiError.class, () -> client.reply(SUBMISSION,
                "{\"continue_conversation\": true, \"additional_questions\": [{\"id\": \"plan\", \"text\": \"P\", \"required\": \"yes\"}]}"));

        assertThat(error).hasMessageContaining("required").hasMessageContaining("plan");
    }
}
