package wabot.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wabot.answers.YesNoAnswer;
import wabot.conversation.Condition;
import wabot.conversation.Question;
import wabot.conversation.Submission;
import wabot.conversation.Value;

/** The POST's answers carry JSON types, and the API's additional questions follow the flow file's schema. */
class ExternalApiPayloadTest {
    private static final Question URGENT = new Question("urgent", "Urgent?", true, new YesNoAnswer(), Condition.ALWAYS,
            null);
    private final ExternalApiClient client = new ExternalApiClient(HttpClient.newHttpClient(),
            URI.create("http://localhost:1/unused"), Duration.ofSeconds(1), key -> false, List.of(URGENT),
            "106540352242922", "Sales");

    private String payload(Map<String, Value> answers) {
        return client.payload(new Submission("s-1", "c-1", "+15555550101", null,
                Instant.parse("2026-09-14T12:46:41Z"), answers));
    }

    @Test
    void textAnswersStayStringsBesideTheNumberWrittenTo() {
        var answers = new LinkedHashMap<String, Value>();
        answers.put("name", Value.text("Ana \"la\" Souza 🌵"));
        answers.put("email", Value.text("ana@example.com"));

        assertThat(payload(answers)).isEqualTo("{\"user_phone\":\"+15555550101\","
                + "\"number\":{\"phone_number_id\":\"106540352242922\",\"name\":\"Sales\"},"
                + "\"timestamp\":\"2026-09-14T12:46:41Z\","
                + "\"answers\":{\"name\":\"Ana \\\"la\\\" Souza 🌵\",\"email\":\"ana@example.com\"}}");
    }

    @Test
    void typedAnswersAreJsonNumbersBooleansAndObjectsWrittenPlainly() {
        var answers = new LinkedHashMap<String, Value>();
        answers.put("people", Value.number(new BigDecimal("1500")));
        answers.put("share", Value.number(new BigDecimal("0.00000010")));
        answers.put("urgent", Value.bool(true));
        var place = new LinkedHashMap<String, Value>();
        place.put("latitude", Value.number(new BigDecimal("-34.6037")));
        place.put("longitude", Value.number(new BigDecimal("-58.3816")));
        place.put("name", Value.text("Obelisco"));
        answers.put("place", new Value.Fields(place));

        assertThat(payload(answers)).endsWith("\"answers\":{\"people\":1500,\"share\":0.0000001,\"urgent\":true,"
                + "\"place\":{\"latitude\":-34.6037,\"longitude\":-58.3816,\"name\":\"Obelisco\"}}}");
    }

    @Test
    void typedAdditionalQuestionsAreReadAndMayDependOnTheFlowsAnswers() throws ExternalApiError {
        var event = client.reply("s-1", """
                {"continue_conversation": true,
                 "additional_questions": [
                   {"id": "callback", "text": "Call you back?", "type": "yes_no", "when": {"urgent": true}},
                   {"id": "seats", "text": "Seats?", "type": "number", "integer": true, "min": 1, "max": 500.0}]}""");

        assertThat(event.additionalQuestions()).extracting(q -> q.type().name()).containsExactly("yes_no", "number");
        assertThat(event.additionalQuestions().get(1).type().settings())
                .containsEntry("max", new BigDecimal("500")).containsEntry("integer", true);
        assertThat(event.additionalQuestions().get(0).when().tests()).containsExactly(
                new Condition.Test("urgent", Condition.Operator.EQUALS, List.of(Value.bool(true))));
    }

    @Test
    void anInvalidTypedQuestionIsAnInvalidReplyNamingTheProblem() {
        var error = catchThrowableOfType(ExternalApiError.class, () -> client.reply("s-1", """
                {"continue_conversation": true,
                 "additional_questions": [{"id": "size", "text": "Size?", "type": "choice",
                                           "options": [{"id": "s", "title": "Small"}], "when": {"urgent": "yes"}}]}"""));

        assertThat(error.isTransient()).isFalse();
        assertThat(error).hasMessage("'additional_questions': question 1 ('size') has 'when' on 'urgent': 'urgent' is a "
                + "yes_no question, so its value must be true or false, not 'yes'");
    }
}
