package wabot.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.store.Database;

/**
 * Hands each person's inbox to their conversation lane: one message at a time per person, people in parallel.
 * Waking a person whose drain is already queued is free, so intake can wake on every commit.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int MAX_BACKLOG = 2048;
    private final Database db;
    private final Lanes lanes;
    private final Turns turns;
    private final SubmissionWorker worker;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    public Dispatcher(Database db, Lanes lanes, Turns turns, SubmissionWorker worker) {
        this.db = db;
        this.lanes = lanes;
        this.turns = turns;
        this.worker = worker;
    }

    public void wake(String userKey) {
        if (!queued.add(userKey)) {
            return;
        }
        lanes.submit(userKey, () -> {
            // Cleared before draining: a message committed from now on queues a fresh drain.
            queued.remove(userKey);
            follow(userKey, turns.drainInbox(userKey));
        });
    }

    /**
     * SQLite only: queues these people's turns right behind the intake's write that is storing their messages.
     * SQLite's single writer runs them in order, so no lane is needed to keep a person's turns one at a time,
     * and the messages and the turns they cause usually share one commit. If the turns fail, the lanes take the
     * messages over, one person at a time.
     */
    public void takeBehindIntake(Set<String> userKeys) {
        if (db.backlog() > MAX_BACKLOG) {
            // Intake outruns the conversations: queuing more would only grow memory. The messages are stored;
            // the poller hands them to the lanes as the backlog clears.
            return;
        }
        db.<Map<String, Turns.Committed>>submit(h -> {
            var taken = new LinkedHashMap<String, Turns.Committed>();
            for (var userKey : userKeys) {
                taken.put(userKey, turns.takeWaiting(h, userKey));
            }
            return taken;
        }).whenComplete((taken, error) -> {
            if (error != null) {
                log.warn("[TURN] turns queued behind intake failed, the lanes take over: {}", error.toString());
                userKeys.forEach(this::wake);
            } else {
                taken.forEach(this::follow);
            }
        });
    }

    private void follow(String userKey, Turns.Committed committed) {
        if (committed.submissions()) {
            worker.wake();
        }
        if (committed.more()) {
            wake(userKey);
        }
    }
}
