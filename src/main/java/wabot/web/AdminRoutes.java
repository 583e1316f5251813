package wabot.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import wabot.conversation.Flow;
import wabot.conversation.Reply;
import wabot.conversation.Session;
import wabot.delivery.OutboxSender;
import wabot.delivery.Turns;
import wabot.store.Database;
import wabot.store.InboxStore;
import wabot.store.OutboxStore;
import wabot.store.SessionStore;
import wabot.store.SubmissionStore;

/** The operator's endpoints: list sessions, look into one, reset one, send a test message. */
public final class AdminRoutes {
    private static final Pattern PHONE = Pattern.compile("\\+?(\\d{6,15})");
    private static final Pattern USER_KEY = Pattern.compile("\\+?([A-Za-z0-9.]{1,160})");
    private static final int TRANSCRIPT = 200;

    private final Database db;
    private final Flow flow;
    private final SessionStore sessions;
    private final InboxStore inbox;
    private final OutboxStore outbox;
    private final SubmissionStore submissions;
    private final Turns turns;
    private final OutboxSender sender;
    private final Clock clock;

    public AdminRoutes(Database db, Flow flow, SessionStore sessions, InboxStore inbox, OutboxStore outbox,
                       SubmissionStore submissions, Turns turns, OutboxSender sender, Clock clock) {
        this.db = db;
        this.flow = flow;
        this.sessions = sessions;
        this.inbox = inbox;
        this.outbox = outbox;
        this.submissions = submissions;
        this.turns = turns;
        this.sender = sender;
        this.clock = clock;
    }

    /** {@code GET /sessions}: people in an active conversation. */
    public void list(Context ctx) {
        var active = db.read(h -> sessions.active(h, 1000));
        ctx.json(Map.of("count", active.size(), "sessions", active.stream().map(this::summary).toList()));
    }

    /** {@code GET /sessions/{phone}}: one session with its answers, transcript, replies and submissions. */
    public void show(Context ctx) {
        var key = userKey(ctx.pathParam("phone"));
        var view = db.read(h -> sessions.load(h, key).map(session -> {
            var map = summary(session);
            map.put("answers", session.conversationId() == null ? List.of()
                    : sessions.answers(h, session.conversationId()).stream().map(a -> {
                        var answer = new LinkedHashMap<String, Object>();
                        answer.put("question_id", a.questionId());
                        answer.put("value", a.value().plain());
                        answer.put("choice_id", a.choiceId());
                        answer.put("answered_at", a.answeredAt().toString());
                        return answer;
                    }).toList());
            map.put("messages", inbox.recent(h, key, TRANSCRIPT));
            map.put("replies", outbox.recent(h, key, TRANSCRIPT));
            map.put("submissions", submissions.recent(h, key, 20));
            return map;
        }));
        ctx.json(view.orElseThrow(() -> new NotFoundResponse("no session for " + key)));
    }

    /** {@code GET /reset-session/{phone}}: the person's next message starts a new conversation. */
    public void reset(Context ctx) {
        var key = userKey(ctx.pathParam("phone"));
        if (!turns.reset(key)) {
            throw new NotFoundResponse("no session for " + key);
        }
        ctx.json(Map.of("user", key, "reset", true));
    }

    /** {@code GET /send-test?to=&text=}: sends through the outbox like any reply, and reports how it went. */
    public void sendTest(Context ctx) throws InterruptedException {
        var to = ctx.queryParam("to");
        var text = ctx.queryParam("text");
        var phone = to == null ? null : PHONE.matcher(to.replaceAll("[\\s()-]", ""));
        if (phone == null || !phone.matches()) {
            throw new BadRequestResponse("'to' must be a phone number in international format, 6 to 15 digits");
        }
        if (text == null || text.isBlank() || text.length() > OutboxStore.MAX_TEXT) {
            throw new BadRequestResponse("'text' must be 1 to " + OutboxStore.MAX_TEXT + " characters");
        }
        var recipient = phone.group(1);
        long id = db.write(h -> {
            var rows = outbox.enqueue(h, recipient, recipient, null, List.of(new Reply(text)), clock.instant());
            // Handed over with the commit, like a turn's replies, so it keeps its place among them.
            h.afterCommit(() -> sender.handOff(recipient, rows));
            return rows.get(0).id();
        });
        var deadline = System.nanoTime() + 10_000_000_000L;
        String status = "pending";
        while (System.nanoTime() < deadline && "pending".equals(status = db.read(h -> outbox.status(h, id)))) {
            Thread.sleep(20);
        }
        var row = db.read(h -> outbox.recent(h, recipient, TRANSCRIPT)).stream()
                .filter(r -> ((Number) r.get("id")).longValue() == id).findFirst().orElse(Map.of());
        ctx.status("failed".equals(status) ? 502 : "pending".equals(status) ? 202 : 200).json(row);
    }

    private Map<String, Object> summary(Session session) {
        var map = new LinkedHashMap<String, Object>();
        map.put("user", session.userKey());
        map.put("wa_id", session.waId());
        map.put("user_id", session.userId());
        map.put("state", session.state().name());
        map.put("conversation_id", session.conversationId());
        var question = session.currentQuestion(flow);
        map.put("current_question", question == null ? null : question.id());
        map.put("started_at", text(session.startedAt()));
        map.put("updated_at", text(session.updatedAt()));
        return map;
    }

    private static String userKey(String raw) {
        var matcher = USER_KEY.matcher(raw);
        if (!matcher.matches()) {
            throw new BadRequestResponse("not a phone number or user id: " + raw);
        }
        return matcher.group(1);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
