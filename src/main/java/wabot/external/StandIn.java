package wabot.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import wabot.conversation.Event;

/**
 * The business API's stand-in while none is configured, for the terminal chat and the simulator: it ends the
 * conversation with a final message listing the answers it received, so that a flow can be tried end to end
 * before anyone writes an API.
 */
final class StandIn {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StandIn() {}

    static ExternalApiClient.Response reply(String submissionId, String payload) {
        var text = new StringBuilder("[stand-in business API: no EXTERNAL_API_URL is set] It received:");
        try {
            JsonNode answers = JSON.readTree(payload).path("answers");
            if (answers.isEmpty()) {
                text.append("\n(no answers)");
            }
            answers.properties().forEach(e -> text.append("\n• ").append(e.getKey()).append(": ")
                    .append(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        } catch (IOException e) {
            text.append("\n(a payload it could not read)");
        }
        var body = JSON.createObjectNode().put("continue_conversation", false).put("final_message", text.toString());
        return new ExternalApiClient.Response(body.toString(),
                new Event.ApiReplied(submissionId, false, null, List.of(), text.toString()));
    }
}
