package wabot.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.nio.charset.StandardCharsets;

/**
 * How one fuzz input becomes one webhook body, so that a single fuzz target (one JVM, one libFuzzer campaign)
 * covers both kinds of body: an input whose first byte is {@link #STRUCTURED} drives the {@link JsonMutator}
 * over the payloads; any other input is the body itself, byte for byte. The raw seeds are therefore
 * plain copies of the payloads, and the structure-aware seeds are 0x01 followed by arbitrary bytes.
 * 0x01 starts no JSON text in any encoding Jackson detects, so no raw case is lost.
 */
public final class FuzzInput {
    public static final byte STRUCTURED = 0x01;

    private FuzzInput() {}

    public static Body body(FuzzedDataProvider data, JsonMutator mutator) {
        // FuzzedDataProvider hands out byte arrays from the front of the input, numbers from the back.
        byte[] head = data.consumeBytes(1);
        if (head.length == 1 && head[0] == STRUCTURED) {
            return new Body(mutator.mutate(Payloads.trees(), data), true);
        }
        byte[] rest = data.consumeRemainingAsBytes();
        byte[] body = new byte[head.length + rest.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(rest, 0, body, head.length, rest.length);
        return new Body(body, false);
    }

    /** A body and whether the mutator made it. */
    public record Body(byte[] bytes, boolean structured) {
        /** The body for a failure message: its kind, its size and its first 2000 characters, escaped. */
        public String describe() {
            return (structured ? "structure-aware" : "raw") + " body of " + bytes.length + " bytes: "
                    + FuzzInput.describe(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** Text for a failure message: at most 2000 characters, with controls but newline and non-ASCII escaped. */
    public static String describe(String text) {
        var sb = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), 2000); i++) {
            char c = text.charAt(i);
            sb.append(c == '\n' || c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return text.length() > 2000 ? sb + "..." : sb.toString();
    }
}
