package wabot.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import wabot.store.Backlog;
import wabot.web.Html;
import wabot.whatsapp.GraphCodes;

/** The overview's cards about the machinery: submissions, the business API's circuit, failed replies, backlog. */
final class ServiceCards {
    private ServiceCards() {}

    static void submissions(StringBuilder out, OverviewPage.View v) {
        var s = v.submissions();
        long done = s.getOrDefault("done", 0L);
        long failed = s.getOrDefault("failed", 0L);
        long pending = s.getOrDefault("pending", 0L);
        long total = done + failed + pending;
        out.append("<section class=\"card\"><h2>Submissions to your API</h2><div class=\"bar\" role=\"img\" aria-label=\"")
                .append(done).append(" delivered, ").append(failed).append(" failed, ").append(pending)
                .append(" pending\">");
        segment(out, "done", done, total);
        segment(out, "failed", failed, total);
        segment(out, "pending", pending, total);
        out.append("</div><dl class=\"legend\">")
                .append("<div><dt><i class=\"dot done\"></i>Delivered</dt><dd>").append(Show.number(done)).append("</dd></div>")
                .append("<div><dt><i class=\"dot failed\"></i>Failed</dt><dd>").append(Show.number(failed)).append("</dd></div>")
                .append("<div><dt><i class=\"dot pending\"></i>Pending</dt><dd>").append(Show.number(pending))
                .append("</dd></div></dl>");
        if (failed > 0) {
            out.append("<p class=\"muted\">People whose submission failed got the apology; open their conversation to"
                    + " retry it.</p>");
        }
        out.append("</section>");
    }

    private static void segment(StringBuilder out, String kind, long n, long total) {
        if (n > 0) {
            out.append("<span class=\"").append(kind).append("\" style=\"flex-grow:").append(n).append("\"></span>");
        }
        if (total == 0 && "done".equals(kind)) {
            out.append("<span class=\"empty\"></span>");
        }
    }

    static void circuit(StringBuilder out, OverviewPage.View v) {
        var several = v.circuits().size() > 1;
        out.append("<section class=\"card\"><h2>Business API</h2>");
        for (var circuit : v.circuits()) {
            String kind;
            String label;
            String meaning;
            switch (circuit.state()) {
                case CLOSED:
                case DISABLED:
                case METRICS_ONLY:
                    kind = "finished";
                    label = "Closed";
                    meaning = "Your API answers: submissions are posted as they come.";
                    break;
                case HALF_OPEN:
                    kind = "abandoned";
                    label = "Half-open";
                    meaning = "After repeated failures, a few trial calls are deciding whether your API is back.";
                    break;
                default:
                    kind = "failed";
                    label = "Open";
                    meaning = "Your API failed repeatedly: submissions fail at once (people get the apology) until"
                            + " trial calls succeed.";
            }
            out.append("<p class=\"circuit\">Circuit ").append(Show.pill(kind, label));
            if (!circuit.numbers().isEmpty()) {
                out.append(" <span class=\"muted\">").append(Html.escape((several ? "" : "all numbers: ")
                        + String.join(", ", circuit.numbers()))).append("</span>");
            }
            out.append("</p><p>").append(meaning).append("</p>");
        }
        out.append("<p class=\"muted\">This instance's circuit").append(several ? "s, one per API" : "")
                .append("; each instance keeps its own.</p></section>");
    }

    static void failedReplies(StringBuilder out, OverviewPage.View v) {
        out.append("<section class=\"card\"><h2>Failed replies</h2>");
        if (v.failedReplies().isEmpty()) {
            out.append("<p class=\"empty-state\">No reply failed. Every message reached WhatsApp.</p></section>");
            return;
        }
        out.append("<table class=\"codes\"><thead><tr><th>Code</th><th>What it means</th><th class=\"n\">Replies</th>"
                + "</tr></thead><tbody>");
        v.failedReplies().entrySet().stream().sorted(Map.Entry.<Integer, Long>comparingByValue().reversed())
                .forEach(e -> out.append("<tr><td><code>").append(e.getKey() == 0 ? "—" : e.getKey())
                        .append("</code></td><td>").append(Html.escape(GraphCodes.meaning(e.getKey())))
                        .append("</td><td class=\"n\">").append(Show.number(e.getValue())).append("</td></tr>"));
        out.append("</tbody></table></section>");
    }

    static void backlog(StringBuilder out, OverviewPage.View v) {
        out.append("<section class=\"card\"><h2>Waiting now</h2><dl class=\"backlog\">");
        waiting(out, "Messages to process", v.inbox(), v.now());
        waiting(out, "Replies to send", v.outbox(), v.now());
        out.append("</dl><p class=\"muted\">Read from the database: the same for every instance.</p></section>");
    }

    private static void waiting(StringBuilder out, String label, Backlog.Pending pending, Instant now) {
        out.append("<div><dt>").append(label).append("</dt><dd><span class=\"value\">").append(Show.number(pending.count()))
                .append("</span>");
        if (pending.oldest() != null) {
            out.append("<small>oldest ").append(Show.age(Duration.between(pending.oldest(), now))).append("</small>");
        } else {
            out.append("<small>none waiting</small>");
        }
        out.append("</dd></div>");
    }
}
