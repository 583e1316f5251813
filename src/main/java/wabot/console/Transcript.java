package wabot.console;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Locale;
import wabot.store.InboxStore;
import wabot.store.OutboxStore;
import wabot.web.Html;

/**
 * A conversation's transcript as WhatsApp shows it to the business: the person's messages on the left, wabot's
 * replies on the right with their ticks, in time order under day separators. A reply still waiting can be cancelled.
 */
final class Transcript {
    private final Show show;

    Transcript(Show show) {
        this.show = show;
    }

    private record Line(Instant at, int order, InboxStore.Said said, OutboxStore.Told told) {}

    void html(StringBuilder out, ConversationPage.View v, String csrf) {
        var lines = new ArrayList<Line>();
        v.said().forEach(s -> lines.add(new Line(s.receivedAt(), 0, s, null)));
        v.told().forEach(t -> lines.add(new Line(t.createdAt(), 1, null, t)));
        lines.sort(Comparator.comparing(Line::at).thenComparingInt(Line::order));
        out.append("<section class=\"card transcript\" aria-label=\"Transcript\"><ol id=\"transcript\" class=\"chat\">");
        if (v.truncated()) {
            out.append("<li class=\"day\"><span>Only the first 1,000 messages and replies are shown</span></li>");
        }
        LocalDate day = null;
        for (var line : lines) {
            var date = show.date(line.at());
            if (!date.equals(day)) {
                day = date;
                out.append("<li class=\"day\"><span>").append(show.day(line.at())).append("</span></li>");
            }
            if (line.said() != null) {
                said(out, line.said());
            } else {
                told(out, line.told(), v.conversation().conversationId(), csrf);
            }
        }
        if (lines.isEmpty()) {
            out.append("<li class=\"day\"><span>Nothing was said yet</span></li>");
        }
        out.append("</ol></section>");
    }

    private void said(StringBuilder out, InboxStore.Said said) {
        var m = said.message();
        out.append("<li class=\"bubble in\" data-kind=\"").append(Html.escape(m.kind().name().toLowerCase(Locale.ROOT)))
                .append("\">");
        var attachment = Attachments.describe(m.attachment(), m.type());
        if (attachment != null) {
            out.append("<span class=\"attachment\">").append(Html.escape(attachment)).append("</span>");
        }
        if (m.text() != null && !m.text().isEmpty()) {
            out.append("<span class=\"text\">").append(Html.escape(m.text())).append("</span>");
        } else if (attachment == null) {
            out.append("<span class=\"attachment\">").append(Html.escape("A " + m.type() + " message")).append("</span>");
        }
        if (m.choiceId() != null) {
            out.append("<span class=\"tapped\">tapped <code>").append(Html.escape(m.choiceId())).append("</code></span>");
        }
        out.append("<span class=\"meta\">").append(show.clock(said.receivedAt())).append("</span></li>");
    }

    private void told(StringBuilder out, OutboxStore.Told t, String conversationId, String csrf) {
        out.append("<li class=\"bubble out").append(t.failed() ? " failed" : "")
                .append("cancelled".equals(t.status()) ? " cancelled" : "")
                .append("pending".equals(t.status()) ? " pending" : "").append("\" data-reply=\"").append(t.id())
                .append("\"><span class=\"text\">").append(Html.escape(t.reply().text())).append("</span>");
        var choices = t.reply().choices();
        if (choices != null) {
            out.append("<span class=\"options\">");
            choices.options().forEach(o -> out.append("<span>").append(Html.escape(o.title())).append("</span>"));
            out.append("</span>");
        }
        out.append("<span class=\"meta\">").append(show.clock(t.settledAt() != null ? t.settledAt() : t.createdAt()))
                .append(' ').append(Ticks.of(t)).append("</span>");
        var problem = Ticks.problem(t);
        if (problem != null) {
            out.append("<span class=\"problem\">").append(Html.escape(problem)).append("</span>");
        }
        if ("pending".equals(t.status())) {
            out.append("<form method=\"post\" action=\"/console/conversations/").append(Html.escape(conversationId))
                    .append("/replies/").append(t.id()).append("/cancel\"")
                    .append(" data-confirm=\"Cancel this reply? It will not be sent.\"><input type=\"hidden\" name=\"csrf\" value=\"")
                    .append(csrf).append("\"><button type=\"submit\" class=\"link\">Cancel this reply</button></form>");
        }
        out.append("</li>");
    }
}
