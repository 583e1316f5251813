package wabot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reading of {@code GET /sessions/{phone}}: the session, its answers, the transcript of messages (inbox), the
 * replies (outbox) and the submissions to the business API. Plain accessors over the JSON, so assertions read
 * like the stored state they check.
 */
public record SessionView(JsonNode json) {

    public String state() {
        return json.path("state").asText(null);
    }

    /** The id of the question being asked, or null. */
    public String currentQuestion() {
        return json.path("current_question").asText(null);
    }

    public String conversationId() {
        return json.path("conversation_id").asText(null);
    }

    /** When this conversation started, ISO-8601 as stored. */
    public String startedAt() {
        return json.path("started_at").asText(null);
    }

    /** The current conversation's answers: {@code question_id, value, choice_id, answered_at}. */
    public List<JsonNode> answers() {
        return list(json.path("answers"));
    }

    /** The current conversation's answers as question id to value. */
    public Map<String, String> answerValues() {
        var values = new LinkedHashMap<String, String>();
        answers().forEach(a -> values.put(a.path("question_id").asText(), a.path("value").asText()));
        return values;
    }

    /** The person's messages as stored, oldest first: {@code message_id, type, body, choice_id, status, ...}. */
    public List<JsonNode> messages() {
        return list(json.path("messages"));
    }

    /** The replies owed or sent, oldest first: {@code body, status, wamid, delivery, error_code, ...}. */
    public List<JsonNode> replies() {
        return list(json.path("replies"));
    }

    /** The bodies of every reply, oldest first. */
    public List<String> replyTexts() {
        return replies().stream().map(r -> r.path("body").asText()).toList();
    }

    /** Submissions to the business API, newest first: {@code id, payload, status, attempts, response, error}. */
    public List<JsonNode> submissions() {
        return list(json.path("submissions"));
    }

    /**
     * True when nothing is left in flight for this person: every message processed, no reply waiting to be sent
     * and no submission waiting for the business API.
     */
    public boolean settled() {
        return messages().stream().allMatch(m -> "done".equals(m.path("status").asText()))
                && replies().stream().noneMatch(r -> "pending".equals(r.path("status").asText()))
                && submissions().stream().noneMatch(s -> "pending".equals(s.path("status").asText()));
    }

    private static List<JsonNode> list(JsonNode array) {
        var items = new ArrayList<JsonNode>();
        array.forEach(items::add);
        return items;
    }

    @Override
    public String toString() {
        return json.toPrettyString();
    }
}
