package wabot.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import wabot.conversation.Question;
import wabot.conversation.Submission;
import wabot.conversation.Value;
import wabot.testing.Contract;

/**
 * wabot's own reading and writing of the business API, held to the contract on both sides: every reply the contract
 * gives as an example is taken by wabot's reader as the example says, and the payloads wabot writes, with every kind
 * of answer, fit the contract's schema. Renaming a field on either side breaks this test.
 */
class ContractRepliesTest {
    private static final String SUBMISSION = "3f0c1e9a-0000-3000-8000-000000000001";
    private final Contract contract = Contract.get();
    private final ExternalApiClient client = new ExternalApiClient(HttpClient.newHttpClient(), null,
            Duration.ofSeconds(1), person -> false, List.<Question>of(), "106540352242922", "Sales");

    @Test
    void everyReplyOfTheContractIsReadAsItSays() throws ExternalApiError {
        var examples = contract.document().at(Contract.pointer("webhooks", "submission", "post", "responses", "200",
                "content", "application/json", "examples"));
        var read = new java.util.ArrayList<String>();
        for (var it = examples.fieldNames(); it.hasNext(); ) {
            var name = it.next();
            var example = examples.path(name).path("value");
            var event = client.reply(SUBMISSION, example.toString());

            assertThat(event.continueConversation()).as(name)
                    .isEqualTo(example.path("continue_conversation").booleanValue());
            assertThat(event.message()).as(name).isEqualTo(example.path("message").textValue());
            assertThat(event.finalMessage()).as(name).isEqualTo(example.path("final_message").textValue());
            var ids = new java.util.ArrayList<String>();
            example.path("additional_questions").forEach(q -> ids.add(q.path("id").asText()));
            assertThat(event.additionalQuestions()).as(name).extracting(Question::id).containsExactlyElementsOf(ids);
            read.add(name);
        }
        assertThat(read).hasSize(4);
    }

    @Test
    void thePayloadWithEveryKindOfAnswerFitsTheContract() throws Exception {
        var answers = new LinkedHashMap<String, Value>();
        answers.put("name", Value.text("Ana \"la\" Souza 🌵"));
        answers.put("people", Value.number(new BigDecimal("4")));
        answers.put("share", Value.number(new BigDecimal("0.00000010")));
        answers.put("urgent", Value.bool(true));
        var photo = new LinkedHashMap<String, Value>();
        photo.put("type", Value.text("image"));
        photo.put("media_id", Value.text("1234567890"));
        photo.put("mime_type", Value.text("image/jpeg"));
        answers.put("photo", new Value.Fields(photo));
        var place = new LinkedHashMap<String, Value>();
        place.put("latitude", Value.number(new BigDecimal("-34.6037")));
        place.put("longitude", Value.number(new BigDecimal("-58.3816")));
        answers.put("place", new Value.Fields(place));
        var schema = Contract.pointer("components", "schemas", "Submission");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();

        for (var submission : List.of(
                new Submission(SUBMISSION, "c-1", "+15555550101", null, Instant.parse("2026-09-14T12:46:41Z"), answers),
                new Submission(SUBMISSION, "c-2", null, "US.13491208655302741918", Instant.now(), answers))) {
            assertThat(contract.problems(schema, json.readTree(client.payload(submission)))).isEmpty();
        }
        var unnamed = new ExternalApiClient(HttpClient.newHttpClient(), null, Duration.ofSeconds(1), person -> false,
                List.of(), null, null);
        assertThat(contract.problems(schema, json.readTree(unnamed.payload(new Submission(SUBMISSION, "c-3",
                "+15555550101", null, Instant.now(), answers))))).as("a dry run without PHONE_NUMBER_ID").isEmpty();
    }
}
