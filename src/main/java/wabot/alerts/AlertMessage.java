package wabot.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Locale;

/**
 * The body POSTed to {@code ALERT_WEBHOOK_URL}. Every body has {@code text} (what Slack's and Teams' incoming
 * webhooks show) and the generic fields: {@code alert}, {@code state}, {@code severity}, {@code summary},
 * {@code details}, {@code started_at}, {@code resolved_at}, {@code instance}, {@code service}. By the URL's host it
 * adds what that receiver renders best: Slack's {@code blocks}; a Teams connector's MessageCard title and colour;
 * for a Teams workflow, the Adaptive Card its "post to a channel" template expects.
 */
final class AlertMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertMessage() {}

    static byte[] body(Notification n, URI target) {
        var body = JSON.createObjectNode();
        var heading = (n.firing() ? "🔴 FIRING: " : "✅ RESOLVED: ") + n.alert().title();
        body.put("text", heading + " (" + n.instance() + ")\n" + n.summary()
                + (n.details() == null ? "" : "\n" + n.details()));
        var host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("hooks.slack.com") || host.endsWith(".slack.com") || host.endsWith("slack-gov.com")) {
            slack(body, n, heading);
        } else if (host.endsWith("webhook.office.com") || host.endsWith("outlook.office.com")) {
            body.put("@type", "MessageCard").put("@context", "http://schema.org/extensions")
                    .put("themeColor", n.firing() ? "D93025" : "1E8E3E").put("title", heading);
        } else if (host.endsWith("logic.azure.com") || host.endsWith("powerplatform.com")
                || host.endsWith("powerautomate.com")) {
            adaptiveCard(body, n, heading);
        }
        body.put("alert", n.alert().id())
                .put("state", n.state())
                .put("severity", n.alert().severity())
                .put("summary", n.summary())
                .put("details", n.details())
                .put("started_at", n.startedAt().toString())
                .put("resolved_at", n.resolvedAt() == null ? null : n.resolvedAt().toString())
                .put("instance", n.instance())
                .put("service", "wabot");
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void slack(ObjectNode body, Notification n, String heading) {
        var blocks = body.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text")
                .put("text", cut(heading, 150));
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", cut(n.summary() + (n.details() == null ? "" : "\n" + n.details()), 3000));
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", n.alert().severity() + " · `" + n.alert().id() + "` · " + n.instance() + " · since "
                        + n.startedAt());
    }

    private static void adaptiveCard(ObjectNode body, Notification n, String heading) {
        body.put("type", "message");
        var card = body.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive")
                .putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard").put("version", "1.4");
        var items = card.putArray("body");
        items.addObject().put("type", "TextBlock").put("text", heading).put("weight", "Bolder").put("size", "Medium")
                .put("color", n.firing() ? "Attention" : "Good").put("wrap", true);
        items.addObject().put("type", "TextBlock").put("text", n.summary()).put("wrap", true);
        if (n.details() != null) {
            items.addObject().put("type", "TextBlock").put("text", n.details()).put("wrap", true).put("isSubtle", true);
        }
        items.addObject().put("type", "TextBlock").put("wrap", true).put("isSubtle", true).put("size", "Small")
                .put("text", n.alert().severity() + " · " + n.alert().id() + " · " + n.instance());
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
