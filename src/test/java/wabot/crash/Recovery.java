package wabot.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import wabot.crash.People.Person;

/**
 * How long people waited because of each kill: from the kill, and from the restart, until every reply owed at the
 * kill instant had reached the fake Graph API. The replies owed then include those the killed process had claimed
 * (a send, a business API call), which is what a claim that outlives its process would hold back.
 */
final class Recovery {
    /** One kill's wait; times are nanoTimes, 0 while not known yet. */
    static final class Wait {
        final int kill;
        final long killedAt;
        final Map<Person, Integer> owed;
        final int owedReplies;
        volatile long restartedAt;
        volatile long doneAt;
        /** The reply that came last, and to whom: what kept people waiting longest. */
        volatile String last = "";

        Wait(int kill, long killedAt, Map<Person, Integer> owed) {
            this.kill = kill;
            this.killedAt = killedAt;
            this.owed = owed;
            this.owedReplies = owed.entrySet().stream()
                    .mapToInt(e -> Math.max(0, e.getValue() - e.getKey().receivedCount())).sum();
        }

        boolean done() {
            return doneAt != 0;
        }

        /** Seconds from the kill until everything owed at it had arrived. */
        double afterKill() {
            return Run.seconds(doneAt - killedAt);
        }

        /** Seconds from the restart (wabot answering again) until then; 0 if it all arrived before the restart. */
        double afterRestart() {
            return Math.max(0, Run.seconds(doneAt - restartedAt));
        }
    }

    private final List<Wait> waits = new ArrayList<>();

    synchronized void killed(int kill, long at, Map<Person, Integer> owed) {
        waits.add(new Wait(kill, at, owed));
    }

    synchronized void restarted(int kill, long at) {
        waits.stream().filter(w -> w.kill == kill).forEach(w -> w.restartedAt = at);
    }

    /** After the people heard of the latest sends: closes the waits whose replies have all arrived. */
    synchronized void check(long now) {
        for (var wait : waits) {
            if (wait.done()) {
                continue;
            }
            var waiting = wait.owed.entrySet().stream().filter(e -> e.getKey().receivedCount() < e.getValue()).toList();
            if (waiting.size() == 1) {
                var person = waiting.get(0).getKey();
                wait.last = person.phone + " '" + person.expectedAt(waiting.get(0).getValue() - 1) + "'";
            }
            if (waiting.isEmpty()) {
                wait.doneAt = now;
            }
        }
    }

    synchronized List<Wait> waits() {
        return List.copyOf(waits);
    }
}
