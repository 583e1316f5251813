package wabot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static wabot.conversation.Chat.texts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wabot.answers.ChoiceAnswer;
import wabot.answers.DateAnswer;
import wabot.answers.DateBound;
import wabot.answers.LocationAnswer;
import wabot.answers.MediaAnswer;
import wabot.answers.NumberAnswer;
import wabot.answers.YesNoAnswer;

/**
 * The engine with typed questions and branches: it records values, re-asks with a specific refusal, tells taps on
 * other questions' buttons apart, skips questions whose condition fails, and goes back over what was asked.
 */
class TypedConversationTest {
    static final Question TOPIC = new Question("topic", "¿Sobre qué?", true, new ChoiceAnswer(List.of(
            new Choices.Option("billing", "Facturación", null), new Choices.Option("refunds", "Reembolsos", null),
            new Choices.Option("other", "Otro", null))), Condition.ALWAYS, null);
    static final Question INVOICE = new Question("invoice", "¿Número de factura?", true,
            new NumberAnswer(true, BigDecimal.ONE, null),
            new Condition(List.of(new Condition.Test("topic", Condition.Operator.IN,
                    List.of(Value.text("billing"), Value.text("refunds"))))), "Escribe solo el número de la factura.");
    static final Question URGENT = new Question("urgent", "¿Es urgente?", true, new YesNoAnswer(), Condition.ALWAYS, null);
    static final Question DEADLINE = new Question("deadline", "¿Para cuándo?", true,
            new DateAnswer(DateBound.parse("today"), null),
            new Condition(List.of(new Condition.Test("urgent", Condition.Operator.EQUALS, List.of(Value.bool(true))))),
            null);
    static final Question PHOTO = new Question("photo", "¿Una foto?", false, new MediaAnswer("image"),
            Condition.ALWAYS, null);
    static final Question PLACE = new Question("place", "¿Dónde estás?", true, new LocationAnswer(),
            new Condition(List.of(new Condition.Test("invoice", Condition.Operator.GTE, List.of(Value.number(BigDecimal.valueOf(100)))))),
            null);
    static final Flow FLOW = new Flow(List.of(TOPIC, INVOICE, URGENT, DEADLINE, PHOTO, PLACE), Chat.TEXTS,
            Language.ES, Language.ES.commands(), java.time.ZoneOffset.UTC);

    private final Chat chat = new Chat(new ConversationEngine(FLOW, Policy.defaults()),
            Session.fresh(Chat.WA_ID, Chat.WA_ID, null));

    private static String ask(Question question, String before) {
        return Prompt.of(question, Chat.TEXTS, before).text();
    }

    @BeforeEach
    void greet() {
        assertThat(chat.say("Hola").replies()).containsExactly(Prompt.of(TOPIC, Chat.TEXTS, null));
    }

    @Test
    void aWholeBranchingConversationPostsTypedValues() {
        assertThat(texts(chat.send(chat.choice("Facturación", "topic:billing")))).containsExactly(ask(INVOICE, null));
        assertThat(texts(chat.say("1.500"))).containsExactly(ask(URGENT, null));
        assertThat(texts(chat.send(chat.choice("Sí", "urgent:yes")))).containsExactly(ask(DEADLINE, null));
        assertThat(texts(chat.say("mañana"))).containsExactly(ask(PHOTO, null));
        assertThat(texts(chat.send(chat.photo("la factura")))).containsExactly(ask(PLACE, null));

        var decision = chat.send(chat.location(-34.6, -58.4));

        assertThat(texts(decision)).containsExactly("[processing]");
        assertThat(Chat.submission(decision).answers()).containsExactly(
                Map.entry("topic", Value.text("billing")),
                Map.entry("invoice", Value.number(BigDecimal.valueOf(1500))),
                Map.entry("urgent", Value.bool(true)),
                Map.entry("deadline", Value.text("2026-09-02")),
                Map.entry("photo", new Value.Fields(Map.of("type", Value.text("image"), "media_id", Value.text("media-1"),
                        "mime_type", Value.text("image/jpeg"), "sha256", Value.text("c0ffee"),
                        "caption", Value.text("la factura")))),
                Map.entry("place", new Value.Fields(Map.of("latitude", Value.number(new BigDecimal("-34.6")),
                        "longitude", Value.number(new BigDecimal("-58.4"))))));
    }

