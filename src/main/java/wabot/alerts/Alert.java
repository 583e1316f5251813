package wabot.alerts;

import java.util.Locale;

/** The conditions that need a person, each with its name in logs and payloads, its severity and a title. */
public enum Alert {
    WHATSAPP_TOKEN_INVALID("critical", "WhatsApp rejects the access token"),
    WHATSAPP_RESTRICTED("critical", "WhatsApp has blocked or restricted the app or the number"),
    BUSINESS_API_CIRCUIT_OPEN("critical", "The business API's circuit is open"),
    SUBMISSIONS_FAILING("critical", "Submissions to the business API are failing"),
    REPLIES_FAILING("warning", "Replies are failing"),
    OUTBOX_STUCK("warning", "Replies are waiting too long to be sent");

    private final String severity;
    private final String title;

    Alert(String severity, String title) {
        this.severity = severity;
        this.title = title;
    }

    /** {@code whatsapp_token_invalid}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String severity() {
        return severity;
    }

    public String title() {
        return title;
    }
}
