package wabot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;

/** An HTTP response from the bot under test: status, body as text, headers. */
public record HttpResult(int status, String body, HttpHeaders headers) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body parsed as JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (HTTP " + status + "): " + body, e);
        }
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + body;
    }
}
