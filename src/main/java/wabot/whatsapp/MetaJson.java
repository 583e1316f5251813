package wabot.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * JSON as Meta puts it on the wire, and signs it: compact, every non-ASCII character escaped as a lower-case
 * {@code \\uXXXX} (a surrogate pair for an emoji), and {@code /} escaped as {@code \\/}. Outside strings JSON has
 * neither, so escaping the whole text character by character escapes exactly the strings.
 */
public final class MetaJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetaJson() {}

    public static byte[] bytes(JsonNode node) {
        String plain;
        try {
            plain = JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var out = new StringBuilder(plain.length() + 16);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == '/') {
                out.append("\\/");
            } else if (c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
