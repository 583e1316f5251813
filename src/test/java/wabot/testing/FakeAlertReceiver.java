package wabot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat tool's incoming webhook (Slack, Teams...) as a real HTTP server on 127.0.0.1: it records every POST to
 * {@code /hook} and answers 200, or the status of each failure scripted with {@link #failNext}.
 */
public final class FakeAlertReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> posts = new ArrayList<>();
    private final List<JsonNode> accepted = new ArrayList<>();
    private int failures;
    private final Javalin server;

    private FakeAlertReceiver() {
        server = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/hook", this::receive);
        });
    }

    public static FakeAlertReceiver start() {
        var receiver = new FakeAlertReceiver();
        receiver.server.start("127.0.0.1", 0);
        return receiver;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port() + "/hook";
    }

    /** The next {@code count} POSTs are answered 500. */
    public synchronized FakeAlertReceiver failNext(int count) {
        failures += count;
        return this;
    }

    /** Every POST received, failed ones included. */
    public synchronized List<JsonNode> posts() {
        return List.copyOf(posts);
    }

    /** The notices answered 200 for {@code alert}, oldest first. */
    public synchronized List<JsonNode> notices(String alert) {
        return accepted.stream().filter(n -> alert.equals(n.path("alert").asText())).toList();
    }

    /** Waits until a notice of {@code alert} in {@code state} (firing, resolved) was accepted, and returns it. */
    public JsonNode await(String alert, String state) {
        return Await.value("a " + state + " notice of " + alert, java.time.Duration.ofSeconds(30),
                () -> notices(alert).stream().filter(n -> state.equals(n.path("state").asText())).findFirst()
                        .orElse(null),
                n -> n != null);
    }

    private void receive(Context ctx) throws IOException {
        var body = JSON.readTree(ctx.bodyAsBytes());
        synchronized (this) {
            posts.add(body);
            if (failures > 0) {
                failures--;
                ctx.status(500).result("try later");
                return;
            }
            accepted.add(body);
        }
        ctx.status(200).result("ok");
    }

    @Override
    public void close() {
        server.stop();
    }
}
