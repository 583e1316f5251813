package wabot.console;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import wabot.store.AlertStore;
import wabot.store.Backlog;
import wabot.store.ConversationStore;
import wabot.web.Html;

/** The overview: how today is going, what is failing and why, what is waiting, and any alert that is firing. */
final class OverviewPage {

    /** What the page shows, read by the route; {@code numbers} only when the deployment serves several. */
    record View(Period period, Instant since, ConversationStore.Tally conversations, Map<String, Long> submissions,
                Map<Integer, Long> failedReplies, Backlog.Pending inbox, Backlog.Pending outbox,
                List<Circuit> circuits, List<NumberTally> numbers, List<AlertStore.Row> alerts, Instant now) {}

    /** A business API's circuit, and the numbers posting through it (none listed with a single number). */
    record Circuit(String name, CircuitBreaker.State state, List<String> numbers) {}

    /** One number's conversations: open now, and started in the period. */
    record NumberTally(String phoneNumberId, String name, long active, long started) {}

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
        numbers(out, v);
        out.append("<div class=\"grid two\">");
        ServiceCards.submissions(out, v);
        ServiceCards.circuit(out, v);
        out.append("</div><div class=\"grid two\">");
        ServiceCards.failedReplies(out, v);
        ServiceCards.backlog(out, v);
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

    /** With several numbers, a line each: how many conversations it holds now and how many started. */
    private void numbers(StringBuilder out, View v) {
        if (v.numbers().isEmpty()) {
            return;
        }
        out.append("<section class=\"card flush\" id=\"numbers\"><table class=\"list\"><thead><tr><th>Number</th>")
                .append("<th class=\"n\">Active now</th><th class=\"n\">Started</th></tr></thead><tbody>");
        for (var n : v.numbers()) {
            var href = "/console/conversations?number=" + Html.escape(n.phoneNumberId());
            out.append("<tr data-href=\"").append(href).append("\"><td><a href=\"").append(href).append("\">")
                    .append("<span class=\"person\"><strong>").append(Html.escape(n.name())).append("</strong><small>")
                    .append(Html.escape(n.phoneNumberId())).append("</small></span></a></td><td class=\"n\">")
                    .append(Show.number(n.active())).append("</td><td class=\"n\">").append(Show.number(n.started()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table></section>");
    }

    private static void stat(StringBuilder out, String label, long value, String kind, String href, String hint) {
        out.append("<a class=\"card stat ").append(kind).append("\" href=\"").append(Html.escape(href))
                .append("\"><span class=\"label\">").append(label).append("</span><span class=\"value\">")
                .append(Show.number(value)).append("</span><span class=\"hint\">").append(hint).append("</span></a>");
    }
}
