package wabot.conversation;

import java.util.List;

/**
 * What the engine decided: the session to store, the answers it recorded, what to say and what else to do.
 * The shell commits all of it in one transaction.
 */
public record Decision(Session next, List<Answer> recorded, List<Reply> replies, List<Effect> effects) {
    public Decision {
        recorded = List.copyOf(recorded);
        replies = List.copyOf(replies);
        effects = List.copyOf(effects);
    }

    static Decision of(Session next, String... replies) {
        return new Decision(next, List.of(), java.util.Arrays.stream(replies).map(Reply::new).toList(), List.of());
    }
}
