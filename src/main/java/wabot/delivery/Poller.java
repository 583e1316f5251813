package wabot.delivery;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.store.Database;
import wabot.store.InboxStore;

/**
 * The safety net under the in-process wake-ups: it finds work that no wake-up announced, such as rows a crash
 * left behind, retries that fell due, or rows another instance wrote.
 */
public final class Poller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    private final Periodic timer = new Periodic("wabot-poller");
    private final Database db;
    private final InboxStore inbox;
    private final Dispatcher dispatcher;
    private final OutboxSender sender;
    private final SubmissionWorker worker;

    public Poller(Database db, InboxStore inbox, Dispatcher dispatcher, OutboxSender sender, SubmissionWorker worker) {
        this.db = db;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.sender = sender;
        this.worker = worker;
    }

    public void start(Duration every) {
        timer.every(Duration.ZERO, every, this::pollOnce);
    }

    public void pollOnce() {
        try {
            db.read(h -> inbox.usersWithPending(h, 1000)).forEach(dispatcher::wake);
            sender.wakeDue();
            worker.wake();
        } catch (RuntimeException e) {
            log.error("[POLL] failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.close();
    }
}
