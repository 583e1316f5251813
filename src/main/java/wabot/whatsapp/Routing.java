package wabot.whatsapp;

import java.io.IOException;
import java.util.function.Predicate;
import wabot.conversation.Reply;

/**
 * Sends to some recipients through a messenger of their own, and to everyone else through WhatsApp: the
 * simulator's people and the terminal chat's person are answered on a screen, never through Meta, even when a
 * real token is configured.
 */
public final class Routing implements Messenger {
    private final Predicate<String> local;
    private final Messenger localMessenger;
    private final Messenger others;

    public Routing(Predicate<String> local, Messenger localMessenger, Messenger others) {
        this.local = local;
        this.localMessenger = localMessenger;
        this.others = others;
    }

    @Override
    public String send(String recipient, Reply reply, String reference) throws GraphError, IOException {
        return (local.test(recipient) ? localMessenger : others).send(recipient, reply, reference);
    }

    @Override
    public java.util.concurrent.CompletableFuture<String> sendAsync(String recipient, Reply reply, String reference) {
        return (local.test(recipient) ? localMessenger : others).sendAsync(recipient, reply, reference);
    }

    /** Whether replies to everyone else are only logged; the simulator's are never sent anyway. */
    @Override
    public boolean dryRun() {
        return others.dryRun();
    }
}
