package wabot.simulator;

import java.util.UUID;
import wabot.conversation.Reply;
import wabot.whatsapp.Messenger;

/**
 * The simulator's side of sending: a reply to a simulated person leaves the outbox like any other, is marked
 * sent, and the simulator page reads it from there. Nothing goes to Meta.
 */
public final class SimulatedPhones implements Messenger {
    @Override
    public String send(String recipient, Reply reply, String reference) {
        return "wamid.SIM-" + UUID.randomUUID();
    }
}
