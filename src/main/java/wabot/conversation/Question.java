package wabot.conversation;

import java.util.Objects;

/** One question of a flow: what to ask, under which id the answer is filed, and whether it may be skipped. */
public record Question(String id, String text, boolean required) {
    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
