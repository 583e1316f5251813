package wabot.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A person talking to the engine in a test: it feeds events with a controlled clock and keeps the session each
 * decision returns, exactly as the shell would after committing it.
 */
final class Chat {
    static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");
    static final String WA_ID = "15555550101";

    /** Every text as its key in brackets, "[skip-hint]", so a test sees which one the engine chose. */
    static final Texts TEXTS = bracketed();
    static final Question NAME = new Question("name", "Name?", true);
    static final Question NICKNAME = new Question("nickname", "Nickname?", false);
    static final Question EMAIL = new Question("email", "Email?", true);
    static final Question COMMENT = new Question("comment", "Comment?", false);
    static final Flow FLOW = new Flow(List.of(NAME, NICKNAME, EMAIL, COMMENT), TEXTS);

    private static Texts bracketed() {
        var texts = new java.util.EnumMap<Text, String>(Text.class);
        for (var key : Text.values()) {
            texts.put(key, "[" + key.key().replace('_', '-') + "]");
        }
        texts.put(Text.FINAL_MESSAGE, "[final]");
        return new Texts(texts);
    }

    final ConversationEngine engine;
    Session session;
    Instant now = T0;
    private int messages;

    Chat(ConversationEngine engine, Session session) {
        this.engine = engine;
        this.session = session;
    }

    /** Someone known by phone number, talking to the 4-question test flow with default limits. */
    static Chat withPhone() {
        return new Chat(engine(Policy.defaults()), Session.fresh(WA_ID, WA_ID, null));
    }

    static ConversationEngine engine(Policy policy) {
        return new ConversationEngine(FLOW, policy);
    }

    Decision send(Event event) {
        var decision = engine.decide(session, event, now);
        session = decision.next();
        return decision;
    }

    Decision say(String text) {
        return send(text(text));
    }

    /** A typed message, sent one second before it is processed. */
    Event.UserMessage text(String body) {
        return new Event.UserMessage(nextMessageId(), MessageKind.TEXT, body, null, now.minusSeconds(1));
    }

    Event.UserMessage choice(String title, String choiceId) {
        return new Event.UserMessage(nextMessageId(), MessageKind.CHOICE, title, choiceId, now.minusSeconds(1));
    }

    Event.UserMessage photo(String caption) {
        return new Event.UserMessage(nextMessageId(), MessageKind.MEDIA, caption, null, now.minusSeconds(1),
                new Attachment.Media("image", "media-1", "image/jpeg", "c0ffee", caption, null));
    }

    Event.UserMessage location(double latitude, double longitude) {
        return new Event.UserMessage(nextMessageId(), MessageKind.LOCATION, null, null, now.minusSeconds(1),
                new Attachment.Location(latitude, longitude, null, null));
    }

    Event.UserMessage unsupported() {
        return new Event.UserMessage(nextMessageId(), MessageKind.UNSUPPORTED, null, null, now.minusSeconds(1));
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Greets, answers every flow question and returns the decision that submitted them. */
    Decision completeFlow() {
        say("Hola");
        say("Ana");
        say("omitir");
        say("ana@example.com");
        return say("Nothing else");
    }

    static List<String> texts(Decision decision) {
        return decision.replies().stream().map(Reply::text).toList();
    }

    static Submission submission(Decision decision) {
        return decision.effects().stream()
                .map(effect -> ((Effect.CallExternalApi) effect).submission())
                .reduce((a, b) -> {
                    throw new AssertionError("more than one submission: " + decision.effects());
                })
                .orElseThrow(() -> new AssertionError("no submission in " + decision));
    }

    private String nextMessageId() {
        return "wamid.test-" + (++messages);
    }
}
