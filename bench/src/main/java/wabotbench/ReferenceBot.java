package wabotbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The benchmark's reference point (issue 11), never a product: about the least a bot can do on the same harness. It
 * acks each webhook once its signature checks out (HMAC-SHA256 over the raw body, like wabot), keeps each person's
 * place in the flow in a map in memory, and then answers asynchronously over HTTP like wabot: the next question to
 * the Graph API, and after the last answer "processing" and a POST of the answers to the business API, whose final
 * message it forwards. Nothing is stored: a crash loses everything, a redelivery is answered twice, a failed send is
 * dropped. Jetty serves the webhook, Jackson reads it and writes the Graph body, the JDK HttpClient calls out: the
 * same parts wabot is built on, without the durability and the engine.
 *
 * <p>Run by the bench as a child process ({@code java -cp wabot-bench.jar wabotbench.ReferenceBot}) with wabot's
 * settings: {@code PORT}, {@code APP_SECRET}, {@code WHATSAPP_TOKEN}, {@code PHONE_NUMBER_ID},
 * {@code GRAPH_API_BASE_URL}, {@code EXTERNAL_API_URL}.
 */
public final class ReferenceBot {
    /** The bundled flow's four questions, and its "processing" text. */
    static final String[] QUESTIONS = {
        "¡Hola! Soy el asistente de soporte. ¿Cuál es tu nombre?",
        "¿Cuál es tu email?",
        "¿En qué podemos ayudarte? Cuéntanos tu problema.",
        "¿Algo más que agregar?\n(Puedes responder «omitir» para saltar esta pregunta.)",
    };
    static final String PROCESSING = "¡Gracias! Estamos procesando tus respuestas…";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Person> people = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Runnable::run).connectTimeout(Duration.ofSeconds(5)).build();
    private final byte[] secret;
    private final URI graph;
    private final URI api;
    private final String token;

    ReferenceBot(Map<String, String> env) {
        secret = env.get("APP_SECRET").getBytes(StandardCharsets.UTF_8);
        graph = URI.create(env.get("GRAPH_API_BASE_URL") + "/v20.0/" + env.get("PHONE_NUMBER_ID") + "/messages");
        api = URI.create(env.get("EXTERNAL_API_URL"));
        token = env.get("WHATSAPP_TOKEN");
    }

    public static void main(String[] args) throws Exception {
        var bot = new ReferenceBot(System.getenv());
        var server = new Server();
        var connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "8000")));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return bot.handle(request, response, callback);
            }
        });
        server.start();
        server.join();
    }

    private boolean handle(Request request, Response response, Callback callback) throws IOException {
        var path = Request.getPathInContext(request);
        if ("GET".equals(request.getMethod()) && path.equals("/health")) {
            respond(response, callback, 200, "{\"status\":\"ok\"}");
            return true;
        }
        if (!"POST".equals(request.getMethod()) || !path.equals("/webhook")) {
            return false;
        }
        byte[] body = Content.Source.asInputStream(request).readAllBytes();
        if (!signed(body, request.getHeaders().get("X-Hub-Signature-256"))) {
            respond(response, callback, 401, "{\"error\":\"bad signature\"}");
            return true;
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            respond(response, callback, 400, "{\"error\":\"malformed JSON\"}");
            return true;
        }
        respond(response, callback, 200, "{\"status\":\"ok\"}");
        for (var entry : root.path("entry")) {
            for (var change : entry.path("changes")) {
                for (var message : change.path("value").path("messages")) {
                    var from = message.path("from").asText();
                    people.computeIfAbsent(from, Person::new).said(message.path("text").path("body").asText(""));
                }
            }
        }
        return true;
    }

    private boolean signed(byte[] body, String header) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return MessageDigest.isEqual(mac.doFinal(body), HexFormat.of().parseHex(header.substring(7)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void respond(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** One person's place in the flow; their replies leave one after another, in order. */
    private final class Person {
        private final String phone;
        private final List<String> answers = new ArrayList<>();
        private boolean started;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        Person(String phone) {
            this.phone = phone;
        }

        synchronized void said(String text) {
            if (!started) {
                started = true;
                then(() -> send(QUESTIONS[0]));
                return;
            }
            answers.add(text);
            if (answers.size() < QUESTIONS.length) {
                var next = QUESTIONS[answers.size()];
                then(() -> send(next));
                return;
            }
            var submission = submission();
            answers.clear();
            started = false;
            then(() -> send(PROCESSING));
            then(() -> post(submission).thenCompose(this::send));
        }

        private void then(java.util.function.Supplier<CompletableFuture<?>> next) {
            sending = sending.handle((ok, error) -> null).thenCompose(ignored -> next.get());
        }

        private byte[] submission() {
            var names = List.of("name", "email", "issue", "comment");
            var values = new LinkedHashMap<String, String>();
            for (int i = 0; i < answers.size(); i++) {
                values.put(names.get(i), answers.get(i));
            }
            try {
                return json.writeValueAsBytes(Map.of("user_phone", "+" + phone, "answers", values));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private CompletableFuture<String> post(byte[] submission) {
            var request = HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Idempotency-Key", phone + "-" + System.nanoTime())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(submission)).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
                try {
                    return json.readTree(response.body()).path("final_message").asText("");
                } catch (IOException e) {
                    return "";
                }
            });
        }

        private CompletableFuture<?> send(String text) {
            var body = json.createObjectNode().put("messaging_product", "whatsapp")
                    .put("recipient_type", "individual").put("to", "+" + phone).put("type", "text");
            body.putObject("text").put("preview_url", false).put("body", text);
            try {
                var request = HttpRequest.newBuilder(graph).timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
                return http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }
}
