package wabot.alerts;

/**
 * What one check saw about one alert, about the whole deployment or one part of it.
 *
 * @param verdict firing or clear; {@code unknown} when nothing seen says either (no traffic), which keeps the state
 * @param summary one line: what is wrong, or what shows it is over
 * @param details what a person should know or do, or null
 * @param subject what the alert is about when it may fire for each separately (a number's id, an instance's
 *                circuit), kept as its own alert; null for the deployment
 */
record Observation(Alert alert, Verdict verdict, String summary, String details, String subject) {
    enum Verdict { FIRING, CLEAR, UNKNOWN }

    static Observation firing(Alert alert, String summary, String details) {
        return new Observation(alert, Verdict.FIRING, summary, details, null);
    }

    static Observation clear(Alert alert, String summary) {
        return new Observation(alert, Verdict.CLEAR, summary, null, null);
    }

    static Observation unknown(Alert alert) {
        return new Observation(alert, Verdict.UNKNOWN, null, null, null);
    }

    /** This observation, about {@code subject} only. */
    Observation about(String subject) {
        return new Observation(alert, verdict, summary, details, subject);
    }

    /** The name the alert's state is stored under: {@code whatsapp_token_invalid@106540352242922}. */
    String key() {
        return subject == null ? alert.id() : alert.id() + "@" + subject;
    }
}
