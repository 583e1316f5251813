package wabot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import wabot.conversation.Flow;
import wabot.flow.FlowLoader;
import wabot.testing.Postgres;
import wabot.testing.WabotHttp;

/**
 * The whole service on PostgreSQL, in dry-run, driven only through its HTTP endpoints: webhook bodies shaped
 * like Meta's, and the operator's JSON view of a session.
 */
class PostgresServiceTest {
    static final String PHONE = "15555550101";
    final WabotHttp http = new WabotHttp();
    final Flow flow = FlowLoader.bundled();
    final Map<String, AtomicInteger> apiCalls = new ConcurrentHashMap<>();

    static Map<String, String> env(String databaseUrl) {
        // No WHATSAPP_TOKEN: replies go through the dry-run messenger and are stored as sent.
        return Map.of("PORT", "0", "DATABASE_URL", databaseUrl, "POLL_INTERVAL", "100ms");
    }

    @Test
    void oneInstanceRunsAConversationToItsEnd() {
        runsAConversationToItsEnd(Postgres.shared().emptyDatabaseUrl());
    }

    /** Starts wabot on {@code databaseUrl} and takes one person through the bundled flow, checking every row. */
    void runsAConversationToItsEnd(String databaseUrl) {
        try (var wabot = Wabot.start(Config.from(env(databaseUrl)), flow)) {
            int port = wabot.port();
            var sent = List.of("hola", "Ana Souza", "ana@example.com", "Mi pedido no llegó 📦", "omitir");
            for (int i = 0; i < sent.size(); i++) {
                http.postWebhook(port, http.textWebhook("wamid.e2e." + i, PHONE, "Ana Souza", sent.get(i)));
            }

            var session = http.awaitSession(port, PHONE, Duration.ofSeconds(30),
                    s -> "CONVERSATION_ENDED".equals(s.get("state").asText()) && WabotHttp.settled(s));

            assertThat(session.get("user").asText()).isEqualTo(PHONE);
            assertThat(session.get("current_question").isNull()).isTrue();
            assertThat(texts(session.get("answers"), "question_id")).containsExactly("name", "email", "issue");
            assertThat(texts(session.get("answers"), "value"))
                    .containsExactly("Ana Souza", "ana@example.com", "Mi pedido no llegó 📦");

            assertThat(texts(session.get("messages"), "message_id"))
                    .containsExactly("wamid.e2e.0", "wamid.e2e.1", "wamid.e2e.2", "wamid.e2e.3", "wamid.e2e.4");
            assertThat(texts(session.get("messages"), "status")).containsOnly("done");
            assertThat(texts(session.get("messages"), "conversation_id"))
                    .containsOnly(session.get("conversation_id").asText());

            var questions = flow.questions();
            var skippable = questions.get(3).text() + "\n" + flow.texts().skipHint();
            assertThat(texts(session.get("replies"), "body")).containsExactly(questions.get(0).text(),
                    questions.get(1).text(), questions.get(2).text(), skippable, flow.texts().processing(),
                    flow.texts().finalMessage());
            assertThat(texts(session.get("replies"), "status")).containsOnly("sent");
            assertThat(texts(session.get("replies"), "attempts")).containsOnly("1");
            assertThat(texts(session.get("replies"), "wamid")).allSatisfy(w -> assertThat(w).startsWith("dryrun."));

            assertThat(session.get("submissions")).hasSize(1);
            var submission = session.get("submissions").get(0);
            assertThat(submission.get("status").asText()).isEqualTo("done");
            assertThat(submission.get("attempts").asInt()).isEqualTo(1);
            assertThat(submission.get("payload").asText()).contains("\"name\":\"Ana Souza\"", "\"issue\":");

            // Meta redelivers: nothing changes.
            http.postWebhook(port, http.textWebhook("wamid.e2e.2", PHONE, "Ana Souza", "ana@example.com"));
            var again = http.session(port, PHONE);
            assertThat(again.get("messages")).hasSize(5);
            assertThat(again.get("replies")).hasSize(6);
        }
    }

