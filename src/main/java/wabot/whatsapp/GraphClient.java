package wabot.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import wabot.conversation.Reply;

/**
 * Sends messages through the Cloud API, {@code POST /<version>/<phone-number-id>/messages}: a text, or a text
 * with reply buttons or a list (PROTOCOL (e)). The choices arrive within WhatsApp's limits; each field is cut to
 * its limit once more here all the same, because a field over it makes Meta refuse the whole message.
 *
 * <p>It sends with Jetty's non-blocking client rather than the JDK's: a send parks no thread, and the answer is
 * read on the client's own thread, which cost about a third of the JDK client's CPU per send (README, Performance).
 */
public final class GraphClient implements Messenger {
    private static final Pattern PHONE = Pattern.compile("\\d{4,20}");
    /** Meta's answers are a few hundred bytes; an error page larger than this is cut, not buffered whole. */
    private static final int MAX_ANSWER = 256 * 1024;
    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    /** @param http shared by every number's client: each has its own endpoint and token, not its own connections */
    public GraphClient(GraphHttp http, String baseUrl, String version, String phoneNumberId, String token,
                       Duration timeout) {
        this.http = http.client();
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/" + version + "/" + phoneNumberId + "/messages");
        this.authorization = "Bearer " + token;
        this.timeout = timeout;
    }

    @Override
    public String send(String recipient, Reply reply, String reference) throws GraphError, IOException {
        try {
            return sendAsync(recipient, reply, reference).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof GraphError graph) {
                throw graph;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    @Override
    public CompletableFuture<String> sendAsync(String recipient, Reply reply, String reference) {
        var answer = new CompletableFuture<String>();
        byte[] body;
        try {
            body = json.writeValueAsBytes(body(recipient, reply, reference));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        http.newRequest(endpoint)
                .method(HttpMethod.POST)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .headers(h -> h.put(HttpHeader.AUTHORIZATION, authorization))
                .body(new BytesRequestContent("application/json", body))
                .send(new BufferingResponseListener(MAX_ANSWER) {
                    @Override
                    public void onComplete(Result result) {
                        if (result.isFailed() && result.getResponse().getStatus() <= 0) {
                            var failure = result.getFailure();
                            answer.completeExceptionally(failure instanceof IOException io ? io
                                    : new IOException(failure.toString(), failure));
                            return;
                        }
                        try {
                            answer.complete(wamid(result.getResponse().getStatus(), getContent(),
                                    result.getResponse().getHeaders().get(HttpHeader.RETRY_AFTER)));
                        } catch (GraphError e) {
                            answer.completeExceptionally(e);
                        }
                    }
                });
        return answer;
    }

    private String wamid(int status, byte[] content, String retryAfter) throws GraphError {
        JsonNode answer = readOrEmpty(content);
        if (status == 200) {
            var wamid = answer.path("messages").path(0).path("id").asText(null);
            if (wamid != null) {
                return wamid;
            }
        }
        var error = answer.path("error");
        var detail = error.path("error_data").path("details").asText(error.path("message").asText("no error body"));
        throw new GraphError(status, error.path("code").asInt(0), detail, retryAfter(retryAfter));
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
            var node = body == null || body.length == 0 ? null : json.readTree(body);
            return node == null ? json.createObjectNode() : node;
        } catch (IOException notJson) {
            return json.createObjectNode();
        }
    }

    private static Duration retryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException httpDate) {
            return null;
        }
    }
}
