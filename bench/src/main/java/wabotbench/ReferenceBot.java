package wabotbench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The benchmark's reference point (issue 11), never a product: about the least a bot can do on the same harness, so
 * that wabot's ratio to it says how far wabot is from what the machine can do. It acks each webhook once its
 * signature checks out (HMAC-SHA256 over the raw body, like wabot), keeps each person's place in the flow in a map
 * in memory, and answers asynchronously over HTTP like wabot: the next question to the Graph API, and after the last
 * answer "processing" and a POST of the answers to the business API, whose final message it forwards.
 *
 * <p>It is lean where issue 11 says wabot is not: no database, no thread hand-off (Jetty's selector reads the
 * webhook, and Jetty's non-blocking client sends from there), the webhook read with a streaming parser and the
 * Graph body written straight out, no JSON tree. Nothing is stored: a crash loses everything, a redelivery is answered
 * twice, a failed send is dropped.
 *
 * <p>Run by the bench as a child process ({@code java -cp wabot-bench.jar wabotbench.ReferenceBot}) with wabot's
 * settings: {@code PORT}, {@code APP_SECRET}, {@code WHATSAPP_TOKEN}, {@code PHONE_NUMBER_ID},
 * {@code GRAPH_API_BASE_URL}, {@code EXTERNAL_API_URL}.
 */
public final class ReferenceBot {
    /** The bundled flow's four questions, by answer id, and its "processing" text. */
    static final String[] QUESTIONS = {
        "¡Hola! Soy el asistente de soporte. ¿Cuál es tu nombre?",
        "¿Cuál es tu email?",
        "¿En qué podemos ayudarte? Cuéntanos tu problema.",
        "¿Algo más que agregar?\n(Puedes responder «omitir» para saltar esta pregunta.)",
    };
    static final String[] ANSWER_IDS = {"name", "email", "issue", "comment"};
    static final String PROCESSING = "¡Gracias! Estamos procesando tus respuestas…";

    private final JsonFactory json = new JsonFactory();
    private final Map<String, Person> people = new ConcurrentHashMap<>();
    private final HttpClient http = new HttpClient();
    private final ThreadLocal<Mac> macs;
    private final URI graph;
    private final URI api;
    private final String bearer;

    ReferenceBot(Map<String, String> env) throws Exception {
        var secret = new SecretKeySpec(env.get("APP_SECRET").getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        macs = ThreadLocal.withInitial(() -> {
            try {
                var mac = Mac.getInstance("HmacSHA256");
                mac.init(secret);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        graph = URI.create(env.get("GRAPH_API_BASE_URL") + "/v20.0/" + env.get("PHONE_NUMBER_ID") + "/messages");
        api = URI.create(env.get("EXTERNAL_API_URL"));
        bearer = "Bearer " + env.get("WHATSAPP_TOKEN");
        http.setMaxConnectionsPerDestination(256);
        http.setMaxRequestsQueuedPerDestination(1_000_000);
        http.start();
    }

    public static void main(String[] args) throws Exception {
        var bot = new ReferenceBot(System.getenv());
        var server = new Server();
        var connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "8000")));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return bot.handle(request, response, callback);
            }
        });
        server.start();
        server.join();
    }

    private boolean handle(Request request, Response response, Callback callback) {
        var path = Request.getPathInContext(request);
        if ("GET".equals(request.getMethod()) && path.equals("/health")) {
            respond(response, callback, 200, "{\"status\":\"ok\"}");
            return true;
        }
        if (!"POST".equals(request.getMethod()) || !path.equals("/webhook")) {
            return false;
        }
        var signature = request.getHeaders().get("X-Hub-Signature-256");
        new BodyReader(request, body -> receive(body, signature, response, callback)).run();
        return true;
    }

    private void receive(byte[] body, String signature, Response response, Callback callback) {
        if (!signed(body, signature)) {
            respond(response, callback, 401, "{\"error\":\"bad signature\"}");
            return;
        }
        var messages = new ArrayList<String[]>();
        try (var parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            scan(parser, messages);
        } catch (IOException e) {
            respond(response, callback, 400, "{\"error\":\"malformed JSON\"}");
            return;
        }
        respond(response, callback, 200, "{\"status\":\"ok\"}");
        for (var message : messages) {
            people.computeIfAbsent(message[0], Person::new).said(message[1]);
        }
    }

    /** Finds every {@code messages[]} element below the object the parser is at: its sender and its text. */
    private static void scan(JsonParser p, List<String[]> found) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            var name = p.currentName();
            var token = p.nextToken();
            if ("messages".equals(name) && token == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    found.add(message(p));
                }
            } else if (token == JsonToken.START_OBJECT) {
                scan(p, found);
            } else if (token == JsonToken.START_ARRAY) {
                while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == JsonToken.START_OBJECT) {
                        scan(p, found);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
    }

    private static String[] message(JsonParser p) throws IOException {
        String from = null;
        String text = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            var name = p.currentName();
            p.nextToken();
            if ("from".equals(name)) {
                from = p.getText();
            } else if ("text".equals(name) && p.currentToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    boolean body = "body".equals(p.currentName());
                    p.nextToken();
                    if (body) {
                        text = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return new String[] {from, text};
    }

    private boolean signed(byte[] body, String header) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        try {
            return MessageDigest.isEqual(macs.get().doFinal(body), HexFormat.of().parseHex(header, 7, header.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
    }

    private static void respond(Response response, Callback callback, int status, String body) {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private void post(URI to, byte[] body, String idempotencyKey, Consumer<byte[]> then) {
        var request = http.newRequest(to).method(HttpMethod.POST).timeout(15, TimeUnit.SECONDS)
                .body(new BytesRequestContent("application/json", body));
        if (idempotencyKey == null) {
            request.headers(h -> h.put(HttpHeader.AUTHORIZATION, bearer));
        } else {
            request.headers(h -> h.put("Idempotency-Key", idempotencyKey));
        }
        request.send(new BufferingResponseListener() {
            @Override
            public void onComplete(Result result) {
                then.accept(result.isSucceeded() ? getContent() : new byte[0]);
            }
        });
    }

    /**
     * One person's place in the flow. Their replies leave one at a time, in order: each step starts when the one
     * before it has its answer.
     */
    private final class Person {
        private final String phone;
        private final List<String> answers = new ArrayList<>();
        private final ArrayDeque<Consumer<Runnable>> steps = new ArrayDeque<>();
        private boolean started;
        private boolean busy;

        Person(String phone) {
            this.phone = phone;
        }

        synchronized void said(String text) {
            if (!started) {
                started = true;
                then(done -> send(QUESTIONS[0], done));
                return;
            }
            answers.add(text);
            if (answers.size() < QUESTIONS.length) {
                var next = QUESTIONS[answers.size()];
                then(done -> send(next, done));
                return;
            }
            var submission = submission();
            answers.clear();
            started = false;
            then(done -> send(PROCESSING, done));
            then(done -> post(api, submission, phone + "-" + System.nanoTime(),
                    reply -> send(finalMessage(reply), done)));
        }

        private void then(Consumer<Runnable> step) {
            steps.add(step);
            if (!busy) {
                busy = true;
                steps.poll().accept(this::next);
            }
        }

        private void next() {
            Consumer<Runnable> step;
            synchronized (this) {
                step = steps.poll();
                busy = step != null;
            }
            if (step != null) {
                step.accept(this::next);
            }
        }

        private void send(String text, Runnable done) {
            var body = new StringBuilder(160 + text.length())
                    .append("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+")
                    .append(phone).append("\",\"type\":\"text\",\"text\":{\"preview_url\":false,\"body\":\"")
                    .append(JsonStringEncoder.getInstance().quoteAsString(text)).append("\"}}");
            post(graph, body.toString().getBytes(StandardCharsets.UTF_8), null, reply -> done.run());
        }

        private byte[] submission() {
            var out = new ByteArrayOutputStream(256);
            try (var g = json.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("user_phone", "+" + phone);
                g.writeObjectFieldStart("answers");
                for (int i = 0; i < answers.size(); i++) {
                    g.writeStringField(ANSWER_IDS[i], answers.get(i));
                }
                g.writeEndObject();
                g.writeEndObject();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out.toByteArray();
        }

        private String finalMessage(byte[] reply) {
            try (var p = json.createParser(reply)) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        boolean wanted = "final_message".equals(p.currentName());
                        p.nextToken();
                        if (wanted) {
                            return p.getText();
                        }
                        p.skipChildren();
                    }
                }
            } catch (IOException e) {
                // an unreadable answer: the person still gets a closing message
            }
            return "Gracias.";
        }
    }
}
