package wabot.alerts;

import java.time.Duration;

/**
 * A share of failures over a window, judged with a floor on the count: one failure of one is not 100 %. It fires
 * once {@code minEvents} have been seen and at least {@code percent} failed; it clears when the share drops below;
 * a window with nothing in it proves neither.
 */
final class Share {
    private Share() {}

    static Observation judge(Alert alert, String things, int failed, int total, int percent, int minEvents,
                             Duration window, String details) {
        if (total == 0) {
            return Observation.unknown(alert);
        }
        int share = (int) Math.round(failed * 100.0 / total);
        var counted = failed + " of the last " + total + " " + things + " failed (" + share + " %) in "
                + Durations.words(window);
        if (failed * 100L >= (long) percent * total) {
            return total >= minEvents
                    ? Observation.firing(alert, counted + "; the threshold is " + percent + " %", details)
                    : Observation.unknown(alert);
        }
        return Observation.clear(alert, counted + ", under the threshold of " + percent + " %");
    }
}
