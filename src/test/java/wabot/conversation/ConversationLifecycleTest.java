package wabot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static wabot.conversation.Chat.T0;
import static wabot.conversation.Chat.texts;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Starting, ending, restarting, cancelling and expiring conversations. */
class ConversationLifecycleTest {
    private final Chat chat = Chat.withPhone();

    @Test
    void firstMessageStartsConversationAndAsksFirstQuestionWithoutTakingTheGreetingAsAnAnswer() {
        var decision = chat.say("Hola, buenos días");

        assertThat(texts(decision)).containsExactly("Name?");
        assertThat(decision.recorded()).isEmpty();
        assertThat(decision.effects()).isEmpty();
        var session = decision.next();
        assertThat(session.state()).isEqualTo(SessionState.WAITING_FOR_ANSWER);
        assertThat(session.position()).isZero();
        assertThat(session.answers()).isEmpty();
        assertThat(session.conversationId()).isNotNull();
        assertThat(session.startedAt()).isEqualTo(T0);
        assertThat(session.updatedAt()).isEqualTo(T0);
    }

    @Test
    void messageAfterTheConversationEndedStartsANewOneWithADifferentId() {
        chat.say("Hola");
        chat.say("Ana");
        var firstId = chat.session.conversationId();
        chat.say("cancelar");

        var decision = chat.say("Hola otra vez");

        assertThat(texts(decision)).containsExactly("Name?");
        assertThat(chat.session.state()).isEqualTo(SessionState.WAITING_FOR_ANSWER);
        assertThat(chat.session.answers()).isEmpty();
        assertThat(chat.session.conversationId()).isNotNull().isNotEqualTo(firstId);
    }

    @Test
    void resetEndsTheConversationSilentlyAndForgetsItsAnswers() {
        chat.say("Hola");
        chat.say("Ana");

        var decision = chat.send(new Event.Reset());

        assertThat(decision.replies()).isEmpty();
        assertThat(chat.session.state()).isEqualTo(SessionState.CONVERSATION_ENDED);
        assertThat(chat.session.answers()).isEmpty();
        assertThat(texts(chat.say("Hola"))).containsExactly("Name?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"reiniciar", "restart", "REINICIAR", "  Restart "})
    void restartKeywordWhileAnsweringStartsOverWithTheRestartedNotice(String keyword) {
        chat.say("Hola");
        chat.say("Ana");
        var oldId = chat.session.conversationId();

        var decision = chat.say(keyword);

        assertThat(texts(decision)).containsExactly("[restarted]\n\nName?");
        assertThat(decision.recorded()).isEmpty();
        assertThat(chat.session.state()).isEqualTo(SessionState.WAITING_FOR_ANSWER);
        assertThat(chat.session.position()).isZero();
        assertThat(chat.session.answers()).isEmpty();
        assertThat(chat.session.conversationId()).isNotEqualTo(oldId);
    }

    @Test
    void restartKeywordWhileProcessingStartsOver() {
        chat.completeFlow();

        var decision = chat.say("reiniciar");

        assertThat(texts(decision)).containsExactly("[restarted]\n\nName?");
        assertThat(decision.effects()).isEmpty();
        assertThat(chat.session.state()).isEqualTo(SessionState.WAITING_FOR_ANSWER);
        assertThat(chat.session.answers()).isEmpty();
    }

    @Test
    void restartKeywordAfterTheEndStartsOver() {
        chat.say("Hola");
        chat.say("cancel");

        assertThat(texts(chat.say("restart"))).containsExactly("[restarted]\n\nName?");
        assertThat(chat.session.state()).isEqualTo(SessionState.WAITING_FOR_ANSWER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cancelar", "cancel", "Cancelar", " CANCEL "})
    void cancelKeywordEndsTheConversation(String keyword) {
        chat.say("Hola");
        chat.say("Ana");

        var decision = chat.say(keyword);

        assertThat(texts(decision)).containsExactly("[cancelled]");
        assertThat(decision.recorded()).isEmpty();
        assertThat(decision.effects()).isEmpty();
        assertThat(chat.session.state()).isEqualTo(SessionState.CONVERSATION_ENDED);
    }

    @Test
    void sessionIdleLongerThanTheTtlStartsOverWithTheExpiredNotice() {
        chat.say("Hola");
        chat.say("Ana");
        var oldId = chat.session.conversationId();
        chat.advance(Policy.defaults().sessionTtl().plusSeconds(1));

        var decision = chat.say("ana@example.com");

        assertThat(texts(decision)).containsExactly("[expired]\n\nName?");
        assertThat(decision.recorded()).isEmpty();
        assertThat(chat.session.answers()).isEmpty();
        assertThat(chat.session.position()).isZero();
        assertThat(chat.session.conversationId()).isNotEqualTo(oldId);
        assertThat(chat.session.startedAt()).isEqualTo(chat.now);
    }

    @Test
    void sessionIdleExactlyTheTtlIsStillAlive() {
        chat.say("Hola");
        chat.advance(Policy.defaults().sessionTtl());

        var decision = chat.say("Ana");

        assertThat(texts(decision)).containsExactly("Nickname?\n[skip-hint]");
        assertThat(chat.session.answers()).extracting(a -> a.value().display()).containsExactly("Ana");
    }

    @Test
    void endedConversationDoesNotExpireItStartsOverWithoutTheExpiredNotice() {
        chat.say("Hola");
        chat.say("cancelar");
        chat.advance(Duration.ofDays(30));

        assertThat(texts(chat.say("Hola"))).containsExactly("Name?");
    }

    @Test
    void unsupportedMessageOnAnExpiredSessionStartsOverInsteadOfReaskingTheStaleQuestion() {
        chat.say("Hola");
        chat.say("Ana");
        chat.advance(Policy.defaults().sessionTtl().plusSeconds(1));

        var decision = chat.send(chat.unsupported());

        assertThat(texts(decision)).containsExactly("[expired]\n\nName?");
        assertThat(chat.session.answers()).isEmpty();
        assertThat(chat.session.position()).isZero();
    }
}
