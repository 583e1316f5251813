package wabot.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import wabot.Config;
import wabot.Wabot;
import wabot.conversation.Flow;
import wabot.flow.FlowLoader;
import wabot.flow.NumbersLoader;
import wabot.numbers.BusinessNumbers;
import java.nio.file.Files;

/**
 * The real wabot, started in-process on a random port against a SQLite file in a test's folder, a
 * {@link FakeGraph} and a {@link FakeExternalApi}. Everything goes through HTTP, as in production: webhooks in,
 * Graph calls and business API calls out, and the debug endpoints to read the stored state.
 *
 * <pre>{@code
 * try (var h = Harness.builder(tempDir).flowYaml(Flows.SHORT_YAML).env("ADMIN_TOKEN", "t").start()) {
 *     h.deliver(Webhooks.text(Webhooks.USER_A, Webhooks.newWamid(), "hola"));
 *     h.graph().awaitMessages(Webhooks.USER_A, 1);
 * }
 * }</pre>
 *
 * <p>Defaults: {@code PORT=0}, {@code DATABASE_URL=jdbc:sqlite:<dir>/wabot.db}, Graph and business API pointed at
 * the fakes, a WhatsApp token and phone number id set (so nothing is dry-run), {@code VERIFY_TOKEN} set,
 * {@code POLL_INTERVAL=100ms}, {@code EXTERNAL_API_MAX_ATTEMPTS=2}; no {@code APP_SECRET} and no
 * {@code ADMIN_TOKEN}. The builder overrides or removes any of them.
 */
public final class Harness implements AutoCloseable {
    public static final String WHATSAPP_TOKEN = "test-whatsapp-token-not-real";
    public static final String PHONE_NUMBER_ID = "200000000000002";
    public static final String VERIFY_TOKEN = "test-verify-token-not-real";

    private final Path directory;
    private final Flow flow;
    private final Map<String, String> env;
    private final Config config;
    private final BusinessNumbers numbers;
    private final FakeGraph graph;
    private final FakeExternalApi api;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Wabot wabot;
    /** Where wabot's operator endpoints answered otherwise than the contract says, to report at {@link #close()}. */
    private final List<String> breaches = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Harness(Path directory, Flow flow, Map<String, String> env, FakeGraph graph, FakeExternalApi api) {
        this.directory = directory;
        this.flow = flow;
        this.env = Map.copyOf(env);
        this.graph = graph;
        this.api = api;
        this.config = Config.from(this.env);
        // As the service reads them: the numbers file with each number's flow, or the single number with this flow.
        this.numbers = config.numbersFile() == null ? BusinessNumbers.single(config, flow)
                : NumbersLoader.load(config.numbersFile(), this.env,
                        new NumbersLoader.Defaults(config.externalApiUrl(), config.sendRatePerSecond()));
        this.wabot = Wabot.start(config, numbers);
    }

    /** A harness whose database lives in {@code directory} (a JUnit {@code @TempDir}). */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** The bundled flow with every default. */
    public static Harness start(Path directory) {
        return builder(directory).start();
    }

    /** Chooses the flow and the settings before start. */
    public static final class Builder {
        private final Path directory;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final Map<String, String> files = new LinkedHashMap<>();
        private String numbersYaml;
        private Flow flow = FlowLoader.bundled();

        private Builder(Path directory) {
            this.directory = directory;
        }

        public Builder flow(Flow flow) {
            this.flow = flow;
            return this;
        }

        /** A flow from YAML text, in the schema of FLOW_FILE. */
        public Builder flowYaml(String yaml) {
            return flow(FlowLoader.parse(yaml, "test-flow.yaml"));
        }

