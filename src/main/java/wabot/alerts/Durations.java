package wabot.alerts;

import java.time.Duration;

/** Durations as people say them in an alert: "15 min", "2 h 5 min", "40 s". */
final class Durations {
    private Durations() {}

    static String words(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        return minutes % 60 == 0 ? hours + " h" : hours + " h " + minutes % 60 + " min";
    }
}
