package wabot.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.delivery.Intake;
import wabot.numbers.Switchboard;
import wabot.whatsapp.GraphCodes;
import wabot.whatsapp.MalformedWebhook;
import wabot.whatsapp.WebhookParser;
import wabot.whatsapp.Webhook;
import wabot.whatsapp.WebhookSignature;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Meta's side of wabot: the verification handshake and the deliveries. */
public final class WebhookRoutes {
    private static final java.util.Set<String> KNOWN_STATUSES = java.util.Set.of("sent", "delivered", "read", "played",
            "failed", "deleted");
    private static final Logger log = LoggerFactory.getLogger(WebhookRoutes.class);
    private final String verifyToken;
    private final WebhookSignature signature;
    private final WebhookParser parser;
    private final Switchboard switchboard;
    private final Intake intake;
    private final long maxBytes;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter refused;
    private final MeterRegistry metrics;
    /** The statuses' counters by status and code, so that a webhook's statuses cost no registry lookup. */
    private final Map<String, Counter> statusCounters = new ConcurrentHashMap<>();

    /**
     * @param signature null when no app secret is configured, which leaves deliveries unauthenticated
     * @param maxBytes  the largest body accepted ({@code WEBHOOK_MAX_BYTES})
     */
    public WebhookRoutes(String verifyToken, WebhookSignature signature, WebhookParser parser, Switchboard switchboard,
                         Intake intake, long maxBytes, MeterRegistry metrics) {
        this.verifyToken = verifyToken;
        this.signature = signature;
        this.parser = parser;
        this.switchboard = switchboard;
        this.intake = intake;
        this.maxBytes = maxBytes;
        this.accepted = metrics.counter("wabot.webhook.messages", "result", "accepted");
        this.duplicates = metrics.counter("wabot.webhook.messages", "result", "duplicate");
        this.refused = metrics.counter("wabot.webhook.refused");
        this.metrics = metrics;
    }

    /** {@code GET /webhook}: echo the challenge when the verify token matches. */
    public void verify(Context ctx) {
        var token = ctx.queryParam("hub.verify_token");
        boolean matches = verifyToken != null && token != null && MessageDigest.isEqual(
                verifyToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        var challenge = ctx.queryParam("hub.challenge");
        if ("subscribe".equals(ctx.queryParam("hub.mode")) && matches && challenge != null) {
            ctx.contentType("text/plain").result(challenge);
        } else {
            log.warn("[WEBHOOK] verification refused");
            ctx.status(403).result("verification failed");
        }
    }

    /**
     * {@code POST /webhook}: authenticate, store durably, then 200. Nothing outbound happens before the answer. Served
     * on Jetty's own API ({@link WebhookHandler}), ahead of Javalin's servlet layer: the hottest request wabot gets
     * skips the servlet, session and routing machinery it does not use, and on SQLite no thread waits for the
     * commit; the 200 is written when it lands.
     */
    void receive(Request request, Response response, Callback callback) {
        long declared = request.getLength();
        if (declared > maxBytes) {
            // Refused on the declared length, before reading: a body trickling in would otherwise hold a thread.
            tooLarge(response, callback);
            return;
        }
        byte[] body;
        try (var in = Content.Source.asInputStream(request)) {
            // One byte more than allowed tells a chunked body that runs past the limit.
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        if (body.length > maxBytes) {
            tooLarge(response, callback);
            return;
        }
        if (signature != null && !signature.matches(body, request.getHeaders().get("X-Hub-Signature-256"))) {
            refused.increment();
            respond(response, callback, 401, "missing or invalid X-Hub-Signature-256");
            return;
        }
        Webhook webhook;
        try {
            // Only what was written to a number served here, each message under its conversation's key.
            webhook = switchboard.route(parser.parse(body));
        } catch (MalformedWebhook e) {
            refused.increment();
            respond(response, callback, 400, e.getMessage());
            return;
        }
        intake.acceptAsync(webhook).whenComplete((fresh, error) -> {
            if (error != null) {
                var cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                // Not stored, so not acknowledged: Meta will deliver it again.
                log.error("[WEBHOOK] could not store a delivery: {}", cause.toString(), cause);
                respond(response, callback, 503, "temporarily unable to store the delivery");
                return;
            }
            respond(response, callback, 200, "EVENT_RECEIVED");
            count(webhook, fresh.size());
        });
    }

    private void count(Webhook webhook, int fresh) {
        accepted.increment(fresh);
        duplicates.increment(webhook.messages().size() - fresh);
        for (var status : webhook.statuses()) {
            // Meta's news about sent replies; a failure here is one Meta accepted at send and could not deliver.
            // Labels come from a fixed set: an unsigned delivery (no APP_SECRET) must not mint new series.
            var name = KNOWN_STATUSES.contains(status.status()) ? status.status() : "other";
            var code = status.errorCode() == null ? "none"
                    : GraphCodes.known(status.errorCode()) ? status.errorCode().toString() : "other";
            statusCounters.computeIfAbsent(name + "/" + code,
                    key -> metrics.counter("wabot.delivery.statuses", "status", name, "code", code)).increment();
        }
    }

    private void tooLarge(Response response, Callback callback) {
        refused.increment();
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        respond(response, callback, 413, "body larger than " + maxBytes + " bytes");
    }

    private static void respond(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        Content.Sink.write(response, true, text, callback);
    }
}
