package wabot.delivery;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.store.Database;
import wabot.store.OutboxStore;
import wabot.store.SubmissionStore;

/**
 * What an operator may do to a conversation, through the paths a message takes: a reset is a turn
 * ({@link Turns#reset}); a retried submission is made due again and posted by the submission worker, with its own
 * id as Idempotency-Key; a cancelled reply leaves the outbox in a transactional write, and the person's next
 * replies go on in order. Nothing here writes a session or sends anything itself.
 */
public final class OperatorActions {
    private static final Logger log = LoggerFactory.getLogger(OperatorActions.class);
    private final Database db;
    private final Turns turns;
    private final SubmissionStore submissions;
    private final OutboxStore outbox;
    private final SubmissionWorker worker;
    private final OutboxSender sender;
    private final Clock clock;

    public OperatorActions(Database db, Turns turns, SubmissionStore submissions, OutboxStore outbox,
                           SubmissionWorker worker, OutboxSender sender, Clock clock) {
        this.db = db;
        this.turns = turns;
        this.submissions = submissions;
        this.outbox = outbox;
        this.worker = worker;
        this.sender = sender;
        this.clock = clock;
    }

    /** Ends the person's conversation; their next message starts a new one. False when they have no session. */
    public boolean reset(String userKey) {
        return turns.reset(userKey);
    }

    /**
     * Posts a failed submission again now, for a fresh round of attempts. If the business API takes it, its
     * answers are delivered; the person's conversation, already ended with the apology, is not reopened. False
     * when the submission is not failed (any more).
     */
    public boolean retrySubmission(String id) {
        if (!db.write(h -> submissions.retryNow(h, id, clock.instant()))) {
            return false;
        }
        log.info("[API_CALL] submission={} retry asked by an operator", id);
        worker.wake();
        return true;
    }

    /** Withdraws a reply still waiting to be sent. False when it already left the outbox. */
    public boolean cancelReply(long id) {
        var user = db.write(h -> {
            var cancelled = outbox.cancel(h, id, clock.instant());
            // It may have been handed over: from the commit on, the person's queue is read again.
            cancelled.ifPresent(u -> h.afterCommit(() -> sender.distrust(u)));
            return cancelled;
        });
        user.ifPresent(u -> {
            log.info("[SEND] outbox={} to={} cancelled by an operator", id, u);
            sender.wake(u); // the replies behind it were held back by it
        });
        return user.isPresent();
    }
}
