package wabot.whatsapp;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import wabot.conversation.Reply;

/** Sends one message to a person: a text, or a text with buttons or a list; what the outbox sender needs from WhatsApp. */
public interface Messenger {

    /**
     * @param recipient a {@code wa_id} (digits) or a BSUID
     * @param reference wabot's own id for the message; Meta echoes it in status webhooks
     * @return the wamid Meta assigned, which later status webhooks refer to
     * @throws GraphError  Meta answered with an error
     * @throws IOException Meta could not be reached or did not answer in time
     */
    String send(String recipient, Reply reply, String reference) throws GraphError, IOException;

    /**
     * Like {@link #send}, without holding the caller's thread while the message travels: the future completes with
     * the wamid, or fails with the {@link GraphError} or {@link IOException} that {@code send} would throw. It may
     * complete on a thread of the messenger's own, which must not be kept waiting. Messengers that answer at once
     * (a screen, the dry run) need not override it.
     */
    default CompletableFuture<String> sendAsync(String recipient, Reply reply, String reference) {
        try {
            return CompletableFuture.completedFuture(send(recipient, reply, reference));
        } catch (GraphError | IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** True when messages are only logged and stored, never sent. */
    default boolean dryRun() {
        return false;
    }
}
