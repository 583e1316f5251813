package wabot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static wabot.conversation.Chat.T0;
import static wabot.conversation.Chat.texts;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Finishing the questions: the hand-over to the business API and what happens while it works. */
class SubmissionTest {
    private final Chat chat = Chat.withPhone();

    @Test
    void answeringTheLastQuestionMovesToProcessingAndCallsTheApiExactlyOnce() {
        chat.say("Hola");
        chat.say("Ana");
        chat.say("Anita");
        chat.say("ana@example.com");
        chat.advance(Duration.ofMinutes(3));

        var decision = chat.say("Thanks");

        assertThat(texts(decision)).containsExactly("[processing]");
        assertThat(decision.recorded()).extracting(Answer::questionId).containsExactly("comment");
        assertThat(decision.effects()).hasSize(1).first().isInstanceOf(Effect.CallExternalApi.class);
        assertThat(chat.session.state()).isEqualTo(SessionState.PROCESSING_API);
        var submission = Chat.submission(decision);
        assertThat(submission.id()).isEqualTo(chat.session.submissionId());
        assertThat(submission.conversationId()).isEqualTo(chat.session.conversationId());
        assertThat(submission.userPhone()).isEqualTo("+15555550101");
        assertThat(submission.userId()).isNull();
        assertThat(submission.startedAt()).isEqualTo(T0);
        assertThat(submission.answers()).containsExactly(entry("name", Value.text("Ana")), entry("nickname", Value.text("Anita")),
                entry("email", Value.text("ana@example.com")), entry("comment", Value.text("Thanks")));
    }

    @Test
    void personKnownOnlyByBsuidIsSubmittedWithoutPhoneButWithUserId() {
        var bsuid = "US.13000000000000000001";
        var chat = new Chat(Chat.engine(Policy.defaults()), Session.fresh(bsuid, null, bsuid));

        var submission = Chat.submission(chat.completeFlow());

        assertThat(submission.userPhone()).isNull();
        assertThat(submission.userId()).isEqualTo(bsuid);
    }

    @Test
    void personWithPhoneAndBsuidIsSubmittedWithBoth() {
        var chat = new Chat(Chat.engine(Policy.defaults()), Session.fresh(Chat.WA_ID, Chat.WA_ID, "US.1"));

        var submission = Chat.submission(chat.completeFlow());

        assertThat(submission.userPhone()).isEqualTo("+15555550101");
        assertThat(submission.userId()).isEqualTo("US.1");
    }

    @Test
    void messageWhileProcessingGetsPleaseWaitAndChangesNothing() {
        chat.completeFlow();
        var before = chat.session;

        var decision = chat.say("Hello? Are you there?");

        assertThat(texts(decision)).containsExactly("[please-wait]");
        assertThat(decision.recorded()).isEmpty();
        assertThat(decision.effects()).isEmpty();
        assertThat(chat.session.state()).isEqualTo(SessionState.PROCESSING_API);
        assertThat(chat.session.answers()).isEqualTo(before.answers());
        assertThat(chat.session.submissionId()).isEqualTo(before.submissionId());
    }

    @Test
    void submissionIdIsStableSoARetryAfterACrashReusesIt() {
        chat.say("Hola");
        chat.say("Ana");
        chat.say("omitir");
        chat.say("ana@example.com");
        var beforeLastAnswer = chat.session;
        var lastAnswer = chat.text("Nothing else");

        var first = chat.engine.decide(beforeLastAnswer, lastAnswer, chat.now);
        var replayed = chat.engine.decide(beforeLastAnswer, lastAnswer, chat.now.plusSeconds(30));

        assertThat(Chat.submission(replayed).id()).isEqualTo(Chat.submission(first).id());
        assertThat(first.next().submissionId()).isEqualTo(first.next().submissionId())
                .isEqualTo(Chat.submission(first).id());
    }

    @Test
    void differentConversationsGetDifferentSubmissionIds() {
        var first = Chat.submission(chat.completeFlow());
        chat.say("cancelar");

        var second = Chat.submission(chat.completeFlow());

        assertThat(second.conversationId()).isNotEqualTo(first.conversationId());
        assertThat(second.id()).isNotEqualTo(first.id());
    }
}
