package wabot.whatsapp;

import java.util.List;

/** Everything one webhook POST carried that wabot acts on. */
public record Webhook(List<Inbound> messages, List<StatusUpdate> statuses) {
    public Webhook {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
    }
}
