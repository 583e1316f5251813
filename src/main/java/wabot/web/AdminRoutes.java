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
import wabot.conversation.Reply;
import wabot.conversation.Session;
import wabot.delivery.OutboxSender;
import wabot.delivery.Turns;
import wabot.numbers.Line;
import wabot.numbers.Switchboard;
import wabot.numbers.UserKey;
import wabot.store.Database;
import wabot.store.InboxStore;
import wabot.store.OutboxStore;
import wabot.store.SessionStore;
import wabot.store.SubmissionStore;

/**
 * The operator's endpoints: list sessions, look into one, reset one, send a test message. With several numbers, each
 * takes {@code ?number=} (a phone_number_id) to name the number; their shapes are in {@code docs/openapi.yaml}.
 */
public final class AdminRoutes {
    private static final Pattern PHONE = Pattern.compile("\\+?(\\d{6,15})");
    private static final Pattern USER_KEY = Pattern.compile("\\+?([A-Za-z0-9.]{1,160})");
    private static final int TRANSCRIPT = 200;

    private final Database db;
    private final Switchboard lines;
    private final SessionStore sessions;
    private final InboxStore inbox;
    private final OutboxStore outbox;
    private final SubmissionStore submissions;
    private final Turns turns;
    private final OutboxSender sender;
    private final Clock clock;

    public AdminRoutes(Database db, Switchboard lines, SessionStore sessions, InboxStore inbox, OutboxStore outbox,
                       SubmissionStore submissions, Turns turns, OutboxSender sender, Clock clock) {
        this.db = db;
        this.lines = lines;
        this.sessions = sessions;
        this.inbox = inbox;
        this.outbox = outbox;
        this.submissions = submissions;
        this.turns = turns;
        this.sender = sender;
        this.clock = clock;
    }

    /** {@code GET /sessions[?number=]}: people in an active conversation, with any number or with one. */
    public void list(Context ctx) {
        var number = ctx.queryParam("number") == null ? null : line(ctx.queryParam("number"));
        var active = db.read(h -> sessions.active(h, number == null ? null : number.scope(), 1000));
        ctx.json(Map.of("count", active.size(), "sessions", active.stream().map(this::summary).toList()));
    }

    /** {@code GET /sessions/{phone}[?number=]}: one session with its answers, transcript, replies and submissions. */
    public void show(Context ctx) {
        var key = sessionKey(ctx);
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
        ctx.json(view.orElseThrow(() -> new NotFoundResponse("no session for " + UserKey.person(key))));
    }

    /** {@code GET /reset-session/{phone}[?number=]}: the person's next message starts a new conversation. */
    public void reset(Context ctx) {
        var key = sessionKey(ctx);
        if (!turns.reset(key)) {
            throw new NotFoundResponse("no session for " + UserKey.person(key));
        }
        var line = lines.lineOf(key);
        var body = new LinkedHashMap<String, Object>();
        body.put("user", UserKey.person(key));
        body.put("number", number(line));
        body.put("reset", true);
        ctx.json(body);
    }

    /**
     * {@code GET /send-test?to=&text=[&number=]}: sends from the number (by default the first) through the outbox
     * like any reply, and reports how it went.
     */
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
        var from = ctx.queryParam("number") == null ? lines.first() : line(ctx.queryParam("number"));
        // Queued with the person's replies from that number, so it keeps their order.
        var key = from.keyOf(recipient);
        long id = db.write(h -> {
            var rows = outbox.enqueue(h, key, recipient, null, List.of(new Reply(text)), clock.instant());
            // Handed over with the commit, like a turn's replies, so it keeps its place among them.
            h.afterCommit(() -> sender.handOff(key, rows));
            return rows.get(0).id();
        });
        var deadline = System.nanoTime() + 10_000_000_000L;
        String status = "pending";
        while (System.nanoTime() < deadline && "pending".equals(status = db.read(h -> outbox.status(h, id)))) {
            Thread.sleep(20);
        }
        var row = new LinkedHashMap<String, Object>(db.read(h -> outbox.recent(h, key, TRANSCRIPT)).stream()
                .filter(r -> ((Number) r.get("id")).longValue() == id).findFirst().orElse(Map.of()));
        row.put("number", number(from));
        ctx.status("failed".equals(status) ? 502 : "pending".equals(status) ? 202 : 200).json(row);
    }

    private Map<String, Object> summary(Session session) {
        var line = lines.lineOf(session.userKey());
        var map = new LinkedHashMap<String, Object>();
        map.put("user", UserKey.person(session.userKey()));
        map.put("number", number(line));
        map.put("wa_id", session.waId());
        map.put("user_id", session.userId());
        map.put("state", session.state().name());
        map.put("conversation_id", session.conversationId());
        var question = line == null ? null : session.currentQuestion(line.flow());
        map.put("current_question", question == null ? null : question.id());
        map.put("started_at", text(session.startedAt()));
        map.put("updated_at", text(session.updatedAt()));
        return map;
    }

    /**
     * The key of the session the path names: the person's conversations with the {@code ?number=} given. Without
     * one, the only number, or else the one number the person has a session with.
     */
    private String sessionKey(Context ctx) {
        var raw = ctx.pathParam("phone");
        var matcher = USER_KEY.matcher(raw);
        if (!matcher.matches()) {
            throw new BadRequestResponse("not a phone number or user id: " + raw);
        }
        var person = matcher.group(1);
        if (ctx.queryParam("number") != null) {
            return line(ctx.queryParam("number")).keyOf(person);
        }
        if (lines.lines().size() == 1) {
            return lines.first().keyOf(person);
        }
        var keys = db.read(h -> lines.lines().stream().map(l -> l.keyOf(person))
                .filter(key -> sessions.load(h, key).isPresent()).toList());
        if (keys.size() > 1) {
            throw new BadRequestResponse(person + " has sessions with several numbers; name one with ?number="
                    + String.join(" or ?number=", keys.stream().map(k -> lines.lineOf(k).id()).toList()));
        }
        return keys.isEmpty() ? lines.first().keyOf(person) : keys.get(0);
    }

    /** The number {@code ?number=} names, which must be one served here. */
    private Line line(String phoneNumberId) {
        return lines.line(phoneNumberId.strip()).orElseThrow(() -> new NotFoundResponse(
                "no number with phone_number_id " + phoneNumberId + " is served here"));
    }

    /** A number as the operator endpoints show it: its id and name; both null when unknown. */
    static Map<String, Object> number(Line line) {
        var number = new LinkedHashMap<String, Object>();
        number.put("phone_number_id", line == null ? null : line.id());
        number.put("name", line == null ? null : line.number().name());
        return number;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
