package wabot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import wabot.Config;
import wabot.Wabot;
import wabot.flow.FlowLoader;
import wabot.fuzz.Executions;
import wabot.fuzz.FuzzInput;
import wabot.fuzz.JsonMutator;
import wabot.fuzz.Payloads;

/**
 * The real server, started once for the class on a free loopback port with a fresh SQLite file and no
 * WhatsApp token (dry run), gets fuzzed webhook bodies over real HTTP: raw bytes (seeds: the payloads,
 * copied into {@code WebhookHttpFuzzTestInputs/post}) and structure-aware mutations of the payloads in
 * {@code src/test/resources/whatsapp/payloads} ({@link FuzzInput}). Any 5xx, or no answer within 30 s, fails the
 * target. Structure-aware bodies are cut at 256 KiB, well below the 1 MiB limit, so each request is bounded;
 * the 413 path is not what this measures.
 */
class WebhookHttpFuzzTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMutator MUTATOR = new JsonMutator(256 * 1024);
    private static Path dir;
    private static Wabot server;
    private static HttpClient http;
    private static URI webhook;
    private static boolean noDetector;

    @BeforeAll
    static void start() throws IOException {
        Payloads.trees(); // fail fast, before the server starts, if the corpus is missing
        dir = Files.createTempDirectory("wabot-http-fuzz");
        server = Wabot.start(Config.from(Map.of(
                "PORT", "0",
                "DATABASE_URL", "jdbc:sqlite:" + dir.resolve("f.db"),
                "POLL_INTERVAL", "1s")), FlowLoader.bundled());
        webhook = URI.create("http://127.0.0.1:" + server.port() + "/webhook");
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    @AfterAll
    static void stop() throws IOException {
        Executions.report();
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void post(FuzzedDataProvider data) throws Exception {
        var body = FuzzInput.body(data, MUTATOR);
        Executions.count("WebhookHttpFuzzTest#post", body);
        try (var allowed = allowConnectionsToTheServer()) {
            assertNot5xx(body, send(body.bytes()));
        }
    }

    /**
     * Jazzer's SSRF detector reports every outgoing connection while fuzzing, and resets its policy for each
     * input. The test's own requests to its server are expected; any other connection is still a finding.
     */
    private static SilentCloseable allowConnectionsToTheServer() {
        if (noDetector) {
            return () -> { };
        }
        int port = server.port();
        try {
            return BugDetectors.allowNetworkConnections((host, p) -> p == port
                    && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")));
        } catch (IllegalStateException e) {
            if (Executions.isFuzzing()) {
                throw e;
            }
            noDetector = true; // the seed-only run goes without Jazzer's agent, so without detectors
            return () -> { };
        }
    }

    private static HttpResponse<String> send(byte[] body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(webhook)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNot5xx(FuzzInput.Body body, HttpResponse<String> response) {
        assertThat(response.statusCode())
                .as("POST /webhook answered %d %s to a %s", response.statusCode(), response.body(), body.describe())
                .isBetween(200, 499);
    }
}
