package wabot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every decision is named as an operator would name it, and says which conversation it ends, and how. */
class TurnOutcomeTest {
    private final Chat chat = Chat.withPhone();

    /** Feeds {@code event} and returns how the turn is classified. */
    private TurnOutcome turn(Event event) {
        var before = chat.session;
        var decision = chat.send(event);
        return TurnOutcome.of(before, event, decision, chat.engine.policy(), chat.now);
    }

    private TurnOutcome say(String text) {
        return turn(chat.text(text));
    }

    @Test
    void aWholeConversationReadsAsAnOperatorWouldTellIt() {
        var outcomes = new ArrayList<TurnOutcome>();
        outcomes.add(say("Hola"));
        outcomes.add(say("Ana"));
        outcomes.add(say("omitir"));
        outcomes.add(turn(chat.unsupported()));
        outcomes.add(say("omitir"));
        outcomes.add(say("ana@example.com"));
        outcomes.add(say("Nothing else"));
        outcomes.add(say("Hello?"));
        var submission = chat.session.submissionId();
        outcomes.add(turn(new Event.ApiReplied(submission, false, null, List.of(), "Bye")));
        outcomes.add(turn(new Event.ApiReplied(submission, false, null, List.of(), "Bye again")));

        assertThat(outcomes).containsExactly(TurnOutcome.STARTED, TurnOutcome.ANSWERED, TurnOutcome.SKIPPED,
                TurnOutcome.ASKED_AGAIN, TurnOutcome.ASKED_AGAIN, TurnOutcome.ANSWERED, TurnOutcome.SUBMITTED,
                TurnOutcome.WAITING, TurnOutcome.FINISHED, TurnOutcome.IGNORED);
        assertThat(TurnOutcome.FINISHED.endsAs()).isEqualTo("finished");
        assertThat(TurnOutcome.ASKED_AGAIN.label()).isEqualTo("asked_again");
    }

    @Test
    void moreQuestionsFromTheApiContinueAndItsFailureFails() {
        chat.completeFlow();
        var first = chat.session.submissionId();
        var more = new Question("plan", "Which plan?", true);
        assertThat(turn(new Event.ApiReplied(first, true, "More", List.of(more), null))).isEqualTo(TurnOutcome.CONTINUED);
        assertThat(say("Gold")).isEqualTo(TurnOutcome.SUBMITTED);

        assertThat(turn(new Event.ApiFailed(chat.session.submissionId(), "down"))).isEqualTo(TurnOutcome.FAILED);
        assertThat(turn(new Event.ApiFailed(first, "late"))).isEqualTo(TurnOutcome.IGNORED);
    }

    @Test
    void startingOverEndsTheOpenConversationAsRestartedOrAbandoned() {
        say("Hola");
        assertThat(say("reiniciar")).isEqualTo(TurnOutcome.RESTARTED);
        assertThat(TurnOutcome.RESTARTED.endsAs()).isEqualTo("restarted");

        chat.advance(Duration.ofHours(25));
        assertThat(say("Ana")).isEqualTo(TurnOutcome.EXPIRED);
        assertThat(TurnOutcome.EXPIRED.endsAs()).isEqualTo("abandoned");
    }

    @Test
    void cancellingResettingAndGreetingAgainAfterTheEnd() {
        say("Hola");
        assertThat(say("cancelar")).isEqualTo(TurnOutcome.CANCELLED);
        assertThat(say("reiniciar")).as("a new conversation after the end is a start").isEqualTo(TurnOutcome.STARTED);
        assertThat(turn(new Event.Reset())).isEqualTo(TurnOutcome.RESET);
        assertThat(TurnOutcome.RESET.endsAs()).isEqualTo("reset");
    }

    @Test
    void messagesOverTheMinuteLimitAreFlooded() {
        var strict = new Chat(Chat.engine(new Policy(Duration.ofHours(24), 2000, 2)), Session.fresh("1", "1", null));
        var before = strict.session;
        strict.say("Hola");
        strict.say("Ana");
        before = strict.session;
        var event = strict.text("again");
        var decision = strict.send(event);

        assertThat(TurnOutcome.of(before, event, decision, strict.engine.policy(), strict.now))
                .isEqualTo(TurnOutcome.FLOODED);
    }
}
