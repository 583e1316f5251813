package wabot.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import wabot.conversation.Answer;
import wabot.conversation.Question;
import wabot.conversation.Session;
import wabot.conversation.SessionState;
import wabot.numbers.Line;
import wabot.store.ConversationStore;
import wabot.store.InboxStore;
import wabot.store.OutboxStore;
import wabot.store.SubmissionStore;
import wabot.web.Html;

/**
 * One conversation: its transcript as chat bubbles beside the answers and submissions, and what an operator may do
 * about it (reset it, retry a failed submission, cancel a reply still waiting).
 */
final class ConversationPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the page shows; {@code session} only while this is the person's current conversation, {@code line} the
     * number it is with (null when that number is no longer served).
     */
    record View(ConversationStore.Row conversation, Line line, Session session, List<InboxStore.Said> said,
                List<OutboxStore.Told> told, List<Answer> answers, List<SubmissionStore.Stored> submissions,
                List<ConversationStore.Row> others, boolean truncated) {
        /** The questions of its number's flow; none when the number is no longer served. */
        List<Question> questions() {
            return line == null ? List.of() : line.flow().questions();
        }
    }

    private final Show show;
    private final boolean several;
    private final Transcript transcript;

    /** @param several true when the deployment serves several numbers, and the page says which one this is with */
    ConversationPage(Show show, boolean several) {
        this.show = show;
        this.several = several;
        this.transcript = new Transcript(show);
    }

    String body(View v, String csrf) {
        var c = v.conversation();
        var out = new StringBuilder(32_768);
        out.append("<nav class=\"crumbs\"><a href=\"/console/conversations\">Conversations</a> / <span>")
                .append(Html.escape(Show.contact(c))).append("</span></nav>")
                .append("<div class=\"heading\"><h1>").append(Show.person(c)).append("</h1>")
                .append(Show.status(c.status())).append("</div><div class=\"conversation\">");
        transcript.html(out, v, csrf);
        out.append("<aside class=\"side\">");
        about(out, v, csrf);
        answers(out, v);
        submissions(out, v, csrf);
        others(out, v);
        return out.append("</aside></div>").toString();
    }

    // ---- the side ----------------------------------------------------------------------------------------------

    private void about(StringBuilder out, View v, String csrf) {
        var c = v.conversation();
        out.append("<section class=\"card\"><h2>Conversation</h2><dl class=\"facts\">");
        if (several) {
            fact(out, "Number", v.line() == null ? "<span class=\"muted\">no longer served</span>"
                    : Html.escape(v.line().number().label()));
        }
        fact(out, "Started", show.when(c.startedAt()));
        if (c.endedAt() != null) {
            fact(out, "Ended", show.when(c.endedAt()) + " · " + Html.escape(ending(c.status())));
        } else if (v.session() != null) {
            fact(out, "Last activity", show.when(v.session().updatedAt()));
            fact(out, "Now", Html.escape(now(v.session(), v.line())));
        }
        fact(out, "Phone", c.waId() == null ? "<span class=\"muted\">not shared</span>" : Html.escape("+" + c.waId()));
        if (c.userId() != null) {
            fact(out, "User id", "<code>" + Html.escape(c.userId()) + "</code>");
        }
        fact(out, "Id", "<code class=\"small\">" + Html.escape(c.conversationId()) + "</code>");
        out.append("</dl>");
        if (c.active() && v.session() != null && v.session().state() != SessionState.CONVERSATION_ENDED) {
            out.append("<form method=\"post\" action=\"/console/conversations/").append(Html.escape(c.conversationId()))
                    .append("/reset\" data-confirm=\"Reset this conversation? The person's next message starts over at")
                    .append(" the first question.\"><input type=\"hidden\" name=\"csrf\" value=\"").append(csrf)
                    .append("\"><button type=\"submit\" class=\"danger\" id=\"reset\">Reset conversation</button>")
                    .append("<small class=\"muted\">The person is not told; their next message starts over.</small></form>");
        }
        out.append("</section>");
    }

    private static String now(Session session, Line line) {
        if (session.state() == SessionState.PROCESSING_API) {
            return "Waiting for your API's answer";
        }
        if (line == null) {
            return "Waiting; its number is no longer served";
        }
        var question = session.currentQuestion(line.flow());
        var all = session.questions(line.flow()).size();
        return question == null ? "Between questions"
                : "Asked question " + (session.position() + 1) + " of " + all + " (" + question.id() + ")";
    }

    private static String ending(String status) {
        switch (status) {
            case "finished": return "your API answered";
            case "failed": return "your API could not be reached; the person got the apology";
            case "cancelled": return "the person cancelled";
            case "abandoned": return "the person stopped answering";
            case "restarted": return "the person started over";
            case "reset": return "reset by an operator";
            default: return "before the console kept endings";
        }
    }

    private void answers(StringBuilder out, View v) {
        out.append("<section class=\"card\"><h2>Answers <span class=\"count\">").append(v.answers().size())
                .append("</span></h2>");
        if (v.answers().isEmpty()) {
            out.append("<p class=\"empty-state\">No answer yet.</p></section>");
            return;
        }
        out.append("<dl class=\"answers\">");
        for (var a : v.answers()) {
            var question = v.questions().stream().filter(q -> q.id().equals(a.questionId())).findFirst();
            out.append("<div><dt><code>").append(Html.escape(a.questionId())).append("</code>");
            question.ifPresent(q -> out.append(" <span class=\"muted\">").append(Html.escape(q.text())).append("</span>"));
            out.append("</dt><dd>").append(Html.escape(a.value().display())).append("<small>").append(show.when(a.answeredAt()))
                    .append("</small></dd></div>");
        }
        out.append("</dl></section>");
    }

    private void submissions(StringBuilder out, View v, String csrf) {
        out.append("<section class=\"card\"><h2>Submissions <span class=\"count\">").append(v.submissions().size())
                .append("</span></h2>");
        if (v.submissions().isEmpty()) {
            out.append("<p class=\"empty-state\">Not posted to your API yet: that happens after the last question.</p>");
        }
        for (var s : v.submissions()) {
            var label = "done".equals(s.status()) ? "Delivered" : "failed".equals(s.status()) ? "Failed" : "Pending";
            out.append("<article class=\"submission\" id=\"submission-").append(Html.escape(s.id())).append("\"><header>")
                    .append(Show.pill(s.status(), label)).append("<span class=\"muted\">")
                    .append(s.attempts()).append(s.attempts() == 1 ? " attempt" : " attempts").append("</span></header><dl class=\"facts\">");
            fact(out, "Idempotency-Key", "<code class=\"small\">" + Html.escape(s.id()) + "</code>");
            fact(out, "Created", show.when(s.createdAt()));
            if (s.completedAt() != null) {
                fact(out, "done".equals(s.status()) ? "Answered" : "Closed", show.when(s.completedAt()));
            }
            if (s.error() != null) {
                fact(out, "Last error", "<span class=\"error\">" + Html.escape(s.error()) + "</span>");
            }
            out.append("</dl>");
            if (s.response() != null) {
                out.append("<details><summary>Your API's answer</summary><pre>").append(Html.escape(pretty(s.response())))
                        .append("</pre></details>");
            }
            out.append("<details><summary>Payload</summary><pre>").append(Html.escape(pretty(s.payload())))
                    .append("</pre></details>");
            if ("failed".equals(s.status())) {
                out.append("<form method=\"post\" action=\"/console/conversations/")
                        .append(Html.escape(v.conversation().conversationId())).append("/submissions/")
                        .append(Html.escape(s.id()))
                        .append("/retry\"><input type=\"hidden\" name=\"csrf\" value=\"").append(csrf)
                        .append("\"><button type=\"submit\" class=\"retry\">Retry now</button><small class=\"muted\">")
                        .append("Same Idempotency-Key. The answers reach your API; the person's chat stays closed.")
                        .append("</small></form>");
            }
            out.append("</article>");
        }
        out.append("</section>");
    }

    private void others(StringBuilder out, View v) {
        var others = v.others().stream()
                .filter(o -> !o.conversationId().equals(v.conversation().conversationId())).toList();
        if (others.isEmpty()) {
            return;
        }
        out.append("<section class=\"card\"><h2>Other conversations</h2><ul class=\"others\">");
        for (var o : others) {
            out.append("<li><a href=\"/console/conversations/").append(Html.escape(o.conversationId())).append("\">")
                    .append(show.when(o.startedAt())).append("</a> ").append(Show.status(o.status())).append("</li>");
        }
        out.append("</ul></section>");
    }

    private static void fact(StringBuilder out, String term, String html) {
        out.append("<div><dt>").append(term).append("</dt><dd>").append(html).append("</dd></div>");
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (java.io.IOException | RuntimeException notJson) {
            return json;
        }
    }
}
