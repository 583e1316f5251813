package wabotbench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The fake Graph API ({@code POST /<version>/<phone-number-id>/messages}) and the fake business API
 * ({@code POST /api}), on one Jetty 12 server bound to 127.0.0.1. Handlers are non-blocking: they read the small
 * body chunk by chunk with demand callbacks, answer from the selector thread, and never park a thread. Accepted
 * sockets get TCP_NODELAY.
 */
final class Fakes implements AutoCloseable {
    /** Whoever is measuring: told of every reply that reaches the fake Graph API. */
    interface Listener {
        void onReply(long userNumber, boolean isFinal, long nanos);
    }

    static final String FINAL_MARKER = "bench-final";
    private static final byte[] API_REPLY = ("{\"continue_conversation\":false,\"final_message\":\""
            + FINAL_MARKER + ": ¡Gracias! Hemos recibido tus respuestas.\"}").getBytes(StandardCharsets.UTF_8);
    private static final Listener NOBODY = (user, isFinal, nanos) -> {};

    private final Server server;
    private final ServerConnector connector;
    private final String runId = Long.toString(System.nanoTime() & 0xffffffffL, 36);
    private final AtomicLong wamids = new AtomicLong();
    final AtomicLong graphCalls = new AtomicLong();
    final AtomicLong apiCalls = new AtomicLong();
    final AtomicLong badCalls = new AtomicLong();
    private final Set<String> idempotencyKeys = ConcurrentHashMap.newKeySet();
    private volatile Listener listener = NOBODY;
    private volatile long apiDelayMs;

    Fakes(int port) throws Exception {
        var threads = new QueuedThreadPool(16, 4);
        threads.setName("fake");
        server = new Server(threads);
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptedTcpNoDelay(true);
        connector.setAcceptQueueSize(1024);
        connector.setIdleTimeout(120_000);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!"POST".equals(request.getMethod())) {
                    return false;
                }
                var path = request.getHttpURI().getPath();
                if (path.endsWith("/messages")) {
                    new BodyReader(request, body -> graph(body, response, callback)).run();
                    return true;
                }
                if (path.equals("/api")) {
                    var key = request.getHeaders().get("Idempotency-Key");
                    new BodyReader(request, body -> api(key, response, callback)).run();
                    return true;
                }
                return false;
            }
        });
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    void listen(Listener listener) {
        this.listener = listener == null ? NOBODY : listener;
    }

    void apiDelayMs(long ms) {
        this.apiDelayMs = ms;
    }

    /** Distinct submissions the fake API has seen (each owes the user one final message). */
    long submissions() {
        return idempotencyKeys.size();
    }

    void resetCounts() {
        graphCalls.set(0);
        apiCalls.set(0);
        badCalls.set(0);
        idempotencyKeys.clear();
    }

    private void graph(byte[] body, Response response, Callback callback) {
        long now = System.nanoTime();
        graphCalls.incrementAndGet();
        // Wabot's GraphClient writes compact Jackson JSON: "to":"+<digits>" and "text":{...,"body":"..."}.
        long user = digitsAfter(body, "\"to\"");
        int text = indexOf(body, "\"body\":\"".getBytes(StandardCharsets.US_ASCII), 0);
        if (user < 0 || text < 0) {
            badCalls.incrementAndGet();
            respond(response, callback, 400, "{\"error\":{\"code\":100,\"message\":\"bench: no to/body\"}}"
                    .getBytes(StandardCharsets.US_ASCII));
            return;
        }
        boolean isFinal = startsWith(body, text + 8, FINAL_MARKER);
        var wamid = "wamid.BENCH" + runId + "." + wamids.incrementAndGet();
        var reply = ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+" + user + "\",\"wa_id\":\"" + user
                + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}").getBytes(StandardCharsets.US_ASCII);
        respond(response, callback, 200, reply);
        listener.onReply(user, isFinal, now);
    }

    private void api(String key, Response response, Callback callback) {
        apiCalls.incrementAndGet();
        if (key != null) {
            idempotencyKeys.add(key);
        }
        long delay = apiDelayMs;
        if (delay > 0) {
            server.getScheduler().schedule(() -> respond(response, callback, 200, API_REPLY), delay, TimeUnit.MILLISECONDS);
        } else {
            respond(response, callback, 200, API_REPLY);
        }
    }

    private static void respond(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static long digitsAfter(byte[] body, String key) {
        int i = indexOf(body, key.getBytes(StandardCharsets.US_ASCII), 0);
        if (i < 0) {
            return -1;
        }
        i += key.length();
        while (i < body.length && (body[i] < '0' || body[i] > '9')) {
            if (body[i] == ',' || body[i] == '}') {
                return -1;
            }
            i++;
        }
        long n = 0;
        int digits = 0;
        while (i < body.length && body[i] >= '0' && body[i] <= '9' && digits < 18) {
            n = n * 10 + (body[i++] - '0');
            digits++;
        }
        return digits == 0 ? -1 : n;
    }

    private static boolean startsWith(byte[] body, int at, String prefix) {
        if (at + prefix.length() > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (body[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
