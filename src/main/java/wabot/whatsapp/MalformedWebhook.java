package wabot.whatsapp;

/** A webhook body that is not the JSON Meta sends; answered with 400, never with a 500. */
public final class MalformedWebhook extends Exception {
    public MalformedWebhook(String message) {
        super(message);
    }
}
