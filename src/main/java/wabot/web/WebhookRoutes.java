package wabot.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.delivery.Intake;
import wabot.numbers.Switchboard;
import wabot.whatsapp.GraphCodes;
import wabot.whatsapp.MalformedWebhook;
import wabot.whatsapp.WebhookParser;
import wabot.whatsapp.WebhookSignature;

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

    /** {@code POST /webhook}: authenticate, store durably, then 200. Nothing outbound happens before the answer. */
    public void receive(Context ctx) {
        if (ctx.req().getContentLengthLong() > maxBytes) {
            // Refused on the declared length, before reading: a body trickling in would otherwise hold a worker.
            // Javalin's own limit (bodyAsBytes) still cuts off a chunked body once it passes maxBytes.
            refused.increment();
            ctx.header("Connection", "close");
            ctx.status(413).result("body larger than " + maxBytes + " bytes");
            return;
        }
        byte[] body = ctx.bodyAsBytes();
        if (signature != null && !signature.matches(body, ctx.header("X-Hub-Signature-256"))) {
            refused.increment();
            ctx.status(401).result("missing or invalid X-Hub-Signature-256");
            return;
        }
        try {
            // Only what was written to a number served here, each message under its conversation's key.
            var webhook = switchboard.route(parser.parse(body));
            var fresh = intake.accept(webhook);
            accepted.increment(fresh.size());
            duplicates.increment(webhook.messages().size() - fresh.size());
            for (var status : webhook.statuses()) {
                // Meta's news about sent replies; a failure here is one Meta accepted at send and could not deliver.
                // Labels come from a fixed set: an unsigned delivery (no APP_SECRET) must not mint new series.
                var name = KNOWN_STATUSES.contains(status.status()) ? status.status() : "other";
                var code = status.errorCode() == null ? "none"
                        : GraphCodes.known(status.errorCode()) ? status.errorCode().toString() : "other";
                metrics.counter("wabot.delivery.statuses", "status", name, "code", code).increment();
            }
            ctx.status(200).result("EVENT_RECEIVED");
        } catch (MalformedWebhook e) {
            refused.increment();
            ctx.status(400).result(e.getMessage());
        } catch (RuntimeException e) {
            // Not stored, so not acknowledged: Meta will deliver it again.
            log.error("[WEBHOOK] could not store a delivery: {}", e.toString(), e);
            ctx.status(503).result("temporarily unable to store the delivery");
        }
    }
}
