package wabot.crash;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lives of the processes of a crash run. Every launch of any instance gets its own number, which it puts in
 * what it sends (its phone number id in the Graph URL, a query string on the business API URL), so every recorded
 * send and call says which life made it, however late the fakes handle it. A life ends by a kill, or by the final
 * stop.
 */
final class Lives {
    /** One launch: the instance it was, and the kill that ended it (0 if none did). */
    record Life(int launch, String instance, int killedBy) {
        @Override
        public String toString() {
            return instance + "#" + launch + (killedBy > 0 ? " (killed by kill " + killedBy + ")" : "");
        }
    }

    private final Map<Integer, Life> lives = new ConcurrentHashMap<>();

    void started(int launch, String instance) {
        lives.put(launch, new Life(launch, instance, 0));
    }

    void killed(int launch, int kill) {
        lives.computeIfPresent(launch, (n, life) -> new Life(n, life.instance(), kill));
    }

    /** The life of a launch number, as a request recorded it; {@code what} names the part of the request. */
    Life of(String what, String launch) {
        try {
            var life = lives.get(Integer.parseInt(launch.replaceFirst("^launch=", "")));
            if (life != null) {
                return life;
            }
        } catch (RuntimeException bad) {
            // reported below
        }
        throw new AssertionError("a request whose " + what + " names no launch of this test: " + launch);
    }
}
