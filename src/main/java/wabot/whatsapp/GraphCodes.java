package wabot.whatsapp;

import java.util.Map;

/**
 * What Meta's error codes mean to the people who run wabot, in a line each (from Meta's error code table), and the
 * two families that need a person at once: a dead token, and an app or number that Meta has blocked or restricted.
 */
public final class GraphCodes {
    private static final Map<Integer, String> MEANINGS = Map.ofEntries(
            Map.entry(0, "No error code from Meta: the send failed on the network, or Meta answered without a code"),
            Map.entry(1, "A temporary problem at Meta; retried"),
            Map.entry(2, "A temporary problem at Meta; retried"),
            Map.entry(3, "The app lacks a capability or permission this send needs"),
            Map.entry(4, "The app made too many API calls (app-wide limit); retried later"),
            Map.entry(10, "Permission denied: the app lacks whatsapp_business_messaging, or the number is not assigned to it"),
            Map.entry(100, "Invalid parameter: a field is wrong or too long, or PHONE_NUMBER_ID is wrong"),
            Map.entry(190, "The access token expired or is invalid: replace WHATSAPP_TOKEN"),
            Map.entry(368, "Temporarily blocked for policy violations: see Policy Enforcement in WhatsApp Manager"),
            Map.entry(80007, "The WhatsApp Business Account hit its API rate limit; retried later"),
            Map.entry(130429, "The number's throughput limit was reached; retried with backoff"),
            Map.entry(130472, "The person is part of a Meta experiment; not delivered"),
            Map.entry(131000, "Something went wrong at Meta; retried"),
            Map.entry(131005, "Access denied: the token lacks the permission this number needs"),
            Map.entry(131016, "Meta's service is unavailable; retried"),
            Map.entry(131026, "Undeliverable: not on WhatsApp, an old app, or Meta's terms not accepted"),
            Map.entry(131031, "The business account is locked: someone must act in WhatsApp Manager"),
            Map.entry(131047, "More than 24 hours since the person last wrote: only a template can reach them"),
            Map.entry(131048, "Spam rate limit: too many of the number's messages were blocked or reported"),
            Map.entry(131049, "Not delivered to keep engagement healthy (Meta's per-person marketing limit)"),
            Map.entry(131050, "The person stopped marketing messages"),
            Map.entry(131051, "Unsupported message type"),
            Map.entry(131053, "The media could not be uploaded or sent"),
            Map.entry(131056, "Too many messages to this person in a short time; retried for them alone"),
            Map.entry(131057, "The business account is in maintenance; retried after a minute"),
            Map.entry(131062, "This message cannot be sent to a business-scoped user id"),
            Map.entry(132000, "Template parameters do not match the template"),
            Map.entry(132001, "The template does not exist or is not approved in that language"),
            Map.entry(132012, "A template parameter has the wrong format"),
            Map.entry(132015, "The template is paused for low quality"));

    private GraphCodes() {}

    /** One line on what {@code code} means and what happens about it. */
    public static String meaning(int code) {
        var known = MEANINGS.get(code);
        if (known != null) {
            return known;
        }
        if (code >= 200 && code <= 299) {
            return "Permission problem: the token lacks a permission this send needs";
        }
        return "Not in wabot's table: see Meta's error codes";
    }

    /** True for a code wabot's table knows (a meter's label takes only these). */
    public static boolean known(int code) {
        return MEANINGS.containsKey(code) || code >= 200 && code <= 299;
    }

    /** Meta refuses the access token: every send fails until WHATSAPP_TOKEN is replaced. */
    public static boolean tokenDead(int code) {
        return code == GraphError.TOKEN_INVALID;
    }

    /**
     * Meta has blocked or restricted the app or the number, or taken a permission away: sends fail until a person
     * acts in WhatsApp Manager or the app's settings.
     */
    public static boolean restricted(int code) {
        return code == 368 || code == 131031 || code == 131005 || code == 3 || code == 10
                || code >= 200 && code <= 299;
    }
}
