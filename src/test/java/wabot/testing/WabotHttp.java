package wabot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Talks to running wabot servers the way Meta and an operator do: webhook POSTs shaped like the payload
 * corpus, and the JSON admin view of a session.
 */
public final class WabotHttp {
    /** The webhook payload fixtures. */
    public static final Path PAYLOADS = Fixtures.PAYLOADS;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonNode textTemplate;

    public WabotHttp() {
        try {
            textTemplate = json.readTree(Files.readString(PAYLOADS.resolve("text.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PAYLOADS.toAbsolutePath().normalize(), e);
        }
    }

    /** A webhook body like {@code text.json}, carrying one text message from {@code phone}. */
    public String textWebhook(String messageId, String phone, String name, String text) {
        var body = textTemplate.deepCopy();
        var value = (ObjectNode) body.at("/entry/0/changes/0/value");
        var contact = (ObjectNode) value.at("/contacts/0");
        contact.put("wa_id", phone);
        ((ObjectNode) contact.get("profile")).put("name", name);
        var message = (ObjectNode) value.at("/messages/0");
        message.put("from", phone);
        message.put("id", messageId);
        message.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
        ((ObjectNode) message.get("text")).put("body", text);
        return body.toString();
    }

    public CompletableFuture<HttpResponse<String>> postWebhookAsync(int port, String body) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a webhook and insists on Meta's 200. */
    public void postWebhook(int port, String body) {
        var response = postWebhookAsync(port, body).join();
        if (response.statusCode() != 200) {
            throw new AssertionError("webhook answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** {@code GET /sessions/{phone}} as JSON, or null when there is no session yet. */
    public JsonNode session(int port, String phone) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sessions/" + phone))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /sessions/" + phone + " answered " + response.statusCode());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls the session until {@code done} holds, and returns it; fails with the last view after the timeout. */
    public JsonNode awaitSession(int port, String phone, Duration timeout, Predicate<JsonNode> done) {
        var deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = session(port, phone);
            if (last != null && done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the session of " + phone + " did not settle within " + timeout + "; last view:\n"
                + (last == null ? "none" : last.toPrettyString()));
    }

    /** True when every stored message is processed and every reply has left the outbox. */
    public static boolean settled(JsonNode session) {
        for (var message : session.get("messages")) {
            if (!"done".equals(message.get("status").asText())) {
                return false;
            }
        }
        for (var reply : session.get("replies")) {
            if ("pending".equals(reply.get("status").asText())) {
                return false;
            }
        }
        for (var submission : session.get("submissions")) {
            if ("pending".equals(submission.get("status").asText())) {
                return false;
            }
        }
        return true;
    }
}
