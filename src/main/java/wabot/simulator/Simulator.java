package wabot.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import wabot.conversation.Answer;
import wabot.conversation.Session;
import wabot.store.SessionStore;
import wabot.conversation.Attachment;
import wabot.delivery.Intake;
import wabot.numbers.Line;
import wabot.numbers.Switchboard;
import wabot.store.Database;
import wabot.store.InboxStore;
import wabot.store.OutboxStore;
import wabot.store.Owed;
import wabot.whatsapp.Deliveries;
import wabot.whatsapp.MalformedWebhook;
import wabot.whatsapp.WebhookParser;

/**
 * Talks to the bot as a person on WhatsApp would, without WhatsApp: each message is a Meta-shaped delivery, addressed
 * to one of the business numbers, that goes through the parser, the switchboard and intake into the inbox, and from
 * there takes the path every message takes (engine, outbox, messenger). The replies are read back from the outbox
 * once they have left it. The terminal chat and the web simulator are both screens over this. A person is named by
 * their wa_id or BSUID; their conversation is the one with this simulator's number.
 */
public final class Simulator {
    /** The most lines one read returns; a screen reads again from where it stopped. */
    private static final int PAGE = 200;

    /** What a person said and was told since a screen last looked, and whether the bot still owes them anything. */
    public record View(List<InboxStore.Said> said, List<OutboxStore.Left> told, Owed.Counts owed) {}

    private final WebhookParser parser;
    private final Switchboard switchboard;
    private final Line line;
    private final Intake intake;
    private final Database db;
    private final InboxStore inbox;
    private final OutboxStore outbox;
    private final Owed owed;
    private final SessionStore sessions;
    private final Deliveries deliveries;
    private final Clock clock;

    /** @param line the number the simulated people write to */
    public Simulator(WebhookParser parser, Switchboard switchboard, Line line, Intake intake, Database db,
                     InboxStore inbox, OutboxStore outbox, Owed owed, SessionStore sessions, Clock clock) {
        this.sessions = sessions;
        this.parser = parser;
        this.switchboard = switchboard;
        this.line = line;
        this.intake = intake;
        this.db = db;
        this.inbox = inbox;
        this.outbox = outbox;
        this.owed = owed;
        // Without PHONE_NUMBER_ID the single number answers deliveries to any number, these included.
        this.deliveries = new Deliveries(line.id() == null ? "simulator" : line.id(), "15550000000");
        this.clock = clock;
    }

    /** The number the simulated people write to. */
    public Line line() {
        return line;
    }

    /** Sends a text as {@code person}; returns its message id. */
    public String say(Deliveries.Person person, String text) {
        var wamid = Deliveries.newWamid();
        deliver(person, deliveries.text(person, wamid, clock.instant(), text));
        return wamid;
    }

    /** Taps an option of a reply: a reply button, or a row of a list ({@code list}); {@code context} is that reply's wamid. */
    public String tap(Deliveries.Person person, boolean list, String optionId, String title, String context) {
        var wamid = Deliveries.newWamid();
        deliver(person, deliveries.tap(person, wamid, clock.instant(), list, optionId, title, context));
        return wamid;
    }

    /** Sends a media file (its id made up: the file never leaves the screen) or a location. */
    public String send(Deliveries.Person person, Attachment attachment) {
        var wamid = Deliveries.newWamid();
        var now = clock.instant();
        deliver(person, attachment instanceof Attachment.Media media ? deliveries.media(person, wamid, now, media)
                : deliveries.location(person, wamid, now, (Attachment.Location) attachment));
        return wamid;
    }

    /** Tells wabot the person read these replies, as WhatsApp's read receipts do. */
    public void read(Deliveries.Person person, List<String> wamids) {
        for (var wamid : wamids) {
            accept(deliveries.status(wamid, "read", person, clock.instant(), null));
        }
    }

    /** Everything after the given inbox and outbox ids: a screen passes the last ids it showed. */
    public View since(String person, long afterSaid, long afterTold) {
        var key = line.keyOf(person);
        return db.read(h -> new View(inbox.since(h, key, afterSaid, PAGE), outbox.leftSince(h, key, afterTold, PAGE),
                owed.of(h, key)));
    }

    /** A person's session as stored, with the answers of its latest conversation. */
    public record Stored(Session session, List<Answer> answers, Owed.Counts owed) {}

    public Optional<Stored> stored(String person) {
        var key = line.keyOf(person);
        return db.read(h -> sessions.load(h, key).map(session -> new Stored(session,
                session.conversationId() == null ? List.of() : sessions.answers(h, session.conversationId()),
                owed.of(h, key))));
    }

    public Owed.Counts owed(String person) {
        return db.read(h -> owed.of(h, line.keyOf(person)));
    }

    /** The texts of the replies still waiting to leave the outbox. */
    public List<String> pendingReplies(String person) {
        return db.read(h -> outbox.pendingTexts(h, line.keyOf(person), PAGE));
    }

    private void deliver(Deliveries.Person person, ObjectNode message) {
        accept(deliveries.envelope(List.of(person), List.of(message)));
    }

    private void accept(byte[] body) {
        try {
            intake.accept(switchboard.route(parser.parse(body)));
        } catch (MalformedWebhook e) {
            throw new IllegalStateException("the simulator built a delivery its own parser refuses: " + e.getMessage(), e);
        }
    }
}
