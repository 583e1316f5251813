package wabot.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import wabot.store.InboxStore;

/**
 * SQLite only: the messages intake stored and no turn has taken yet, per person, as the writer knows them, so that a
 * turn takes its messages from memory instead of reading them back. SQLite's single writer runs every intake and
 * every turn, one after another on one thread, so this is only ever touched from that thread and needs no lock.
 *
 * <p>A person is known once a turn has read their pending messages from the database and taken them all: from then
 * on every message stored for them is noted here as its intake stores it. Anyone else (after a start, past the bound
 * on memory) is read from the database, as before. A rolled back transaction forgets everyone: what it noted or took
 * did not happen.
 */
public final class WaitingMessages {
    /** Messages held in memory at most; past it, everyone is read from the database once more. */
    private static final int MAX_HELD = 10_000;

    private final Map<String, ArrayDeque<InboxStore.Row>> known = new HashMap<>();
    private int held;

    private WaitingMessages() {}

    /** For the one writer of a SQLite database; only that writer's transactions may use it. */
    public static WaitingMessages forTheWriter() {
        return new WaitingMessages();
    }

    /** Notes messages an intake is storing in this transaction. */
    void stored(Handle h, List<InboxStore.Row> rows) {
        boolean noted = false;
        for (var row : rows) {
            var waiting = known.get(row.message().userKey());
            if (waiting != null) {
                waiting.add(row);
                held++;
                noted = true;
            }
        }
        if (noted) {
            h.afterRollback(this::forgetAll);
            if (held > MAX_HELD) {
                forgetAll();
            }
        }
    }

    /** Up to {@code limit} of the person's waiting messages, oldest first; null when the person is not known. */
    List<InboxStore.Row> take(Handle h, String userKey, int limit) {
        var waiting = known.get(userKey);
        if (waiting == null) {
            return null;
        }
        var taken = new ArrayList<InboxStore.Row>(Math.min(limit, waiting.size()));
        while (taken.size() < limit && !waiting.isEmpty()) {
            taken.add(waiting.poll());
        }
        held -= taken.size();
        if (!taken.isEmpty()) {
            h.afterRollback(this::forgetAll);
        }
        return taken;
    }

    /** True when more of the person's messages wait in memory. */
    boolean more(String userKey) {
        var waiting = known.get(userKey);
        return waiting != null && !waiting.isEmpty();
    }

    /** The person's pending messages were all read from the database in this transaction, and are being taken. */
    void know(Handle h, String userKey) {
        if (known.putIfAbsent(userKey, new ArrayDeque<>()) == null) {
            h.afterRollback(this::forgetAll);
        }
    }

    private void forgetAll() {
        known.clear();
        held = 0;
    }
}
