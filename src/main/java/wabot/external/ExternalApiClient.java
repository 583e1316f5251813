package wabot.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import wabot.conversation.Event;
import wabot.conversation.Question;
import wabot.conversation.Submission;
import wabot.flow.ExactJson;
import wabot.flow.QuestionSpecs;
import wabot.numbers.UserKey;

/**
 * Posts a conversation's answers to the business's own API and reads its reply. The contract, both ways, is
 * {@code docs/openapi.yaml}; a reply that breaks it is a failure, never a guess. One client per business number.
 */
public final class ExternalApiClient {
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 502, 503, 504);
    private final HttpClient http;
    private final URI url;
    private final Duration timeout;
    /** Numbers as written (3.5, never 3.5E+0), since the business API reads them as a person typed them. */
    private final ObjectMapper json = ExactJson.MAPPER;
    private final Predicate<String> standInFor;
    private final List<Question> flowQuestions;
    private final String phoneNumberId;
    private final String numberName;

    /**
     * @param url        null when no API is configured: the answers stay stored and the conversation ends
     * @param standInFor the people (their wa_id or BSUID) whom, while no API is configured, a stand-in answers with
     *                   the answers it received: the simulator's people, or everyone in the terminal chat
     * @param flowQuestions the flow's questions, which the conditions of additional questions may name
     * @param phoneNumberId the business number whose conversations this posts, named in every payload; null for a
     *                      single-number deployment without {@code PHONE_NUMBER_ID}
     * @param numberName    its name from the numbers file; null without one
     */
    public ExternalApiClient(HttpClient http, URI url, Duration timeout, Predicate<String> standInFor,
                             List<Question> flowQuestions, String phoneNumberId, String numberName) {
        this.flowQuestions = List.copyOf(flowQuestions);
        this.http = http;
        this.url = url;
        this.timeout = timeout;
        this.standInFor = standInFor;
        this.phoneNumberId = phoneNumberId;
        this.numberName = numberName;
    }

    /** Where submissions go, or null when no API is configured. */
    public URI url() {
        return url;
    }

    /** The JSON body posted for a submission; stored with it, so a retry posts the very same bytes. */
    public String payload(Submission submission) {
        var body = json.createObjectNode();
        body.put("user_phone", submission.userPhone());
        if (submission.userId() != null) {
            body.put("user_id", submission.userId());
        }
        // The number the person wrote to: one API may serve several numbers (a sales line, a support line).
        body.putObject("number").put("phone_number_id", phoneNumberId).put("name", numberName);
        body.put("timestamp", submission.startedAt().toString());
        var answers = body.putObject("answers");
        // Strings stay strings, so a flow without types posts exactly what it always did.
        submission.answers().forEach((id, value) -> answers.set(id, json.valueToTree(value.plain())));
        try {
            return json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a payload that cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    /** The API's reply as received, and as the engine reads it. */
    public record Response(String body, Event.ApiReplied event) {}

    public Response post(String submissionId, String userKey, String payload) throws ExternalApiError {
        if (url == null && standInFor.test(UserKey.person(userKey))) {
            return StandIn.reply(submissionId, payload);
        }
        if (url == null) {
            // No API configured (a first run on a laptop): the answers stay stored and the conversation ends.
            return new Response(null, new Event.ApiReplied(submissionId, false, null, List.of(), null));
        }
        var request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", submissionId)
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ExternalApiError("timed out after " + timeout.toMillis() + " ms", true);
        } catch (IOException e) {
            throw new ExternalApiError("unreachable: " + e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExternalApiError("interrupted", true);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new ExternalApiError("answered HTTP " + status, TRANSIENT_STATUSES.contains(status));
        }
        return new Response(response.body(), reply(submissionId, response.body()));
    }

    Event.ApiReplied reply(String submissionId, String body) throws ExternalApiError {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new ExternalApiError("answered invalid JSON", false);
        }
        if (root == null || !root.isObject()) {
            throw new ExternalApiError("answered something other than a JSON object", false);
        }
        var proceed = root.get("continue_conversation");
        if (proceed == null || !proceed.isBoolean()) {
            throw new ExternalApiError("'continue_conversation' must be true or false", false);
        }
        return new Event.ApiReplied(submissionId, proceed.booleanValue(), optionalText(root, "message"),
                questions(root.get("additional_questions")), optionalText(root, "final_message"));
    }

    /** The additional questions, held to the flow file's schema: an invalid one is an invalid reply. */
    private List<Question> questions(JsonNode node) throws ExternalApiError {
        if (node == null || node.isNull()) {
            return List.of();
        }
        try {
            return QuestionSpecs.fromApi(node, flowQuestions);
        } catch (IllegalArgumentException e) {
            throw new ExternalApiError(e.getMessage(), false);
        }
    }

    private static String optionalText(JsonNode root, String field) throws ExternalApiError {
        var node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ExternalApiError("'" + field + "' must be text", false);
        }
        return node.asText();
    }
}