        /** Sets a variable, replacing the harness default. */
        public Builder env(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        /** Leaves a variable unset, e.g. {@code without("WHATSAPP_TOKEN")} for dry-run. */
        public Builder without(String name) {
            overrides.put(name, null);
            return this;
        }

        /** Writes a file (a flow, say) into the test's folder before start, where a numbers file finds it. */
        public Builder file(String name, String content) {
            files.put(name, content);
            return this;
        }

        /**
         * Serves the numbers of this {@code NUMBERS_FILE} (written as {@code numbers.yaml} beside the files of
         * {@link #file}) instead of the single {@code PHONE_NUMBER_ID}, which is left unset.
         */
        public Builder numbersYaml(String yaml) {
            numbersYaml = yaml;
            return this;
        }

        public Harness start() {
            var graph = FakeGraph.start();
            FakeExternalApi api = null;
            try {
                api = FakeExternalApi.start();
                var env = new HashMap<String, String>();
                env.put("PORT", "0");
                env.put("DATABASE_URL", "jdbc:sqlite:" + directory.resolve("wabot.db").toAbsolutePath());
                env.put("GRAPH_API_BASE_URL", graph.url());
                env.put("WHATSAPP_TOKEN", WHATSAPP_TOKEN);
                env.put("PHONE_NUMBER_ID", PHONE_NUMBER_ID);
                env.put("VERIFY_TOKEN", VERIFY_TOKEN);
                env.put("EXTERNAL_API_URL", api.url());
                env.put("POLL_INTERVAL", "100ms");
                env.put("EXTERNAL_API_MAX_ATTEMPTS", "2");
                env.put("EXTERNAL_API_TIMEOUT", "5s");
                for (var file : files.entrySet()) {
                    Files.writeString(directory.resolve(file.getKey()), file.getValue());
                }
                if (numbersYaml != null) {
                    Files.writeString(directory.resolve("numbers.yaml"), numbersYaml);
                    env.put("NUMBERS_FILE", directory.resolve("numbers.yaml").toString());
                    env.remove("PHONE_NUMBER_ID");
                }
                env.putAll(overrides);
                env.values().removeIf(Objects::isNull);
                return new Harness(directory, flow, env, graph, api);
            } catch (RuntimeException | IOException e) {
                graph.close();
                if (api != null) {
                    api.close();
                }
                throw e instanceof RuntimeException r ? r : new java.io.UncheckedIOException((IOException) e);
            }
        }
    }

    // ---- what the test talks to ------------------------------------------------------------------------------

    public FakeGraph graph() {
        return graph;
    }

    public FakeExternalApi api() {
        return api;
    }

    public Flow flow() {
        return flow;
    }

    /** The numbers served: the numbers file's, or the single number of the settings. */
    public BusinessNumbers numbers() {
        return numbers;
    }

    /** The running wabot, for what HTTP does not reach (its simulators). */
    public Wabot wabot() {
        return wabot;
    }

    /** The settings the bot was started with (the same across restarts). */
    public Map<String, String> env() {
        return env;
    }

    public Config config() {
        return config;
    }

    /** The SQLite file, kept across {@link #restart()}. */
    public Path database() {
        return directory.resolve("wabot.db");
    }

