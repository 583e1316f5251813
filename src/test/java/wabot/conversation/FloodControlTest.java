package wabot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static wabot.conversation.Chat.texts;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A person sending more than {@link Policy#maxMessagesPerMinute()} gets one notice, then silence for the minute. */
class FloodControlTest {
    private static final int LIMIT = 3;

    private final Chat chat = new Chat(Chat.engine(new Policy(Duration.ofHours(24), 2000, LIMIT)),
            Session.fresh(Chat.WA_ID, Chat.WA_ID, null));

    @BeforeEach
    void useUpTheMinute() {
        chat.say("Hola");
        chat.advance(Duration.ofSeconds(10));
        chat.say("Ana");
        chat.advance(Duration.ofSeconds(10));
        assertThat(texts(chat.say("omitir"))).containsExactly("Email?");
        chat.advance(Duration.ofSeconds(10));
    }

    @Test
    void messageBeyondTheLimitGetsExactlyOneFloodNoticeAndIsNotTakenAsAnAnswer() {
        var before = chat.session;

        var decision = chat.say("ana@example.com");

        assertThat(texts(decision)).containsExactly("[flood]");
        assertThat(decision.recorded()).isEmpty();
        assertThat(decision.effects()).isEmpty();
        assertThat(chat.session).isEqualTo(before.counted(before.floodWindow(), LIMIT + 1));
    }

    @Test
    void furtherMessagesInTheSameMinuteGetNoReplyAndOnlyCountUp() {
        chat.say("ana@example.com");

        for (int count = LIMIT + 2; count <= LIMIT + 5; count++) {
            var before = chat.session;
            var decision = chat.say(count % 2 == 0 ? "reiniciar" : "cancelar");

            assertThat(decision.replies()).isEmpty();
            assertThat(decision.recorded()).isEmpty();
            assertThat(decision.effects()).isEmpty();
            assertThat(chat.session).isEqualTo(before.counted(before.floodWindow(), count));
        }
        assertThat(chat.session.state()).isEqualTo(SessionState.WAITING_FOR_ANSWER);
    }

    @Test
    void unsupportedMessagesCountTowardsTheLimitToo() {
        assertThat(texts(chat.send(chat.unsupported()))).containsExactly("[flood]");
        assertThat(chat.send(chat.unsupported()).replies()).isEmpty();
    }

    @Test
    void afterTheMinutePassesMessagesAreProcessedAgain() {
        var window = chat.session.floodWindow();
        chat.say("ana@example.com");
        chat.say("ana@example.com");
        chat.now = window.plus(Duration.ofMinutes(1));

        var decision = chat.say("ana@example.com");

        assertThat(texts(decision)).containsExactly("Comment?\n[skip-hint]");
        assertThat(decision.recorded()).extracting(a -> a.value().display()).containsExactly("ana@example.com");
        assertThat(chat.session.floodWindow()).isEqualTo(chat.now);
        assertThat(chat.session.floodCount()).isEqualTo(1);
    }
}
