package wabot.alerts;

/**
 * What one check saw about one alert.
 *
 * @param verdict firing or clear; {@code unknown} when nothing seen says either (no traffic), which keeps the state
 * @param summary one line: what is wrong, or what shows it is over
 * @param details what a person should know or do, or null
 */
record Observation(Alert alert, Verdict verdict, String summary, String details) {
    enum Verdict { FIRING, CLEAR, UNKNOWN }

    static Observation firing(Alert alert, String summary, String details) {
        return new Observation(alert, Verdict.FIRING, summary, details);
    }

    static Observation clear(Alert alert, String summary) {
        return new Observation(alert, Verdict.CLEAR, summary, null);
    }

    static Observation unknown(Alert alert) {
        return new Observation(alert, Verdict.UNKNOWN, null, null);
    }
}
