package wabot.cli;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import wabot.conversation.Reply;
import wabot.whatsapp.Messenger;

/** The chat person's phone: a reply leaves the outbox like any other and appears on the screen. */
final class ChatPhone implements Messenger {
    private final Screen screen;
    private final Set<String> unread = ConcurrentHashMap.newKeySet();

    ChatPhone(Screen screen) {
        this.screen = screen;
    }

    @Override
    public String send(String recipient, Reply reply, String reference) {
        var wamid = "wamid.CHAT-" + UUID.randomUUID();
        screen.reply(reply, wamid);
        unread.add(wamid);
        return wamid;
    }

    /** The replies shown since the last call: the person has read them by the time they answer. */
    Set<String> takeUnread() {
        var read = Set.copyOf(unread);
        unread.removeAll(read);
        return read;
    }
}
