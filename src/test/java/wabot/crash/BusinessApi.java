package wabot.crash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import wabot.testing.FakeExternalApi;
import wabot.testing.FakeExternalApi.Response;

/**
 * The business API's answers: each submission is answered from its payload alone, after 50 to 600 ms, so a
 * submission posted again after a kill gets the same answer. It remembers when each call was in flight, so a kill
 * can say whether it caught one.
 */
final class BusinessApi {
    private final List<long[]> windows = Collections.synchronizedList(new ArrayList<>());

    Response respond(FakeExternalApi.Call call) {
        var tag = call.answers().getOrDefault("name", "?");
        long delay = ThreadLocalRandom.current().nextLong(50, 600);
        long now = System.nanoTime();
        windows.add(new long[] {now, now + delay * 1_000_000});
        return Response.finish(People.finalMessage(tag)).delayed(Duration.ofMillis(delay));
    }

    int inFlight(long at) {
        synchronized (windows) {
            return (int) windows.stream().filter(w -> w[0] <= at && at < w[1]).count();
        }
    }
}
