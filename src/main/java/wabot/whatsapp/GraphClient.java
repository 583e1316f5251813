package wabot.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import wabot.conversation.Reply;

/**
 * Sends messages through the Cloud API, {@code POST /<version>/<phone-number-id>/messages}: a text, or a text
 * with reply buttons or a list (PROTOCOL (e)). The choices arrive within WhatsApp's limits; each field is cut to
 * its limit once more here all the same, because a field over it makes Meta refuse the whole message.
 */
public final class GraphClient implements Messenger {
    private static final Pattern PHONE = Pattern.compile("\\d{4,20}");
    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public GraphClient(HttpClient http, String baseUrl, String version, String phoneNumberId, String token,
                       Duration timeout) {
        this.http = http;
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/" + version + "/" + phoneNumberId + "/messages");
        this.authorization = "Bearer " + token;
        this.timeout = timeout;
    }

    @Override
    public String send(String recipient, Reply reply, String reference) throws GraphError, IOException {
        var request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body(recipient, reply, reference))))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        }
        JsonNode answer = readOrEmpty(response.body());
        if (response.statusCode() == 200) {
            var wamid = answer.path("messages").path(0).path("id").asText(null);
            if (wamid != null) {
                return wamid;
            }
        }
        var error = answer.path("error");
        var detail = error.path("error_data").path("details").asText(error.path("message").asText("no error body"));
        throw new GraphError(response.statusCode(), error.path("code").asInt(0), detail, retryAfter(response));
    }

    private ObjectNode body(String recipient, Reply reply, String reference) {
        var body = json.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual");
        if (PHONE.matcher(recipient).matches()) {
            body.put("to", "+" + recipient);
        } else {
            // A BSUID: the person withheld their phone, so Meta addresses them by this id instead.
            body.put("recipient", recipient);
        }
        if (reply.choices() == null) {
            body.put("type", "text");
            body.putObject("text").put("preview_url", false).put("body", reply.text());
        } else {
            body.put("type", "interactive");
            body.set("interactive", Interactive.of(json, reply.text(), reply.choices()));
        }
        if (reference != null) {
            body.put("biz_opaque_callback_data", reference);
        }
        return body;
    }

    private JsonNode readOrEmpty(byte[] body) {
        try {
            var node = json.readTree(body);
            return node == null ? json.createObjectNode() : node;
        } catch (IOException notJson) {
            return json.createObjectNode();
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Long.parseLong(value.trim()));
            } catch (NumberFormatException httpDate) {
                return null;
            }
        }).orElse(null);
    }
}