    @Test
    void questionsWhoseConditionFailsAreNeitherAskedNorPosted() {
        assertThat(texts(chat.say("otro"))).as("no invoice for another topic").containsExactly(ask(URGENT, null));
        assertThat(texts(chat.say("no"))).as("no deadline when not urgent").containsExactly(ask(PHOTO, null));

        var decision = chat.say("omitir");

        assertThat(texts(decision)).as("no place without an invoice of 100 or more").containsExactly("[processing]");
        assertThat(Chat.submission(decision).answers()).containsExactly(
                Map.entry("topic", Value.text("other")), Map.entry("urgent", Value.bool(false)));
    }

    @Test
    void aRefusedAnswerReasksWithTheReasonAndRecordsNothing() {
        var decision = chat.say("ventas");

        assertThat(texts(decision)).containsExactly(ask(TOPIC, "[choice-invalid]"));
        assertThat(decision.replies().get(0).choices()).as("the buttons come again").isNotNull();
        assertThat(decision.recorded()).isEmpty();
        assertThat(chat.session.position()).isZero();
        assertThat(chat.session.answers()).isEmpty();
    }

    @Test
    void aQuestionsOwnErrorReplacesTheTypesRefusal() {
        chat.say("facturación");

        assertThat(texts(chat.say("la de agosto"))).containsExactly(ask(INVOICE, "Escribe solo el número de la factura."));
        assertThat(texts(chat.say("0"))).containsExactly(ask(INVOICE, "Escribe solo el número de la factura."));
    }

    @Test
    void aTapOnAnEarlierQuestionsButtonIsNotAnAnswerToThisOne() {
        chat.send(chat.choice("Otro", "topic:other"));
        assertThat(chat.session.position()).isEqualTo(2);

        var decision = chat.send(chat.choice("Reembolsos", "topic:refunds"));

        assertThat(texts(decision)).containsExactly(ask(URGENT, "[other-question-choice]"));
        assertThat(decision.recorded()).isEmpty();
        assertThat(chat.session.answerMap()).containsExactly(Map.entry("topic", Value.text("other")));
        assertThat(chat.send(chat.choice("No", "urgent:no")).recorded()).extracting(Answer::value)
                .containsExactly(Value.bool(false));
    }

    @Test
    void theTapKeepsItsWireIdAndTheValueIsTheOptionId() {
        var decision = chat.send(chat.choice("Reembolsos", "topic:refunds"));

        assertThat(decision.recorded()).singleElement().satisfies(answer -> {
            assertThat(answer.value()).isEqualTo(Value.text("refunds"));
            assertThat(answer.choiceId()).isEqualTo("topic:refunds");
        });
    }

    @Test
    void backGoesToTheLatestAskedQuestionPassingOverThoseLeftOutByTheirCondition() {
        chat.say("otro");
        chat.say("no");
        assertThat(chat.session.position()).as("at the photo").isEqualTo(4);

        var decision = chat.say("atrás");

        assertThat(texts(decision)).as("past the deadline, never asked").containsExactly(ask(URGENT, null));
        assertThat(chat.session.position()).isEqualTo(2);
        assertThat(chat.session.answerMap()).containsOnlyKeys("topic");
        assertThat(decision.effects()).containsExactly(
                new Effect.WithdrawAnswers(chat.session.conversationId(), List.of("urgent")));
        assertThat(texts(chat.say("Atras"))).as("and past the invoice").containsExactly(ask(TOPIC, null));
        assertThat(chat.session.answers()).isEmpty();
    }

    @Test
    void backReturnsToAQuestionSkippedWithTheSkipWord() {
        chat.say("facturación");
        chat.say("250");
        chat.say("no");
        assertThat(texts(chat.say("omitir"))).containsExactly(ask(PLACE, null));

        var decision = chat.say("atrás");

        assertThat(texts(decision)).as("the photo was asked, then skipped").containsExactly(ask(PHOTO, null));
        assertThat(chat.session.answerMap()).containsOnlyKeys("topic", "invoice", "urgent");
        assertThat(decision.effects()).containsExactly(
                new Effect.WithdrawAnswers(chat.session.conversationId(), List.of("photo")));
    }

