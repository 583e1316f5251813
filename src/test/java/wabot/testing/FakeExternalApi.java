package wabot.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The business's API as a real HTTP server on 127.0.0.1 and a random port. Every POST is recorded with its parsed
 * JSON body and {@code Idempotency-Key}. Answers come, in this order of precedence, from the queue filled with
 * {@link #enqueue}, from the function given to {@link #respondWith}, or else {@link Response#DEFAULT}.
 *
 * <p>It holds both sides to the contract, {@code docs/openapi.yaml} ({@link Contract}): every POST wabot makes, and
 * every reply built with {@link Response#ok}, {@link Response#finish} or {@link Response#proceed} (a reply meant to
 * be valid; {@link Response#json} is for replies that break the contract on purpose). {@link #close()} fails with
 * whatever broke it, so every test that talks to this fake checks the contract as it goes.
 *
 * <p>A response may be delayed, or held until {@link #release()}, to keep a conversation in
 * {@code PROCESSING_API} or to make the bot's call time out. Closing the fake lets every waiting response go.
 * {@link #stop()} and {@link #resume()} take it off the network and back, on the same port, for connection errors.
 * Thread-safe.
 */
public final class FakeExternalApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_HOLD = Duration.ofSeconds(60);
    public static final String PATH = "/submissions";

    /**
     * One POST as received.
     *
     * @param body           the parsed JSON body, or null when it was not JSON
     * @param idempotencyKey the {@code Idempotency-Key} header, or null
     * @param query          the query string of the URL posted to, or null
     */
    public record Call(int seq, JsonNode body, String rawBody, String idempotencyKey, String contentType,
                       String query) {

        /** {@code user_phone} of the body, or null. */
        public String userPhone() {
            return body == null ? null : body.path("user_phone").asText(null);
        }

        /** The {@code answers} object as question id to value, in the order posted. */
        public Map<String, String> answers() {
            var answers = new LinkedHashMap<String, String>();
            if (body != null) {
                body.path("answers").properties().forEach(e -> answers.put(e.getKey(), e.getValue().asText()));
            }
            return answers;
        }
    }

    /**
     * What to answer one call with.
     *
     * @param delay how long to wait before answering; zero for at once
     * @param holdUntilReleased wait until {@link #release()} (at most a minute) before answering
     */
    public record Response(int status, String body, Duration delay, boolean holdUntilReleased, boolean valid) {
        /** The default reply: end the conversation with "Listo". */
        public static final Response DEFAULT = finish("Listo");

        public Response {
            Objects.requireNonNull(delay, "delay");
        }

        /**
         * Answers {@code status} with {@code body} as JSON, exactly as given: the body need not be valid JSON, nor a
         * reply the contract allows.
         */
        public static Response json(int status, String body) {
            return new Response(status, body, Duration.ZERO, false, false);
        }

        /** 200 with {@code value} serialized as JSON (maps, lists...): a reply the contract must allow. */
        public static Response ok(Object value) {
            try {
                return new Response(200, JSON.writeValueAsString(value), Duration.ZERO, false, true);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        /** {@code {"continue_conversation": false, "final_message": finalMessage}}. */
        public static Response finish(String finalMessage) {
            var body = new LinkedHashMap<String, Object>();
            body.put("continue_conversation", false);
            body.put("final_message", finalMessage);
            return ok(body);
        }

        /** {@code {"continue_conversation": true, "message": ..., "additional_questions": [...]}}; see {@link #question}. */
        @SafeVarargs
        public static Response proceed(String message, Map<String, Object>... questions) {
            var body = new LinkedHashMap<String, Object>();
            body.put("continue_conversation", true);
            body.put("message", message);
            body.put("additional_questions", Arrays.asList(questions));
            return ok(body);
        }

        /** One entry of {@code additional_questions}. */
        public static Map<String, Object> question(String id, String text, boolean required) {
            var question = new LinkedHashMap<String, Object>();
            question.put("id", id);
            question.put("text", text);
            question.put("required", required);
            return question;
        }

        public Response delayed(Duration by) {
            return new Response(status, body, by, holdUntilReleased, valid);
        }

        /** This response, answered only once {@link FakeExternalApi#release()} is called. */
        public Response held() {
            return new Response(status, body, delay, true, valid);
        }
    }

    private final List<Call> calls = new ArrayList<>();
    /** Where wabot's POSTs or this fake's valid replies broke the contract, to report at {@link #close()}. */
    private final List<String> breaches = new ArrayList<>();
    private final Deque<Response> queue = new ArrayDeque<>();
    private volatile Function<Call, Response> responder = call -> Response.DEFAULT;
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Javalin server;
    private volatile int port;

    private FakeExternalApi() {
        server = newServer();
    }

    private Javalin newServer() {
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post(PATH, this::receive);
        });
    }

    /** Starts a fake on 127.0.0.1 and a free port. */
    public static FakeExternalApi start() {
        var api = new FakeExternalApi();
        api.server.start("127.0.0.1", 0);
        api.port = api.server.port();
        return api;
    }

    /** The URL to use as {@code EXTERNAL_API_URL}; it stays the same across {@link #stop()}/{@link #resume()}. */
    public String url() {
        return "http://127.0.0.1:" + port + PATH;
    }

    // ---- the network -----------------------------------------------------------------------------------------

    /** Takes the API off the network: connections are refused until {@link #resume()}. Nothing is recorded meanwhile. */
    public synchronized FakeExternalApi stop() {
        server.stop();
        return this;
    }

    /** Listens again on the same port, keeping everything recorded and queued. */
    public synchronized FakeExternalApi resume() {
        var next = newServer();
        next.start("127.0.0.1", port);
        server = next;
        return this;
    }

    // ---- scripting -------------------------------------------------------------------------------------------

    /** The next calls are answered with these, in order, before the responder function is consulted. */
    public synchronized FakeExternalApi enqueue(Response... responses) {
        queue.addAll(Arrays.asList(responses));
        return this;
    }

    /** Answers every call the queue does not cover; for example, by {@link Call#userPhone()}. */
    public FakeExternalApi respondWith(Function<Call, Response> responder) {
        this.responder = Objects.requireNonNull(responder);
        return this;
    }

    /** Lets every held response go, now and from now on. */
    public void release() {
        released.countDown();
    }

    // ---- what was received -----------------------------------------------------------------------------------

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls whose body's {@code user_phone} is {@code userPhone} (with its {@code +}). */
    public synchronized List<Call> calls(String userPhone) {
        return calls.stream().filter(c -> userPhone.equals(c.userPhone())).toList();
    }

    /** Waits until at least {@code count} calls arrived, and returns all of them. */
    public List<Call> awaitCalls(int count) {
        return Await.value(count + " call(s) to the external API", this::calls, c -> c.size() >= count);
    }

    /** Waits until at least {@code count} calls for {@code userPhone} arrived, and returns all of them. */
    public List<Call> awaitCalls(String userPhone, int count) {
        return Await.value(count + " call(s) to the external API for " + userPhone,
                () -> calls(userPhone), c -> c.size() >= count);
    }

    /** Where the POSTs received so far, and the valid replies given, broke the contract; empty when nothing did. */
    public synchronized List<String> breaches() {
        return List.copyOf(breaches);
    }

    /** Stops the fake, and fails if a POST it received or a valid reply it gave broke the contract. */
    @Override
    public void close() {
        closed.countDown();
        released.countDown();
        server.stop();
        var found = breaches();
        if (!found.isEmpty()) {
            throw new AssertionError("the business API's traffic broke docs/openapi.yaml:\n" + String.join("\n", found));
        }
    }

    // ---- the endpoint ----------------------------------------------------------------------------------------

    private void receive(Context ctx) throws InterruptedException {
        var raw = ctx.body();
        JsonNode body;
        try {
            body = JSON.readTree(raw);
        } catch (IOException notJson) {
            body = null;
        }
        Call call;
        Response response;
        synchronized (this) {
            call = new Call(calls.size() + 1, body, raw, ctx.header("Idempotency-Key"), ctx.header("Content-Type"),
                    ctx.queryString());
            calls.add(call);
            response = queue.pollFirst();
            for (var problem : Contract.get().submission(call.contentType(), call.idempotencyKey(), raw)) {
                breaches.add("POST #" + call.seq() + " from wabot: " + problem);
            }
        }
        if (response == null) {
            response = responder.apply(call);
        }
        if (response.valid() && response.status() / 100 == 2) {
            var problems = Contract.get().reply(response.body());
            synchronized (this) {
                problems.forEach(problem -> breaches.add("the reply to POST #" + call.seq() + ": " + problem));
            }
        }
        if (response.holdUntilReleased()) {
            released.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!response.delay().isZero()) {
            closed.await(response.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
        ctx.status(response.status()).contentType("application/json").result(response.body());
    }
}
