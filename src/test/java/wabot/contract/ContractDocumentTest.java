package wabot.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import wabot.testing.Contract;

/** The contract's own examples fit its schemas, and its schemas refuse what they must. */
class ContractDocumentTest {
    private final Contract contract = Contract.get();

    @Test
    void everyExampleFitsItsSchema() {
        var checked = new ArrayList<String>();
        var post = Contract.pointer("webhooks", "submission", "post");
        var request = post + Contract.pointer("requestBody", "content", "application/json");
        var reply = post + Contract.pointer("responses", "200", "content", "application/json");
        for (var media : new String[] {request, reply}) {
            var examples = contract.document().at(media + "/examples");
            examples.fieldNames().forEachRemaining(name -> {
                JsonNode value = examples.path(name).path("value");
                assertThat(contract.problems(media + "/schema", value)).as(name).isEmpty();
                checked.add(name);
            });
        }
        assertThat(checked).contains("text", "everyType", "bsuid", "end", "endWithDefault", "continueWithQuestions",
                "continueWithoutQuestions");
    }

    @Test
    void theSchemasRefuseWhatBreaksTheContract() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var submission = Contract.pointer("components", "schemas", "Submission");
        var good = "{\"user_phone\":\"+15555550101\",\"number\":{\"phone_number_id\":\"1\",\"name\":null},"
                + "\"timestamp\":\"2026-09-14T12:46:41Z\",\"answers\":{\"n\":1}}";
        assertThat(contract.problems(submission, json.readTree(good))).isEmpty();
        assertThat(contract.problems(submission, json.readTree(good.replace("user_phone", "phone"))))
                .anyMatch(p -> p.contains("user_phone")).anyMatch(p -> p.contains("phone"));
        assertThat(contract.problems(submission, json.readTree(good.replace("2026-09-14T12:46:41Z", "yesterday"))))
                .anyMatch(p -> p.contains("date-time"));
        assertThat(contract.problems(submission, json.readTree(good.replace("{\"n\":1}", "{\"n\":[1]}"))))
                .isNotEmpty();

        var reply = Contract.pointer("components", "schemas", "Reply");
        assertThat(contract.problems(reply, json.readTree("{\"continue_conversation\":\"no\"}"))).isNotEmpty();
        assertThat(contract.problems(reply, json.readTree("{\"continue_conversation\":false,\"message\":\"x\"}")))
                .as("an end's text is final_message").isNotEmpty();
        assertThat(contract.problems(reply, json.readTree("{\"continue_conversation\":true,"
                + "\"additional_questions\":[{\"id\":\"a\",\"text\":\"A?\",\"type\":\"choice\"}]}")))
                .as("a choice without options").isNotEmpty();
        assertThat(contract.problems(reply, json.readTree("{\"continue_conversation\":true,"
                + "\"additional_questions\":[{\"id\":\"a\",\"text\":\"A?\",\"type\":\"email\",\"min\":1}]}")))
                .as("a setting of another type").isNotEmpty();
        assertThat(contract.problems(reply, json.readTree("{\"continue_conversation\":true,"
                + "\"additional_questions\":[{\"id\":\"a\",\"text\":\"A?\",\"when\":{\"b\":{\"gte\":5}}}]}")))
                .isEmpty();
    }
}