    @Test
    void backIsNoCommandWhileTheBusinessApiHasTheAnswers() {
        chat.say("otro");
        chat.say("no");
        chat.say("omitir");
        assertThat(chat.session.state()).isEqualTo(SessionState.PROCESSING_API);

        assertThat(texts(chat.say("back"))).containsExactly("[please-wait]");
    }

    @Test
    void changingAnAnswerAfterGoingBackChangesTheBranch() {
        chat.say("facturación");
        chat.say("250");
        chat.say("atrás");
        chat.say("atrás");
        assertThat(chat.session.position()).isZero();

        chat.say("otro");
        chat.say("no");
        var decision = chat.say("omitir");

        assertThat(Chat.submission(decision).answers()).as("the invoice went with its branch")
                .containsOnlyKeys("topic", "urgent");
    }

    @Test
    void backOnTheFirstQuestionSaysThereIsNone() {
        assertThat(texts(chat.say("volver"))).containsExactly(ask(TOPIC, "[no-earlier-question]"));
        assertThat(chat.session.position()).isZero();
    }

    @Test
    void helpRepeatsTheQuestionWithAHintAndTheCommands() {
        chat.say("facturación");

        var decision = chat.say("¿Ayuda?");

        assertThat(texts(decision)).containsExactly(ask(INVOICE, "[number-hint] [number-too-small]\n[commands-hint]"));
        assertThat(decision.recorded()).isEmpty();
        assertThat(chat.session.position()).isEqualTo(1);
    }

    @Test
    void theBusinessApisQuestionsBranchOnEarlierAnswersToo() {
        chat.say("otro");
        chat.say("no");
        var submitted = chat.say("omitir");
        var onlyIfUrgent = new Question("callback", "¿Te llamamos?", true, new YesNoAnswer(),
                new Condition(List.of(new Condition.Test("urgent", Condition.Operator.EQUALS, List.of(Value.bool(true))))),
                null);
        var always = new Question("rating", "¿Qué nota nos das?", true, new NumberAnswer(true, null, null),
                Condition.ALWAYS, null);

        var decision = chat.send(new Event.ApiReplied(Chat.submission(submitted).id(), true, "Una cosa más.",
                List.of(onlyIfUrgent, always), null));

        assertThat(texts(decision)).containsExactly("Una cosa más.", ask(always, null));
        assertThat(chat.session.currentQuestion(FLOW)).isEqualTo(always);
        var resubmitted = chat.say("9");
        assertThat(Chat.submission(resubmitted).answers()).containsOnlyKeys("topic", "urgent", "rating");
    }

    @Test
    void whenEveryAddedQuestionIsRuledOutTheReplysMessageCloses() {
        chat.say("otro");
        chat.say("no");
        var submitted = chat.say("omitir");
        var onlyIfUrgent = new Question("callback", "¿Te llamamos?", true, new YesNoAnswer(),
                new Condition(List.of(new Condition.Test("urgent", Condition.Operator.EQUALS, List.of(Value.bool(true))))),
                null);

        var decision = chat.send(new Event.ApiReplied(Chat.submission(submitted).id(), true, "Gracias.",
                List.of(onlyIfUrgent), null));

        assertThat(texts(decision)).containsExactly("Gracias.");
        assertThat(decision.effects()).isEmpty();
        assertThat(chat.session.state()).isEqualTo(SessionState.CONVERSATION_ENDED);
    }

    @Test
    void aFileOnATextQuestionIsStillRefusedPolitely() {
        var flow = new Flow(List.of(new Question("name", "Name?", true)), Chat.TEXTS);
        var other = new Chat(new ConversationEngine(flow, Policy.defaults()), Session.fresh(Chat.WA_ID, Chat.WA_ID, null));
        other.say("Hola");

        assertThat(texts(other.send(other.photo("Ana")))).containsExactly("[text-only]\n\nName?");
    }
}