    /** The port the bot listens on now; it changes on restart. */
    public int port() {
        return wabot.port();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** The text the bot sends to ask a question of its flow. */
    public String prompt(String questionId) {
        return Flows.prompt(flow, questionId);
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    /**
     * POSTs a webhook body to {@code /webhook}, signed with {@code X-Hub-Signature-256} when {@code APP_SECRET} is
     * set, like Meta would.
     */
    public HttpResult post(byte[] body) {
        var headers = new LinkedHashMap<String, String>();
        var secret = env.get("APP_SECRET");
        if (secret != null) {
            headers.put("X-Hub-Signature-256", sign(secret, body));
        }
        return post(body, headers);
    }

    /** POSTs a body to {@code /webhook} with exactly these headers (plus a JSON Content-Type unless given). */
    public HttpResult post(byte[] body, Map<String, String> headers) {
        return post("/webhook", body, headers);
    }

    /** POSTs a body to any path with exactly these headers (plus a JSON Content-Type unless given). */
    public HttpResult post(String path, byte[] body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    /** {@link #post(byte[])} and assert that the bot acknowledged it with 200. */
    public HttpResult deliver(byte[] body) {
        var result = post(body);
        if (result.status() != 200) {
            throw new AssertionError("the webhook was not acknowledged: " + result);
        }
        return result;
    }

    public HttpResult get(String pathAndQuery) {
        return get(pathAndQuery, Map.of());
    }

    public HttpResult get(String pathAndQuery, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** GETs a debug endpoint, with the admin token when {@code ADMIN_TOKEN} is set. */
    public HttpResult admin(String pathAndQuery) {
        var token = env.get("ADMIN_TOKEN");
        return get(pathAndQuery, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    /** URL-encodes a query parameter value. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- conversations ---------------------------------------------------------------------------------------

    /** Delivers a text from {@code from} under a fresh message id, and returns the message as sent. */
    public ObjectNode say(String from, String text) {
        var message = Webhooks.textMessage(from, Webhooks.newWamid(), text);
        deliver(Webhooks.single(message));
        return message;
    }

    /**
     * Delivers {@code body} and waits until {@code replies} more texts reached {@code to}; returns just those new
     * texts. Call it once earlier replies have arrived, or they are counted as new.
     */
    public List<String> exchange(String to, byte[] body, int replies) {
        int before = graph.texts(to).size();
        deliver(body);
        var texts = graph.awaitMessages(to, before + replies);
        return texts.subList(before, texts.size());
    }

    /** {@link #exchange(String, byte[], int)} for a text message from {@code from}. */
    public List<String> exchange(String from, String text, int replies) {
        return exchange(from, Webhooks.text(from, Webhooks.newWamid(), text), replies);
    }

    // ---- stored state ----------------------------------------------------------------------------------------

    /** {@code GET /sessions/{phone}}, which must exist. */
    public SessionView session(String phone) {
        return findSession(phone).orElseThrow(() -> new AssertionError("no session stored for " + phone));
    }

    /** {@code GET /sessions/{phone}}, or empty on 404. */
    public Optional<SessionView> findSession(String phone) {
        var result = admin("/sessions/" + phone);
        if (result.status() == 404) {
            return Optional.empty();
        }
        if (result.status() != 200) {
            throw new AssertionError("GET /sessions/" + phone + " answered " + result);
        }
        return Optional.of(new SessionView(result.json()));
    }

    /** Waits until the stored session of {@code phone} exists and satisfies {@code condition}. */
    public SessionView awaitSession(String phone, String what, Predicate<SessionView> condition) {
        return Await.value("session of " + phone + ": " + what, () -> findSession(phone).orElse(null),
                view -> view != null && condition.test(view));
    }

    /**
     * Waits until nothing is in flight for {@code phone} (see {@link SessionView#settled()}) and two readings in a
     * row agree. {@code GET /sessions/{phone}} reads its parts one query at a time, not as one snapshot, so a
     * single reading taken while a turn commits can pair an older session with newer replies.
     */
    public SessionView awaitSettled(String phone) {
        var previous = new SessionView[1];
        return awaitSession(phone, "settled", view -> {
            boolean stable = view.settled() && previous[0] != null && previous[0].json().equals(view.json());
            previous[0] = view;
            return stable;
        });
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    /** Stops the bot and starts it again on the same database, settings and flow; the fakes keep running. */
    public void restart() {
        wabot.close();
        wabot = null; // if the start below fails, close() has nothing left to stop
        wabot = Wabot.start(config, numbers);
    }

    /** Where the operator endpoints' answers so far broke the contract (docs/openapi.yaml); empty when none did. */
    public List<String> breaches() {
        return List.copyOf(breaches);
    }

    /**
     * Stops the bot and the fakes, and fails if anything broke the contract: the operator endpoints' answers seen
     * here, or the business API's traffic (see {@link FakeExternalApi#close()}).
     */
    @Override
    public void close() {
        try {
            if (wabot != null) {
                wabot.close();
            }
        } finally {
            graph.close();
            api.close();
        }
        if (!breaches.isEmpty()) {
            throw new AssertionError("the operator endpoints broke docs/openapi.yaml:\n" + String.join("\n", breaches));
        }
    }

    /** The {@code X-Hub-Signature-256} value Meta would send for {@code body}: HMAC-SHA256 of the raw bytes. */
    public static String sign(String appSecret, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResult send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            // Every answer of a documented endpoint is held to the contract, whatever the test came for.
            for (var problem : Contract.get().operatorAnswer(request.method(), request.uri().getPath(),
                    response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body())) {
                breaches.add(problem + " (" + request.method() + " " + request.uri().getRawPath()
                        + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()) + ")");
            }
            return new HttpResult(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
