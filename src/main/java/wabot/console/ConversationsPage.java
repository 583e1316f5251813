package wabot.console;

import java.time.LocalDate;
import java.util.List;
import wabot.numbers.Switchboard;
import wabot.store.ConversationList;
import wabot.store.ConversationStore;
import wabot.web.Html;

/**
 * The conversations, newest first: find one by phone or user id, narrow by number, status and start date, page
 * through.
 */
final class ConversationsPage {
    static final List<String> STATUSES = List.of("active", "finished", "abandoned", "cancelled", "failed", "restarted",
            "reset", "ended");

    /** The filter as typed, to show it back; {@code problem} says what could not be understood. */
    record Form(String person, String number, String status, LocalDate from, LocalDate to, String problem) {
        String query() {
            var q = new StringBuilder();
            add(q, "q", person);
            add(q, "number", number);
            add(q, "status", status);
            add(q, "from", from == null ? null : from.toString());
            add(q, "to", to == null ? null : to.toString());
            return q.toString();
        }

        private static void add(StringBuilder q, String name, String value) {
            if (value != null && !value.isEmpty()) {
                q.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value,
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    private final Show show;
    private final Switchboard lines;

    ConversationsPage(Show show, Switchboard lines) {
        this.show = show;
        this.lines = lines;
    }

    String body(Form form, ConversationList.Page page) {
        var out = new StringBuilder(16_384);
        out.append("<div class=\"heading\"><h1>Conversations</h1></div>");
        filters(out, form);
        if (form.problem() != null) {
            out.append("<p class=\"notice warn\" role=\"alert\">").append(Html.escape(form.problem())).append("</p>");
        }
        if (page.rows().isEmpty()) {
            out.append("<section class=\"card empty-state\"><p>No conversation matches.</p>")
                    .append(form.query().isEmpty() ? "<p class=\"muted\">When people write to your number, their"
                            + " conversations appear here.</p>" : "<p><a href=\"/console/conversations\">Show all"
                            + " conversations</a></p>").append("</section>");
            return out.toString();
        }
        out.append("<section class=\"card flush\"><table class=\"list\"><thead><tr><th>Person</th>")
                .append(lines.several() ? "<th>Number</th>" : "").append("<th>Status</th>")
                .append("<th class=\"n\">Answers</th><th>Started</th><th>Last activity</th></tr></thead><tbody>");
        for (var row : page.rows()) {
            var href = "/console/conversations/" + Html.escape(row.conversationId());
            out.append("<tr data-href=\"").append(href).append("\"><td><a href=\"").append(href).append("\">")
                    .append(Show.person(row)).append("</a></td>");
            if (lines.several()) {
                var line = lines.lineOf(row.userKey());
                out.append("<td class=\"number\">").append(line == null ? "<span class=\"muted\">no longer served</span>"
                        : Html.escape(line.number().name())).append("</td>");
            }
            out.append("<td>").append(Show.status(row.status()))
                    .append("</td><td class=\"n\">").append(row.answers()).append("</td><td>")
                    .append(show.when(row.startedAt())).append("</td><td>").append(show.when(last(row)))
                    .append("</td></tr>");
        }
        out.append("</tbody></table></section><nav class=\"pager\" aria-label=\"Pages\">");
        pageLink(out, form, page.newer(), "before", "← Newer");
        pageLink(out, form, page.older(), "after", "Older →");
        return out.append("</nav>").toString();
    }

    private static java.time.Instant last(ConversationStore.Row row) {
        if (row.endedAt() != null) {
            return row.endedAt();
        }
        return row.lastActive() != null ? row.lastActive() : row.startedAt();
    }

    private void filters(StringBuilder out, Form form) {
        out.append("<form class=\"filters card\" method=\"get\" action=\"/console/conversations\" role=\"search\">")
                .append("<label>Phone or user id<input type=\"search\" name=\"q\" id=\"q\" placeholder=\"+54 9 11 5555-0000\" value=\"")
                .append(Html.escape(form.person())).append("\"></label>");
        if (lines.several()) {
            out.append("<label>Number<select name=\"number\" id=\"number\"><option value=\"\">Any</option>");
            for (var line : lines.lines()) {
                out.append("<option value=\"").append(Html.escape(line.id())).append('"')
                        .append(line.id().equals(form.number()) ? " selected" : "").append('>')
                        .append(Html.escape(line.number().name())).append("</option>");
            }
            out.append("</select></label>");
        }
        out.append("<label>Status<select name=\"status\" id=\"status\">")
                .append("<option value=\"\">Any</option>");
        for (var status : STATUSES) {
            out.append("<option value=\"").append(status).append('"').append(status.equals(form.status()) ? " selected" : "")
                    .append('>').append(Show.statusLabel(status)).append("</option>");
        }
        out.append("</select></label><label>Started from<input type=\"date\" name=\"from\" id=\"from\" value=\"")
                .append(form.from() == null ? "" : form.from()).append("\"></label><label>to<input type=\"date\" name=\"to\" id=\"to\" value=\"")
                .append(form.to() == null ? "" : form.to()).append("\"></label><div class=\"actions\">")
                .append("<button type=\"submit\" id=\"find\">Find</button>");
        if (!form.query().isEmpty()) {
            out.append("<a class=\"button quiet\" href=\"/console/conversations\">Clear</a>");
        }
        out.append("</div></form>");
    }

    private static void pageLink(StringBuilder out, Form form, ConversationList.Cursor cursor, String param,
                                 String label) {
        if (cursor == null) {
            out.append("<span class=\"button quiet disabled\" aria-disabled=\"true\">").append(label).append("</span>");
        } else {
            out.append("<a class=\"button quiet\" rel=\"").append("before".equals(param) ? "prev" : "next")
                    .append("\" href=\"/console/conversations?").append(param).append('=').append(cursor.token())
                    .append(Html.escape(form.query())).append("\">").append(label).append("</a>");
        }
    }
}
