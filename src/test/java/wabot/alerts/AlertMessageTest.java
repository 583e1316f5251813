package wabot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The webhook body: what Slack and Teams show ({@code text}), the generic fields any receiver can read, and the
 * richer shape each chat tool renders, chosen by the URL's host.
 */
class AlertMessageTest {
    private static final Instant START = Instant.parse("2026-09-14T03:00:00Z");
    private static final Notification FIRING = new Notification(Alert.WHATSAPP_TOKEN_INVALID, true,
            "Replies are refused with Graph error 190", "Replace WHATSAPP_TOKEN.", START, null, "bot-1:8000");
    private static final Notification RESOLVED = new Notification(Alert.OUTBOX_STUCK, false,
            "No reply is waiting to be sent", null, START, START.plusSeconds(600), "bot-1:8000");

    private static JsonNode body(Notification n, String url) throws IOException {
        return new ObjectMapper().readTree(AlertMessage.body(n, URI.create(url)));
    }

    @Test
    void everyBodyHasTheTextAndTheGenericFields() throws IOException {
        var body = body(FIRING, "https://alerts.example.com/wabot");

        assertThat(body.path("text").asText()).isEqualTo("🔴 FIRING: WhatsApp rejects the access token (bot-1:8000)\n"
                + "Replies are refused with Graph error 190\nReplace WHATSAPP_TOKEN.");
        assertThat(body.path("alert").asText()).isEqualTo("whatsapp_token_invalid");
        assertThat(body.path("state").asText()).isEqualTo("firing");
        assertThat(body.path("severity").asText()).isEqualTo("critical");
        assertThat(body.path("summary").asText()).isEqualTo("Replies are refused with Graph error 190");
        assertThat(body.path("details").asText()).isEqualTo("Replace WHATSAPP_TOKEN.");
        assertThat(body.path("started_at").asText()).isEqualTo("2026-09-14T03:00:00Z");
        assertThat(body.path("resolved_at").isNull()).isTrue();
        assertThat(body.path("instance").asText()).isEqualTo("bot-1:8000");
        assertThat(body.path("service").asText()).isEqualTo("wabot");
        assertThat(body.has("blocks") || body.has("@type") || body.has("attachments")).isFalse();
    }

    @Test
    void slackGetsBlocks() throws IOException {
        var body = body(RESOLVED, "https://hooks.slack.com/services/T000/B000/XXXX");

        assertThat(body.path("text").asText()).startsWith("✅ RESOLVED: Replies are waiting too long to be sent");
        assertThat(body.path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("✅ RESOLVED: Replies are waiting too long to be sent");
        assertThat(body.path("blocks").get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(body.path("blocks").get(2).path("elements").get(0).path("text").asText())
                .contains("`outbox_stuck`").contains("bot-1:8000");
        assertThat(body.path("resolved_at").asText()).isEqualTo("2026-09-14T03:10:00Z");
    }

    @Test
    void aTeamsConnectorGetsAMessageCardAndATeamsWorkflowAnAdaptiveCard() throws IOException {
        var connector = body(FIRING, "https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456");
        assertThat(connector.path("@type").asText()).isEqualTo("MessageCard");
        assertThat(connector.path("title").asText()).isEqualTo("🔴 FIRING: WhatsApp rejects the access token");
        assertThat(connector.path("themeColor").asText()).isEqualTo("D93025");
        assertThat(connector.path("summary").asText()).isEqualTo("Replies are refused with Graph error 190");

        var workflow = body(FIRING, "https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke");
        var card = workflow.path("attachments").get(0);
        assertThat(workflow.path("type").asText()).isEqualTo("message");
        assertThat(card.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(card.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("content").path("body").get(1).path("text").asText())
                .isEqualTo("Replies are refused with Graph error 190");
        assertThat(workflow.path("alert").asText()).isEqualTo("whatsapp_token_invalid");
    }
}
