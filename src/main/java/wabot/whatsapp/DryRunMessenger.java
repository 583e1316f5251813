package wabot.whatsapp;

import java.util.UUID;
import wabot.conversation.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Without a WhatsApp token wabot still runs end to end: replies are logged and stored, not sent. */
public final class DryRunMessenger implements Messenger {
    private static final Logger log = LoggerFactory.getLogger(DryRunMessenger.class);
    private final String from;

    /** @param from how the log names the business number the replies would leave from */
    public DryRunMessenger(String from) {
        this.from = from;
    }

    public DryRunMessenger() {
        this(null);
    }

    @Override
    public String send(String recipient, Reply reply, String reference) {
        log.info("[SEND] dry-run{} to={} text={}{}", from == null ? "" : " from=" + from, recipient, reply.text().replace("\n", "\\n"),
                reply.choices() == null ? "" : " " + reply.choices().style().name().toLowerCase(java.util.Locale.ROOT)
                        + "=" + reply.choices().options().stream().map(o -> o.title()).toList());
        return "dryrun." + UUID.randomUUID();
    }

    @Override
    public boolean dryRun() {
        return true;
    }
}
