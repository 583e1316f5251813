package wabot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static wabot.conversation.Chat.texts;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the engine does with each message while a question is being asked. */
class AnsweringTest {
    private static final int MAX_CHARS = 10;

    private final Chat chat = new Chat(Chat.engine(new Policy(Duration.ofHours(24), MAX_CHARS, 30)),
            Session.fresh(Chat.WA_ID, Chat.WA_ID, null));

    @BeforeEach
    void greet() {
        chat.say("Hola");
    }

    @Test
    void answerIsRecordedWithTheMessageSentAtAndTheNextQuestionIsAsked() {
        var message = chat.text("  Ana ");

        var decision = chat.send(message);

        var expected = new Answer("name", "Ana", null, message.sentAt());
        assertThat(decision.recorded()).containsExactly(expected);
        assertThat(chat.session.answers()).containsExactly(expected);
        assertThat(chat.session.position()).isEqualTo(1);
        assertThat(texts(decision)).containsExactly("Nickname?\n[skip-hint]");
    }

    @Test
    void answerWithoutSentAtIsStampedWithNow() {
        var decision = chat.send(new Event.UserMessage("wamid.no-time", MessageKind.TEXT, "Ana", null, null));

        assertThat(decision.recorded()).containsExactly(new Answer("name", "Ana", null, chat.now));
    }

    @ParameterizedTest
    @ValueSource(strings = {"omitir", "skip", "OMITIR", "Skip", "  omitir  "})
    void optionalQuestionIsSkippedWithoutRecordingAnAnswer(String keyword) {
        chat.say("Ana");

        var decision = chat.say(keyword);

        assertThat(decision.recorded()).isEmpty();
        assertThat(chat.session.answers()).extracting(Answer::questionId).containsExactly("name");
        assertThat(chat.session.position()).isEqualTo(2);
        assertThat(texts(decision)).containsExactly("Email?");
    }

    @Test
    void skippedQuestionsAreLeftOutOfTheSubmission() {
        chat.say("Ana");
        chat.say("skip");
        chat.say("a@b.c");

        var decision = chat.say("Omitir");

        assertThat(Chat.submission(decision).answers()).containsOnlyKeys("name", "email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"omitir", "SKIP"})
    void skipOnARequiredQuestionReasksItWithTheRequiredText(String keyword) {
        var before = chat.session;

        var decision = chat.say(keyword);

        assertThat(texts(decision)).containsExactly("[required]\n\nName?");
        assertThat(decision.recorded()).isEmpty();
        assertThat(chat.session.position()).isEqualTo(before.position());
        assertThat(chat.session.answers()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void emptyAnswerReasksTheQuestion(String blank) {
        var decision = chat.say(blank);

        assertThat(texts(decision)).containsExactly("Name?");
        assertThat(decision.recorded()).isEmpty();
        assertThat(chat.session.position()).isZero();
    }

    @Test
    void emptyAnswerToAnOptionalQuestionReasksItWithTheSkipHint() {
        chat.say("Ana");

        assertThat(texts(chat.say(""))).containsExactly("Nickname?\n[skip-hint]");
        assertThat(chat.session.position()).isEqualTo(1);
    }

    @Test
    void answerLongerThanTheLimitIsRefusedWithTheTooLongText() {
        var decision = chat.say("x".repeat(MAX_CHARS + 1));

        assertThat(texts(decision)).containsExactly("[too-long]\n\nName?");
        assertThat(decision.recorded()).isEmpty();
        assertThat(chat.session.answers()).isEmpty();
        assertThat(chat.session.position()).isZero();
    }

    @Test
    void answerLengthIsCountedInCodePointsNotChars() {
        var cactuses = "🌵".repeat(MAX_CHARS); // twice as many UTF-16 chars, but exactly the limit in code points

        var decision = chat.say(cactuses);

        assertThat(decision.recorded()).extracting(a -> a.value().display()).containsExactly(cactuses);
    }

    @Test
    void choiceAnswerKeepsTheChoiceId() {
        var decision = chat.send(chat.choice("Ana", "person_ana"));

        assertThat(decision.recorded()).singleElement().satisfies(answer -> {
            assertThat(answer.value()).isEqualTo(Value.text("Ana"));
            assertThat(answer.choiceId()).isEqualTo("person_ana");
        });
    }

    @Test
    void tappedChoiceTitledSkipIsAnAnswerNotASkip() {
        chat.say("Ana");

        var decision = chat.send(chat.choice("Skip", "skip_button"));

        assertThat(decision.recorded()).extracting(a -> a.value().display()).containsExactly("Skip");
    }

    @Test
    void unsupportedMessageGetsTheTextOnlyReplyAndTheCurrentQuestionWithoutChangingProgress() {
        chat.say("Ana");
        var before = chat.session;

        var decision = chat.send(chat.unsupported());

        assertThat(texts(decision)).containsExactly("[text-only]\n\nNickname?\n[skip-hint]");
        assertThat(decision.recorded()).isEmpty();
        assertThat(chat.session.state()).isEqualTo(before.state());
        assertThat(chat.session.position()).isEqualTo(before.position());
        assertThat(chat.session.answers()).isEqualTo(before.answers());
        assertThat(chat.session.conversationId()).isEqualTo(before.conversationId());
    }

    @Test
    void unsupportedMessageWithNoConversationGetsOnlyTheTextOnlyReply() {
        var stranger = Chat.withPhone();

        var decision = stranger.send(stranger.unsupported());

        assertThat(texts(decision)).containsExactly("[text-only]");
        assertThat(stranger.session.state()).isEqualTo(SessionState.CONVERSATION_ENDED);
        assertThat(stranger.session.conversationId()).isNull();
    }
}
