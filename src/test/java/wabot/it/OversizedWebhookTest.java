package wabot.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.StoredRows;
import wabot.testing.Webhooks;

/**
 * A webhook body over {@code WEBHOOK_MAX_BYTES} gets 413 without being read whole. The requests here are written
 * on a raw socket: the body is started and then withheld, so a server that waited for all of it would never
 * answer, and the socket's read timeout would fail the test.
 */
class OversizedWebhookTest {
    private static final String ANA = Webhooks.USER_A;
    private static final int SMALL_LIMIT = 64 * 1024;
    private static final int DEFAULT_LIMIT = 3 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void declaredLengthOverTheLimitIsRefusedBeforeTheBodyArrives() throws IOException {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML)
                .env("WEBHOOK_MAX_BYTES", Integer.toString(SMALL_LIMIT)).start()) {
            var prefix = Arrays.copyOf(Webhooks.text(ANA, Webhooks.newWamid(), "Hola"), 1000);

            int status = exchangeRaw(h, "Content-Length: " + (1L << 30), out -> out.write(prefix));

            assertThat(status).isEqualTo(413);
            assertNothingStoredAndStillServing(h);
        }
    }

    @Test
    void chunkedBodyIsCutOffOnceItPassesTheLimit() throws IOException {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML)
                .env("WEBHOOK_MAX_BYTES", Integer.toString(SMALL_LIMIT)).start()) {
            int status = exchangeRaw(h, "Transfer-Encoding: chunked", out -> writeChunks(out, SMALL_LIMIT + 32 * 1024));

            assertThat(status).isEqualTo(413);
            assertNothingStoredAndStillServing(h);
        }
    }

    /** The default admits Meta's 3 MB batches: exactly 3 MiB passes, one byte more does not. */
    @Test
    void defaultLimitIsThreeMebibytesToTheByte() throws IOException {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            assertThat(h.config().webhookMaxBytes()).isEqualTo(DEFAULT_LIMIT);

            var tooLarge = paddedTextWebhook(DEFAULT_LIMIT + 1);
            assertThat(exchangeRaw(h, "Content-Length: " + tooLarge.length, out -> out.write(tooLarge))).isEqualTo(413);
            assertThat(exchangeRaw(h, "Content-Length: " + (DEFAULT_LIMIT + 1), out -> out.write(tooLarge, 0, 4096)))
                    .as("a declared length one byte over, body withheld").isEqualTo(413);
            assertThat(exchangeRaw(h, "Transfer-Encoding: chunked", out -> writeChunks(out, DEFAULT_LIMIT + 64 * 1024)))
                    .isEqualTo(413);
            assertThat(StoredRows.count(h.database(), "inbox", null)).isZero();

            var atTheLimit = paddedTextWebhook(DEFAULT_LIMIT);
            assertThat(h.post(atTheLimit).status()).isEqualTo(200);
            assertThat(h.graph().awaitMessages(ANA, 1)).containsExactly(h.prompt("name"));
        }
    }

    private static void assertNothingStoredAndStillServing(Harness h) {
        assertThat(StoredRows.count(h.database(), "inbox", null)).isZero();
        assertThat(h.findSession(ANA)).isEmpty();
        assertThat(h.exchange(ANA, "Hola", 1)).containsExactly(h.prompt("name"));
        assertThat(h.get("/health").json().path("status").asText()).isEqualTo("ok");
    }

    /** A text webhook from Ana padded, with an unknown field of several strings, to exactly {@code size} bytes. */
    private static byte[] paddedTextWebhook(int size) {
        var root = Webhooks.parse("text.json");
        ((ObjectNode) root.path("entry").path(0).path("changes").path(0).path("value").path("messages").path(0))
                .put("id", Webhooks.newWamid());
        var padding = root.putArray("padding");
        // Strings stay under the parser's 1 MiB limit on one string.
        while (size - Webhooks.bytes(root).length > 900_010) {
            padding.add("x".repeat(900_000));
        }
        padding.add("");
        padding.set(padding.size() - 1, padding.textNode("x".repeat(size - Webhooks.bytes(root).length)));
        var body = Webhooks.bytes(root);
        assertThat(body.length).isEqualTo(size);
        return body;
    }

    private static void writeChunks(OutputStream out, int total) throws IOException {
        var chunk = new byte[8192];
        Arrays.fill(chunk, (byte) ' ');
        chunk[0] = '{';
        for (int sent = 0; sent < total; sent += chunk.length) {
            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(US_ASCII));
            chunk[0] = ' ';
        }
        out.flush();
        // No terminating chunk: the rest of the body "is still coming".
    }

    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * POSTs to {@code /webhook} on a raw socket with one framing header, writes the body from another thread and
     * returns the status of the response, which must come while the socket is still open.
     */
    private static int exchangeRaw(Harness h, String framing, BodyWriter body) throws IOException {
        try (var socket = new Socket("127.0.0.1", h.port())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + framing + "\r\n\r\n").getBytes(US_ASCII));
            out.flush();
            var writer = new Thread(() -> {
                try {
                    body.write(out);
                } catch (IOException refused) {
                    // the server may close the connection while the body is still being written
                }
            }, "raw-body-writer");
            writer.setDaemon(true);
            writer.start();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
            String statusLine;
            try {
                statusLine = in.readLine();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no response while the body was incomplete: the server waited for all of it");
            }
            assertThat(statusLine).as("status line").isNotNull().startsWith("HTTP/1.1 ");
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
