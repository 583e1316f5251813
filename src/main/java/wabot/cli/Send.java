package wabot.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wabot.whatsapp.Deliveries;
import wabot.whatsapp.WebhookSignature;
import wabot.HttpUrl;

/**
 * {@code java -jar wabot.jar send}: posts Meta-shaped, signed deliveries to a running wabot, so a team can check a
 * deployment before connecting Meta. A proxy that re-encodes the body breaks the signature, and shows up here as a
 * 401; a text with accents or emoji is escaped as Meta escapes it before signing, which is where such proxies fail.
 */
final class Send {
    static final String USAGE = """
            Usage: java -jar wabot.jar send [--to URL] [what] [how]

            Posts Meta-shaped deliveries, signed with APP_SECRET and addressed to PHONE_NUMBER_ID (both from the
            environment or .env, like the service), and reports each response. Exits 0 when every POST got 200.

              --to URL              the webhook (default http://localhost:PORT/webhook)
              --number ID           the phone_number_id written to (default PHONE_NUMBER_ID; required with
                                    NUMBERS_FILE, which lists several)
              --from PHONE          the sender (default +15555550199, a test number)
            what (default: one text, "Hola"):
              --text TEXT           a text message; accents and emoji are escaped as \\uXXXX, as Meta does
              --tap ID[:TITLE]      a tap on a reply button with that id
              --status STATE        a status of a message wabot sent: sent, delivered, read or failed
              --wamid ID            the message the --status is about (required with --status)
              --error CODE          the error code of a failed status (default 131026)
            how:
              --batch N             N messages in one POST, as Meta batches them (1 to 1000)
              --twice               post the same delivery twice, as Meta's redeliveries do
              --secret SECRET       sign with this instead of APP_SECRET
              --unsigned            send no X-Hub-Signature-256 header""";
    private static final Set<String> STATES = Set.of("sent", "delivered", "read", "failed");

    private Send() {}

    static int run(List<String> args, Map<String, String> environment, PrintStream out) throws UsageError, Startup.Refused {
        var flags = Flags.parse(args, Set.of("to", "number", "from", "text", "tap", "status", "wamid", "error", "batch",
                        "secret"),
                Set.of("twice", "unsigned"));
        if (!flags.positional().isEmpty()) {
            throw new UsageError("unexpected argument '" + flags.positional().get(0) + "'");
        }
        int kinds = (flags.has("text") ? 1 : 0) + (flags.has("tap") ? 1 : 0) + (flags.has("status") ? 1 : 0);
        if (kinds > 1) {
            throw new UsageError("choose one of --text, --tap and --status");
        }
        var settings = Startup.settings(environment, Map.of());
        var to = target(flags.value("to"), settings.getOrDefault("PORT", "8000"));
        var from = flags.value("from", "+15555550199").replaceAll("[\\s()+-]", "");
        if (!from.matches("\\d{6,15}")) {
            throw new UsageError("--from must be a phone number in international format");
        }
        var person = new Deliveries.Person(from, null, "wabot send");
        var numberId = flags.value("number", settings.getOrDefault("PHONE_NUMBER_ID", "")).strip();
        if (numberId.isEmpty() && settings.getOrDefault("NUMBERS_FILE", "").isBlank()) {
            numberId = "200000000000002"; // a test number: a wabot without PHONE_NUMBER_ID answers any
        }
        if (!numberId.matches("\\d{1,30}")) {
            throw new UsageError(numberId.isEmpty() ? "name the number to write to with --number: NUMBERS_FILE lists"
                    + " several" : "--number must be a phone_number_id, digits only, got '" + numberId + "'");
        }
        var deliveries = new Deliveries(numberId, "15550001111");
        var body = body(flags, deliveries, person);
        var secret = flags.value("secret", settings.get("APP_SECRET"));
        var signature = flags.has("unsigned") || secret == null || secret.isBlank() ? null : new WebhookSignature(secret);
        out.println("POST " + to + (signature == null ? " (unsigned)" : " (signed with "
                + (flags.has("secret") ? "--secret" : "APP_SECRET") + ")") + ", " + body.length + " bytes, phone_number_id "
                + deliveries.phoneNumberId());
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int failed = 0;
        for (int i = 0; i < (flags.has("twice") ? 2 : 1); i++) {
            failed += post(http, to, body, signature, out) ? 0 : 1;
        }
        return failed == 0 ? 0 : 1;
    }

    private static byte[] body(Flags flags, Deliveries deliveries, Deliveries.Person person) throws UsageError {
        var now = Instant.now();
        if (flags.has("status")) {
            var state = flags.value("status");
            if (!STATES.contains(state)) {
                throw new UsageError("--status must be sent, delivered, read or failed");
            }
            if (!flags.has("wamid")) {
                throw new UsageError("--status needs --wamid, the id of the message it is about");
            }
            Integer code = "failed".equals(state) ? flags.integer("error", 131026, 0, Integer.MAX_VALUE) : null;
            return deliveries.status(flags.value("wamid"), state, person, now, code);
        }
        int batch = flags.integer("batch", 1, 1, 1000);
        var messages = new ArrayList<com.fasterxml.jackson.databind.node.ObjectNode>();
        for (int i = 0; i < batch; i++) {
            var wamid = Deliveries.newWamid();
            if (flags.has("tap")) {
                var tap = flags.value("tap");
                int colon = tap.indexOf(':');
                var id = colon < 0 ? tap : tap.substring(0, colon);
                messages.add(deliveries.tap(person, wamid, now, false, id, colon < 0 ? id : tap.substring(colon + 1), null));
            } else {
                var text = flags.value("text", "Hola");
                messages.add(deliveries.text(person, wamid, now, batch == 1 ? text : text + " " + (i + 1)));
            }
        }
        return deliveries.envelope(List.of(person), messages);
    }

    private static boolean post(HttpClient http, URI to, byte[] body, WebhookSignature signature, PrintStream out) {
        var request = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature.header(body));
        }
        long start = System.nanoTime();
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - start) / 1_000_000;
            var text = response.body().length() > 200 ? response.body().substring(0, 200) + "…" : response.body();
            out.println("  " + response.statusCode() + " in " + ms + " ms: " + text + hint(response.statusCode()));
            return response.statusCode() == 200;
        } catch (IOException e) {
            out.println("  no answer: " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String hint(int status) {
        switch (status) {
            case 401: return "\n  (401: the signature did not match. Is APP_SECRET the same on both sides, and does a proxy re-encode the body?)";
            case 413: return "\n  (413: the body is over WEBHOOK_MAX_BYTES, or a proxy's limit)";
            default: return "";
        }
    }

    private static URI target(String to, String port) throws UsageError {
        var url = to != null ? to : "http://localhost:" + port + "/webhook";
        var uri = HttpUrl.parse(url);
        if (uri.isEmpty()) {
            throw new UsageError("--to must be an http:// or https:// URL, got '" + url + "'");
        }
        return uri.get();
    }
}
