package wabot.delivery;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.store.Database;
import wabot.store.InboxStore;
import wabot.store.OutboxStore;
import wabot.whatsapp.Inbound;
import wabot.whatsapp.Webhook;

/**
 * Makes a webhook durable: its new messages go to the inbox and its statuses onto the outbox rows they describe,
 * in one transaction. Only then may Meta have its 200. On SQLite the people's turns are queued right behind it
 * and usually commit with it; elsewhere their lanes are woken after the commit.
 */
public final class Intake {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    private final Database db;
    private final InboxStore inbox;
    private final OutboxStore outbox;
    private final Dispatcher dispatcher;
    private final Clock clock;
    /** SQLite only (else null): the messages stored and not taken, handed to the turns that run behind. */
    private final WaitingMessages waiting;

    public Intake(Database db, InboxStore inbox, OutboxStore outbox, Dispatcher dispatcher, WaitingMessages waiting,
                  Clock clock) {
        this.waiting = waiting;
        this.db = db;
        this.inbox = inbox;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Stores the webhook and returns the messages that were new. */
    public List<Inbound> accept(Webhook webhook) {
        try {
            return acceptAsync(webhook).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Like {@link #accept}, without waiting for the commit on SQLite: the future completes with the new messages on
     * the writer's thread, right after the commit, so whatever it runs there must be short. Elsewhere the write is
     * done on the caller's thread and the future is complete on return.
     */
    public CompletableFuture<List<Inbound>> acceptAsync(Webhook webhook) {
        if (!db.isSqlite()) {
            try {
                var accepted = db.write(h -> store(h, webhook));
                accepted.stream().map(Inbound::userKey).distinct().forEach(dispatcher::wake);
                return CompletableFuture.completedFuture(accepted);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        var stored = db.submitUrgent(h -> store(h, webhook));
        var people = new LinkedHashSet<String>();
        webhook.messages().forEach(message -> people.add(message.userKey()));
        if (!people.isEmpty()) {
            dispatcher.takeBehindIntake(people);
        }
        return stored;
    }

    private List<Inbound> store(Handle h, Webhook webhook) {
        var rows = inbox.store(h, webhook.messages(), clock.instant());
        if (waiting != null) {
            waiting.stored(h, rows);
        }
        var fresh = rows.stream().map(InboxStore.Row::message).toList();
        for (var status : webhook.statuses()) {
            outbox.applyStatus(h, status);
            if (status.failed()) {
                log.warn("[STATUS] message {} failed: {} {}", status.wamid(), status.errorCode(), status.errorDetail());
            }
        }
        return fresh;
    }
}
