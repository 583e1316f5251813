package wabot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static wabot.conversation.Chat.texts;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the business API's verdict, or its failure, steers the conversation. */
class ApiOutcomeTest {
    private static final Question PLAN = new Question("plan", "Which plan?", true);
    private static final Question SEATS = new Question("seats", "How many seats?", true);

    private final Chat chat = Chat.withPhone();
    private Submission submitted;

    @BeforeEach
    void completeTheFlow() {
        submitted = Chat.submission(chat.completeFlow());
    }

    @Test
    void continueWithQuestionsSendsTheMessageThenAsksTheFirstAdditionalQuestion() {
        var decision = chat.send(new Event.ApiReplied(submitted.id(), true, "Almost done", List.of(PLAN, SEATS), null));

        assertThat(texts(decision)).containsExactly("Almost done", "Which plan?");
        assertThat(decision.effects()).isEmpty();
        assertThat(chat.session.state()).isEqualTo(SessionState.WAITING_FOR_ANSWER);
        assertThat(chat.session.extraQuestions()).containsExactly(PLAN, SEATS);
        assertThat(chat.session.currentQuestion(chat.engine.flow())).isEqualTo(PLAN);
    }

    @Test
    void continueWithQuestionsAndNoMessageOnlyAsksTheQuestion() {
        var decision = chat.send(new Event.ApiReplied(submitted.id(), true, "  ", List.of(PLAN), null));

        assertThat(texts(decision)).containsExactly("Which plan?");
    }

    @Test
    void additionalQuestionsBelongToThatSessionOnly() {
        chat.send(new Event.ApiReplied(submitted.id(), true, null, List.of(PLAN, SEATS), null));
        var other = new Chat(chat.engine, Session.fresh("447700900123", "447700900123", null));

        var otherSubmission = Chat.submission(other.completeFlow());

        assertThat(other.session.extraQuestions()).isEmpty();
        assertThat(otherSubmission.answers()).containsOnlyKeys("name", "email", "comment");
        assertThat(chat.engine.flow().questions()).hasSize(4);
    }

    @Test
    void answeringTheAdditionalQuestionsResubmitsAllAnswersUnderANewSubmissionId() {
        chat.send(new Event.ApiReplied(submitted.id(), true, null, List.of(PLAN, SEATS), null));

        assertThat(texts(chat.say("Pro"))).containsExactly("How many seats?");
        var decision = chat.say("12");

        assertThat(texts(decision)).containsExactly("[processing]");
        assertThat(chat.session.state()).isEqualTo(SessionState.PROCESSING_API);
        var resubmitted = Chat.submission(decision);
        assertThat(resubmitted.id()).isNotEqualTo(submitted.id()).isEqualTo(chat.session.submissionId());
        assertThat(resubmitted.conversationId()).isEqualTo(submitted.conversationId());
        assertThat(resubmitted.answers()).containsExactly(entry("name", Value.text("Ana")), entry("email", Value.text("ana@example.com")),
                entry("comment", Value.text("Nothing else")), entry("plan", Value.text("Pro")), entry("seats", Value.text("12")));
    }

    @Test
    void finalReplyEndsTheConversationWithTheFinalMessage() {
        var decision = chat.send(new Event.ApiReplied(submitted.id(), false, null, List.of(), "Ticket #42 opened"));

        assertThat(texts(decision)).containsExactly("Ticket #42 opened");
        assertThat(decision.effects()).isEmpty();
        assertThat(chat.session.state()).isEqualTo(SessionState.CONVERSATION_ENDED);
    }

    @Test
    void finalReplyWithoutFinalMessageEndsWithTheDefaultText() {
        var decision = chat.send(new Event.ApiReplied(submitted.id(), false, "ignored", List.of(), null));

        assertThat(texts(decision)).containsExactly("[final]");
        assertThat(chat.session.state()).isEqualTo(SessionState.CONVERSATION_ENDED);
    }

    @Test
    void continueWithoutQuestionsEndsTheConversationWithItsMessage() {
        var decision = chat.send(new Event.ApiReplied(submitted.id(), true, "We will call you", List.of(), null));

        assertThat(texts(decision)).containsExactly("We will call you");
        assertThat(chat.session.state()).isEqualTo(SessionState.CONVERSATION_ENDED);
    }

    @Test
    void continueWithoutQuestionsOrMessageEndsWithTheDefaultText() {
        assertThat(texts(chat.send(new Event.ApiReplied(submitted.id(), true, null, null, null))))
                .containsExactly("[final]");
        assertThat(chat.session.state()).isEqualTo(SessionState.CONVERSATION_ENDED);
    }

    @Test
    void replyOrFailureForAStaleSubmissionIsIgnored() {
        var before = chat.session;

        var reply = chat.send(new Event.ApiReplied("not-" + submitted.id(), false, null, List.of(), "bye"));
        var failure = chat.send(new Event.ApiFailed("not-" + submitted.id(), "timeout"));

        assertThat(reply.replies()).isEmpty();
        assertThat(failure.replies()).isEmpty();
        assertThat(chat.session).isEqualTo(before);
    }

    @Test
    void replyForTheSubmissionOfARestartedConversationIsIgnored() {
        chat.say("reiniciar");
        var before = chat.session;

        var decision = chat.send(new Event.ApiReplied(submitted.id(), false, null, List.of(), "bye"));

        assertThat(decision.replies()).isEmpty();
        assertThat(decision.next()).isEqualTo(before);
    }

    @Test
    void apiFailureApologisesAndEndsTheConversationKeepingTheAnswers() {
        var decision = chat.send(new Event.ApiFailed(submitted.id(), "HTTP 500 after 4 attempts"));

        assertThat(texts(decision)).containsExactly("[apology]");
        assertThat(decision.effects()).isEmpty();
        assertThat(chat.session.state()).isEqualTo(SessionState.CONVERSATION_ENDED);
        assertThat(chat.session.answers()).hasSize(3);
    }
}
