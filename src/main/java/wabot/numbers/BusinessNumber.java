package wabot.numbers;

import java.net.URI;
import wabot.conversation.Flow;

/**
 * One WhatsApp business number as the settings describe it: where its messages come from, which flow they talk to,
 * how its replies leave and where its finished conversations go.
 *
 * @param phoneNumberId Meta's id of the number ({@code metadata.phone_number_id}); null only for a single-number
 *                      deployment without {@code PHONE_NUMBER_ID}, which answers deliveries addressed to any number
 * @param name          how people who run wabot call the number (the console, alerts, the business API's payload);
 *                      null for a single-number deployment, which has no numbers file to name it
 * @param flowSource    where the flow came from, for people: a path, or {@code bundled}
 * @param tokenVariable the variable that holds the number's Graph API token; null for a dry run
 * @param token         the token itself; never shown
 * @param apiUrl        the business API its conversations are posted to; null when none is configured
 * @param sendRate      replies per second at most, as Meta counts a number's throughput
 */
public record BusinessNumber(String phoneNumberId, String name, String flowSource, Flow flow, String tokenVariable,
                             String token, URI apiUrl, double sendRate) {

    /** True when replies are only logged and stored, never sent: no token. */
    public boolean dryRun() {
        return token == null;
    }

    /** How logs and alerts name the number: {@code Sales (106540352242922)}, or its id alone. */
    public String label() {
        if (phoneNumberId == null) {
            return "the number";
        }
        return name == null ? phoneNumberId : name + " (" + phoneNumberId + ")";
    }

    @Override
    public String toString() {
        return "BusinessNumber[" + label() + ", flow=" + flowSource + ", token=" + (token == null ? "none (dry run)"
                : tokenVariable) + ", api=" + apiUrl + ", sendRate=" + sendRate + "/s]";
    }
}
