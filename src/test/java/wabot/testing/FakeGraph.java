package wabot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meta's Cloud API send endpoint, {@code POST /{version}/{phoneNumberId}/messages}, as a real HTTP server on
 * 127.0.0.1 and a random port. It records every request and answers like Meta: 200 with a fresh
 * {@code wamid.fake-<n>}, unless a scripted failure applies, in which case it answers with the error body from
 * {@code src/test/resources/whatsapp/graph-errors/<code>.json}.
 *
 * <p>Failures are scripted per call ({@link #failNext}, {@link #failFor}: the next calls, optionally only those
 * for one recipient) or as a standing rule ({@link #keepFailingFor}, {@link #keepFailingWithBody},
 * {@link #keepFailing}: every call for that recipient until {@link #stopFailingFor}, or for everyone). A standing
 * rule wins over the per-call script. The
 * fake can also be taken off the network and brought back on the same port ({@link #stop()}, {@link #resume()}),
 * so that the bot meets real connection errors.
 *
 * <p>Recipients are compared without a leading {@code +}, so {@code "15555550101"} and {@code "+15555550101"}
 * name the same person; a BSUID recipient is used as given. Thread-safe.
 */
public final class FakeGraph implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request as received.
     *
     * @param to            the {@code to} field, or null when the message was addressed by {@code recipient}
     * @param recipient     the {@code recipient} field (a BSUID), or null
     * @param text          {@code text.body}, or null for a non-text message
     * @param authorization the Authorization header, or null
     * @param status        the HTTP status this fake answered with
     * @param wamid         the id handed out, or null when the request was answered with an error
     * @param receivedAt    when this fake received the request (the wall clock the bot also uses)
     */
    public record Request(int seq, String version, String phoneNumberId, String to, String recipient, String text,
                          String authorization, JsonNode body, int status, String wamid, Instant receivedAt) {

        /** Whom the message was for: {@code to} without its {@code +}, else {@code recipient}. */
        public String recipientKey() {
            return to != null ? normalize(to) : recipient;
        }

        /** True when this fake accepted the message, i.e. it "reached" the person. */
        public boolean delivered() {
            return status == 200;
        }
    }

    /** A scripted error answer: the status, the body, and a {@code Retry-After} of whole seconds when not null. */
    private record Failure(String recipient, int httpStatus, byte[] body, Duration retryAfter) {}

    /** The key of a standing rule that applies to every recipient. */
    private static final String EVERYONE = "*";

    private final List<Request> requests = new ArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Map<String, Failure> standing = new LinkedHashMap<>();
    private final AtomicInteger wamids = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Duration delay = Duration.ZERO;
    private volatile Javalin server;
    private volatile int port;

    private FakeGraph() {
        server = newServer();
    }

    private Javalin newServer() {
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/{version}/{phoneNumberId}/messages", this::messages);
        });
    }

    /** Starts a fake on 127.0.0.1 and a free port. */
    public static FakeGraph start() {
        var graph = new FakeGraph();
        graph.server.start("127.0.0.1", 0);
        graph.port = graph.server.port();
        return graph;
    }

    /** The base URL to use as {@code GRAPH_API_BASE_URL}; it stays the same across {@link #stop()}/{@link #resume()}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    // ---- the network -----------------------------------------------------------------------------------------

    /** Takes the fake off the network: its connections close and new ones are refused until {@link #resume()}. */
    public synchronized FakeGraph stop() {
        server.stop();
        return this;
    }

    /** Listens again on the same port, keeping everything recorded and scripted. */
    public synchronized FakeGraph resume() {
        var next = newServer();
        next.start("127.0.0.1", port);
        server = next;
        return this;
    }

    // ---- scripting -------------------------------------------------------------------------------------------

    /** The next {@code calls} requests, whoever they are for, get error {@code code} with {@code httpStatus}. */
    public FakeGraph failNext(int calls, int code, int httpStatus) {
        return failNext(calls, code, httpStatus, null);
    }

    /** As {@link #failNext(int, int, int)}, with a {@code Retry-After} header of whole seconds when not null. */
    public FakeGraph failNext(int calls, int code, int httpStatus, Duration retryAfter) {
        return script(null, calls, code, httpStatus, retryAfter);
    }

    /** The next {@code calls} requests for {@code recipient} fail; other recipients are unaffected. */
    public FakeGraph failFor(String recipient, int calls, int code, int httpStatus, Duration retryAfter) {
        return script(normalize(recipient), calls, code, httpStatus, retryAfter);
    }

    /**
     * Every request for {@code recipient} gets error {@code code}, with a {@code Retry-After} when not null, until
     * {@link #stopFailingFor(String)}.
     */
    public synchronized FakeGraph keepFailingFor(String recipient, int code, int httpStatus, Duration retryAfter) {
        standing.put(normalize(recipient), new Failure(normalize(recipient), httpStatus, errorBody(code), retryAfter));
        return this;
    }

    /**
     * As {@link #keepFailingFor(String, int, int, Duration)}, answering {@code httpStatus} with exactly {@code body}:
     * e.g. a 500 whose body carries no Graph error code, or no JSON at all.
     */
    public synchronized FakeGraph keepFailingWithBody(String recipient, int httpStatus, String body) {
        standing.put(normalize(recipient), new Failure(normalize(recipient), httpStatus,
                body.getBytes(StandardCharsets.UTF_8), null));
        return this;
    }

    /**
     * Every request from the business number {@code phoneNumberId} to {@code recipient} ({@code null}: to anyone) gets
     * error {@code code}, with a {@code Retry-After} when not null, until {@link #stopFailingFrom}. Other numbers'
     * requests are unaffected.
     */
    public synchronized FakeGraph keepFailingFrom(String phoneNumberId, String recipient, int code, int httpStatus,
                                                  Duration retryAfter) {
        standing.put(phoneNumberId + "/" + (recipient == null ? EVERYONE : normalize(recipient)),
                new Failure(normalize(recipient), httpStatus, errorBody(code), retryAfter));
        return this;
    }

    /** Ends the rule of {@link #keepFailingFrom}. */
    public synchronized FakeGraph stopFailingFrom(String phoneNumberId, String recipient) {
        standing.remove(phoneNumberId + "/" + (recipient == null ? EVERYONE : normalize(recipient)));
        return this;
    }

    /** Every request, for anyone, gets error {@code code} from now on. */
    public synchronized FakeGraph keepFailing(int code, int httpStatus) {
        standing.put(EVERYONE, new Failure(null, httpStatus, errorBody(code), null));
        return this;
    }

    /** Ends the standing rule of {@link #keepFailingFor}; the per-call script still applies. */
    public synchronized FakeGraph stopFailingFor(String recipient) {
        standing.remove(normalize(recipient));
        return this;
    }

    private FakeGraph script(String recipient, int calls, int code, int httpStatus, Duration retryAfter) {
        return script(new Failure(recipient, httpStatus, errorBody(code), retryAfter), calls);
    }

    private synchronized FakeGraph script(Failure failure, int calls) {
        for (int i = 0; i < calls; i++) {
            failures.addLast(failure);
        }
        return this;
    }

    /** The error body of {@code code}; read now, so a missing fixture fails in the test, not in the fake. */
    private static byte[] errorBody(int code) {
        return Fixtures.bytes(Fixtures.graphError(code));
    }

    /** Answers every request only after {@code delay}, like a slow or distant Graph API; zero to stop. */
    public FakeGraph delayResponses(Duration delay) {
        this.delay = delay;
        return this;
    }

    // ---- what was received -----------------------------------------------------------------------------------

    /** Every request received so far, in arrival order, failed ones included. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The texts accepted for {@code recipient} from the business number {@code phoneNumberId}, in order. */
    public synchronized List<String> texts(String phoneNumberId, String recipient) {
        var key = normalize(recipient);
        return requests.stream().filter(r -> r.delivered() && key.equals(r.recipientKey())
                && phoneNumberId.equals(r.phoneNumberId())).map(Request::text).toList();
    }

    /** Waits until at least {@code count} texts from {@code phoneNumberId} reached {@code recipient}; returns them all. */
    public List<String> awaitMessages(String phoneNumberId, String recipient, int count) {
        return Await.value(count + " WhatsApp message(s) from " + phoneNumberId + " to " + recipient, Await.DEFAULT,
                () -> texts(phoneNumberId, recipient), texts -> texts.size() >= count);
    }

    /** Every request received for {@code recipient}, failed ones included. */
    public synchronized List<Request> requests(String recipient) {
        var key = normalize(recipient);
        return requests.stream().filter(r -> key.equals(r.recipientKey())).toList();
    }

    /** The texts accepted for {@code recipient}, in the order they arrived. */
    public synchronized List<String> texts(String recipient) {
        var key = normalize(recipient);
        return requests.stream().filter(r -> r.delivered() && key.equals(r.recipientKey()))
                .map(Request::text).toList();
    }

    /** Waits up to {@link Await#DEFAULT} for {@code count} texts to reach {@code recipient}. */
    public List<String> awaitMessages(String recipient, int count) {
        return awaitMessages(recipient, count, Await.DEFAULT);
    }

    /**
     * Waits, polling, until at least {@code count} texts reached {@code recipient}, and returns every text that
     * reached them so far (so a surplus shows up in the caller's assertions). Fails after {@code timeout}.
     */
    public List<String> awaitMessages(String recipient, int count, Duration timeout) {
        return Await.value(count + " WhatsApp message(s) to " + recipient, timeout,
                () -> texts(recipient), texts -> texts.size() >= count);
    }

    /** Forgets every recorded request, scripted failure and standing rule. */
    public synchronized void clear() {
        requests.clear();
        failures.clear();
        standing.clear();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop();
    }

    // ---- the endpoint ----------------------------------------------------------------------------------------

    private void messages(Context ctx) throws IOException, InterruptedException {
        if (!delay.isZero()) {
            closed.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyAsBytes());
        } catch (IOException notJson) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            ctx.status(400).contentType("application/json").result(Fixtures.bytes(Fixtures.graphError(100)));
            return;
        }
        var to = text(body, "to");
        var recipient = text(body, "recipient");
        var key = to != null ? normalize(to) : recipient;
        var receivedAt = Instant.now();
        Failure failure;
        String wamid = null;
        synchronized (this) {
            failure = takeFailure(ctx.pathParam("phoneNumberId"), key);
            if (failure == null) {
                wamid = "wamid.fake-" + wamids.incrementAndGet();
            }
            requests.add(new Request(requests.size() + 1, ctx.pathParam("version"), ctx.pathParam("phoneNumberId"),
                    to, recipient, text(body.path("text"), "body"), ctx.header("Authorization"), body,
                    failure == null ? 200 : failure.httpStatus(), wamid, receivedAt));
        }
        if (failure != null) {
            if (failure.retryAfter() != null) {
                ctx.header("Retry-After", Long.toString(failure.retryAfter().toSeconds()));
            }
            ctx.status(failure.httpStatus()).contentType("application/json").result(failure.body());
            return;
        }
        var reply = JSON.createObjectNode().put("messaging_product", "whatsapp");
        var contact = reply.putArray("contacts").addObject();
        if (to != null) {
            contact.put("input", to).put("wa_id", normalize(to));
        } else {
            contact.put("input", recipient).put("user_id", recipient);
        }
        reply.putArray("messages").addObject().put("id", wamid);
        ctx.status(200).contentType("application/json").result(JSON.writeValueAsBytes(reply));
    }

    /** The standing rule for {@code key}, else the first scripted failure that applies to it, removed from the script. */
    private Failure takeFailure(String phoneNumberId, String key) {
        var rule = standing.containsKey(phoneNumberId + "/" + key) ? standing.get(phoneNumberId + "/" + key)
                : standing.containsKey(phoneNumberId + "/" + EVERYONE) ? standing.get(phoneNumberId + "/" + EVERYONE)
                : standing.containsKey(key) ? standing.get(key) : standing.get(EVERYONE);
        if (rule != null) {
            return rule;
        }
        var it = failures.iterator();
        while (it.hasNext()) {
            var failure = it.next();
            if (failure.recipient() == null || failure.recipient().equals(key)) {
                it.remove();
                return failure;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String normalize(String recipient) {
        return recipient != null && recipient.startsWith("+") ? recipient.substring(1) : recipient;
    }
}
