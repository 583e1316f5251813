package wabot.console;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import wabot.store.AlertStore;
import wabot.store.Backlog;
import wabot.store.ConversationStore;
import wabot.web.Html;
import wabot.whatsapp.GraphCodes;

/** The overview: how today is going, what is failing and why, what is waiting, and any alert that is firing. */
final class OverviewPage {

    /** What the page shows, read by the route. */
    record View(Period period, Instant since, ConversationStore.Tally conversations, Map<String, Long> submissions,
                Map<Integer, Long> failedReplies, Backlog.Pending inbox, Backlog.Pending outbox,
                CircuitBreaker.State circuit, List<AlertStore.Row> alerts, Instant now) {}

    /** The span the counts cover. */
    enum Period {
        TODAY("today", "Today"), WEEK("7d", "Last 7 days"), MONTH("30d", "Last 30 days");

        final String param;
        final String label;

        Period(String param, String label) {
            this.param = param;
            this.label = label;
        }

        static Period of(String param) {
            for (var p : values()) {
                if (p.param.equals(param)) {
                    return p;
                }
            }
            return TODAY;
        }
    }

    private final Show show;

    OverviewPage(Show show) {
        this.show = show;
    }

    String body(View v) {
        var out = new StringBuilder(8192);
        alerts(out, v);
        out.append("<div class=\"heading\"><h1>Overview</h1><nav class=\"tabs\" aria-label=\"Period\">");
        for (var p : Period.values()) {
            out.append("<a href=\"/console?period=").append(p.param).append('"')
                    .append(p == v.period() ? " aria-current=\"true\"" : "").append('>').append(p.label).append("</a>");
        }
        out.append("</nav></div><p class=\"muted since\">Since ").append(v.period() == Period.TODAY ? "midnight"
                : show.dayOf(v.since())).append(", ").append(Html.escape(show.zone().getId())).append("</p>");
        conversations(out, v);
        out.append("<div class=\"grid two\">");
        submissions(out, v);
        circuit(out, v);
        out.append("</div><div class=\"grid two\">");
        failedReplies(out, v);
        backlog(out, v);
        return out.append("</div>").toString();
    }

    private void alerts(StringBuilder out, View v) {
        for (var alert : v.alerts()) {
            out.append("<section class=\"alert ").append(Html.escape(alert.severity()))
                    .append("\" role=\"alert\"><strong>").append(Html.escape(title(alert.name())))
                    .append("</strong> <span class=\"muted\">firing since ").append(show.when(alert.startedAt()))
                    .append("</span><p>").append(Html.escape(alert.summary())).append("</p>");
            if (alert.details() != null) {
                out.append("<p class=\"muted\">").append(Html.escape(alert.details())).append("</p>");
            }
            out.append("</section>");
        }
    }

    private static String title(String name) {
        var id = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
        for (var alert : wabot.alerts.Alert.values()) {
            if (alert.id().equals(id)) {
                return alert.title() + (name.contains("@") ? " on " + name.substring(name.indexOf('@') + 1) : "");
            }
        }
        return name;
    }

    private void conversations(StringBuilder out, View v) {
        var t = v.conversations();
        var from = v.period() == Period.TODAY ? show.today().toString()
                : show.date(v.since()).toString();
        out.append("<div class=\"grid four\">");
        stat(out, "Active now", t.active(), "active", "/console/conversations?status=active",
                "Asking questions or waiting for your API");
        stat(out, "Finished", t.ended("finished"), "finished", "/console/conversations?status=finished&from=" + from,
                "Ended with your API's answer");
        stat(out, "Abandoned", t.ended("abandoned"), "abandoned", "/console/conversations?status=abandoned&from=" + from,
                "Silent for longer than the session TTL");
        stat(out, "Started", t.started(), "started", "/console/conversations?from=" + from, "New conversations");
        out.append("</div><p class=\"also muted\">Also ended: ");
        var others = List.of(List.of("failed", "your API failed"), List.of("cancelled", "cancelled by the person"),
                List.of("restarted", "restarted"), List.of("reset", "reset by an operator"));
        for (int i = 0; i < others.size(); i++) {
            var status = others.get(i).get(0);
            out.append(i == 0 ? "" : " · ").append("<a href=\"/console/conversations?status=").append(status)
                    .append("&from=").append(from).append("\">").append(Show.number(t.ended(status))).append(' ')
                    .append(others.get(i).get(1)).append("</a>");
        }
        out.append("</p>");
    }

    private static void stat(StringBuilder out, String label, long value, String kind, String href, String hint) {
        out.append("<a class=\"card stat ").append(kind).append("\" href=\"").append(Html.escape(href))
                .append("\"><span class=\"label\">").append(label).append("</span><span class=\"value\">")
                .append(Show.number(value)).append("</span><span class=\"hint\">").append(hint).append("</span></a>");
    }

    private static void submissions(StringBuilder out, View v) {
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

    private static void circuit(StringBuilder out, View v) {
        String kind;
        String label;
        String meaning;
        switch (v.circuit()) {
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
        out.append("<section class=\"card\"><h2>Business API</h2><p class=\"circuit\">Circuit ")
                .append(Show.pill(kind, label))
                .append("</p><p>").append(meaning).append("</p><p class=\"muted\">This instance's circuit; each instance"
                        + " keeps its own.</p></section>");
    }

    private static void failedReplies(StringBuilder out, View v) {
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

    private static void backlog(StringBuilder out, View v) {
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
