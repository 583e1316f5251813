package wabot.delivery;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.store.Database;
import wabot.store.InboxStore;
import wabot.store.OutboxStore;
import wabot.whatsapp.Inbound;
import wabot.whatsapp.Webhook;

/**
 * Makes a webhook durable: its new messages go to the inbox and its statuses onto the outbox rows they describe,
 * in one transaction. Only then may Meta have its 200, and only then are the people's lanes woken.
 */
public final class Intake {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    private final Database db;
    private final InboxStore inbox;
    private final OutboxStore outbox;
    private final Dispatcher dispatcher;
    private final Clock clock;

    public Intake(Database db, InboxStore inbox, OutboxStore outbox, Dispatcher dispatcher, Clock clock) {
        this.db = db;
        this.inbox = inbox;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Stores the webhook and returns the messages that were new. */
    public List<Inbound> accept(Webhook webhook) {
        var accepted = db.write(h -> {
            var fresh = inbox.accept(h, webhook.messages(), clock.instant());
            for (var status : webhook.statuses()) {
                outbox.applyStatus(h, status);
                if (status.failed()) {
                    log.warn("[STATUS] message {} failed: {} {}", status.wamid(), status.errorCode(), status.errorDetail());
                }
            }
            return fresh;
        });
        accepted.stream().map(Inbound::userKey).distinct().forEach(dispatcher::wake);
        return accepted;
    }
}
