package wabot.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands each person's inbox to their conversation lane: one message at a time per person, people in parallel.
 * Waking a person whose drain is already queued is free, so intake can wake on every commit.
 */
public final class Dispatcher {
    private final Lanes lanes;
    private final Turns turns;
    private final OutboxSender sender;
    private final SubmissionWorker worker;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    public Dispatcher(Lanes lanes, Turns turns, OutboxSender sender, SubmissionWorker worker) {
        this.lanes = lanes;
        this.turns = turns;
        this.sender = sender;
        this.worker = worker;
    }

    public void wake(String userKey) {
        if (!queued.add(userKey)) {
            return;
        }
        lanes.submit(userKey, () -> {
            // Cleared before draining: a message committed from now on queues a fresh drain.
            queued.remove(userKey);
            var committed = turns.drainInbox(userKey);
            if (committed.replies()) {
                sender.wake(userKey);
            }
            if (committed.submissions()) {
                worker.wake();
            }
        });
    }
}