    /**
     * Two instances behind one load balancer, sharing the database: message i of a person goes to one instance
     * and, at the same moment, Meta's redelivery of it to the other.
     */
    @Test
    void twoInstancesProcessEveryMessageOnceAndInOrder() throws Exception {
        var api = startApi();
        var env = new HashMap<>(env(Postgres.shared().emptyDatabaseUrl()));
        env.put("EXTERNAL_API_URL", "http://127.0.0.1:" + api.getAddress().getPort() + "/submit");
        var config = Config.from(env);
        // Both start at once on an empty database: Flyway's lock lets one migrate and the other wait.
        var startA = CompletableFuture.supplyAsync(() -> Wabot.start(config, flow));
        var startB = CompletableFuture.supplyAsync(() -> Wabot.start(config, flow));
        try (var a = startA.join(); var b = startB.join()) {
            int[] ports = {a.port(), b.port()};
            var phones = List.of("15555550101", "447700900123", "5491100000001");
            var answers = Map.of(
                    "15555550101", List.of("hola", "Ana Souza", "ana@example.com", "No llega mi pedido", "omitir"),
                    "447700900123", List.of("hi", "Ben Carter", "ben@example.com", "Wrong size", "Nothing else"),
                    "5491100000001", List.of("buenas", "Carla", "carla@example.com", "Factura", "Gracias"));

            // Everyone's first five messages, interleaved: message i of a person goes to instance i % 2, and at
            // the same moment its redelivery goes to the other instance.
            for (int i = 0; i < 5; i++) {
                for (int p = 0; p < phones.size(); p++) {
                    var phone = phones.get(p);
                    var body = http.textWebhook("wamid." + phone + "." + i, phone, "Person " + p, answers.get(phone).get(i));
                    deliverToBoth(ports[(i + p) % 2], ports[(i + p + 1) % 2], body);
                }
            }
            // The first submission to finish gets an extra question; the others end. Answer it where it was asked.
            var asked = new ArrayList<String>();
            for (var phone : phones) {
                var session = http.awaitSession(ports[0], phone, Duration.ofSeconds(30), s -> WabotHttp.settled(s)
                        && !"PROCESSING_API".equals(s.get("state").asText()));
                if ("phone".equals(session.get("current_question").asText(null))) {
                    asked.add(phone);
                    var body = http.textWebhook("wamid." + phone + ".5", phone, "Extra", "+" + phone);
                    deliverToBoth(ports[1], ports[0], body);
                }
            }
            assertThat(asked).as("exactly one person got the API's extra question").hasSize(1);

            for (var phone : phones) {
                var session = http.awaitSession(ports[phones.indexOf(phone) % 2], phone, Duration.ofSeconds(30),
                        s -> "CONVERSATION_ENDED".equals(s.get("state").asText()) && WabotHttp.settled(s));
                boolean extended = asked.contains(phone);
                var sent = new ArrayList<>(answers.get(phone));
                int count = extended ? 6 : 5;

                var ids = new ArrayList<String>();
                for (int i = 0; i < count; i++) {
                    ids.add("wamid." + phone + "." + i);
                }
                assertThat(texts(session.get("messages"), "message_id")).as(phone).isEqualTo(ids);
                assertThat(texts(session.get("messages"), "status")).as(phone).containsOnly("done");

                var expectedAnswers = new ArrayList<>(List.of("name", "email", "issue"));
                var expectedValues = new ArrayList<>(sent.subList(1, 4));
                if (!"omitir".equals(sent.get(4))) {
                    expectedAnswers.add("comment");
                    expectedValues.add(sent.get(4));
                }
                if (extended) {
                    expectedAnswers.add("phone");
                    expectedValues.add("+" + phone);
                }
                assertThat(texts(session.get("answers"), "question_id")).as(phone).isEqualTo(expectedAnswers);
                assertThat(texts(session.get("answers"), "value")).as(phone).isEqualTo(expectedValues);

                var q = flow.questions();
                var replies = new ArrayList<>(List.of(q.get(0).text(), q.get(1).text(), q.get(2).text(),
                        q.get(3).text() + "\n" + flow.texts().skipHint(), flow.texts().processing()));
                if (extended) {
                    replies.addAll(List.of("Una cosa más.", "¿Tu teléfono?", flow.texts().processing()));
                }
                replies.add("¡Gracias, Ana!");
                assertThat(texts(session.get("replies"), "body")).as(phone).isEqualTo(replies);
                assertThat(texts(session.get("replies"), "status")).as(phone).containsOnly("sent");
                assertThat(texts(session.get("replies"), "attempts")).as(phone + ": each reply sent once")
                        .containsOnly("1");

                var submissions = session.get("submissions");
                assertThat(submissions).as(phone).hasSize(extended ? 2 : 1);
                submissions.forEach(s -> {
                    assertThat(s.get("status").asText()).isEqualTo("done");
                    assertThat(s.get("attempts").asInt()).as("claimed once").isEqualTo(1);
                    assertThat(apiCalls.get(s.get("id").asText())).as("posted once").hasValue(1);
                });
            }
            assertThat(apiCalls).hasSize(4);
        } finally {
            api.stop(0);
        }
    }

    /**
     * The business API: its first answer adds one question, its second closes the conversation. It counts posts
     * per Idempotency-Key, and is slow enough for a second instance to find the submission due meanwhile.
     */
    HttpServer startApi() throws IOException {
        var api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/submit", exchange -> {
            exchange.getRequestBody().readAllBytes();
            var key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            int calls = apiCalls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            pause(150);
            boolean first = apiCalls.size() == 1 && calls == 1;
            var body = first
                    ? "{\"continue_conversation\":true,\"message\":\"Una cosa más.\","
                      + "\"additional_questions\":[{\"id\":\"phone\",\"text\":\"¿Tu teléfono?\"}]}"
                    : "{\"continue_conversation\":false,\"final_message\":\"¡Gracias, Ana!\"}";
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        api.start();
        return api;
    }

    /** Delivers one body to both instances at the same time; both must answer 200. */
    void deliverToBoth(int first, int second, String body) {
        var one = http.postWebhookAsync(first, body);
        var two = http.postWebhookAsync(second, body);
        assertThat(one.join().statusCode()).isEqualTo(200);
        assertThat(two.join().statusCode()).isEqualTo(200);
    }

    static List<String> texts(JsonNode array, String field) {
        var values = new ArrayList<String>();
        array.forEach(item -> values.add(item.get(field).isNull() ? null : item.get(field).asText()));
        return values;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
