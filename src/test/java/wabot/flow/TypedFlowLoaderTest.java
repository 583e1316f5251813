package wabot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import wabot.answers.ChoiceAnswer;
import wabot.answers.DateAnswer;
import wabot.answers.DateBound;
import wabot.answers.EmailAnswer;
import wabot.answers.LocationAnswer;
import wabot.answers.MediaAnswer;
import wabot.answers.NumberAnswer;
import wabot.answers.PhoneAnswer;
import wabot.answers.TextAnswer;
import wabot.answers.YesNoAnswer;
import wabot.conversation.AnswerType;
import wabot.conversation.Choices;
import wabot.conversation.Command;
import wabot.conversation.Condition;
import wabot.conversation.Language;
import wabot.conversation.Question;
import wabot.conversation.Text;
import wabot.conversation.Value;
import wabot.testing.Fixtures;

/** Flow files with types, options, conditions, a language, a time zone and commands, and what wabot makes of them. */
class TypedFlowLoaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theExampleWithEveryTypeLoadsIntoTypedQuestions() {
        var flow = FlowLoader.load(Fixtures.ROOT.resolve("examples/flows/service-request.yaml"));

        assertThat(flow.language()).isEqualTo(Language.ES);
        assertThat(flow.timezone()).isEqualTo(ZoneId.of("America/Argentina/Buenos_Aires"));
        assertThat(flow.texts().finalMessage()).isEqualTo("¡Listo! Te escribimos a la brevedad para confirmar.");
        assertThat(flow.questions()).extracting(q -> q.type().name()).containsExactly("text", "choice", "choice",
                "number", "document", "yes_no", "date", "number", "yes_no", "location", "image", "video", "audio",
                "email", "phone", "media");
        var byId = new java.util.HashMap<String, Question>();
        flow.questions().forEach(q -> byId.put(q.id(), q));
        assertThat(byId.get("name").type()).isEqualTo(new TextAnswer(2, 60, null));
        assertThat(byId.get("name").error()).isEqualTo("Escribí tu nombre, entre 2 y 60 letras.");
        assertThat(byId.get("invoice").type()).isEqualTo(new NumberAnswer(true, BigDecimal.ONE, null));
        assertThat(byId.get("visit_day").type())
                .isEqualTo(new DateAnswer(DateBound.parse("tomorrow"), DateBound.parse("today+60")));
        assertThat(byId.get("phone").type()).isEqualTo(new PhoneAnswer("AR"));
        assertThat(byId.get("email").type()).isEqualTo(new EmailAnswer());
        assertThat(byId.get("place").type()).isEqualTo(new LocationAnswer());
        assertThat(byId.get("anything_else").type()).isEqualTo(new MediaAnswer("media"));
        assertThat(((ChoiceAnswer) byId.get("appliance").type()).choices().get(0))
                .isEqualTo(new Choices.Option("washer", "Lavarropas", "Carga frontal o superior"));
        assertThat(byId.get("noise").when().tests()).containsExactly(
                new Condition.Test("topic", Condition.Operator.EQUALS, List.of(Value.text("repair"))),
                new Condition.Test("appliance", Condition.Operator.IN,
                        List.of(Value.text("washer"), Value.text("fridge"), Value.text("dishwasher"))));
        assertThat(byId.get("elevator").when().tests()).containsExactly(
                new Condition.Test("floor", Condition.Operator.GTE, List.of(Value.number(BigDecimal.valueOf(3)))));
        assertThat(byId.get("voice_note").when().tests()).containsExactly(
                new Condition.Test("topic", Condition.Operator.NOT, List.of(Value.text("billing"))));
    }

    @Test
    void conditionValuesAreReadAsTheTestedQuestionsAnswers() {
        var flow = FlowLoader.parse("""
                questions:
                  - {id: urgent, text: "Urgent?", type: yes_no}
                  - {id: age, text: "Age?", type: number}
                  - {id: day, text: "Day?", type: date}
                  - {id: name, text: "Name?"}
                  - id: x
                    text: X
                    when:
                      urgent: yes
                      age: {gte: "18", lt: 65}
                      day: {not: [2026-12-25, 2026-12-31]}
                      name: 42
                """, "f.yaml");

        assertThat(flow.questions().get(4).when().tests()).containsExactly(
                new Condition.Test("urgent", Condition.Operator.EQUALS, List.of(Value.bool(true))),
                new Condition.Test("age", Condition.Operator.GTE, List.of(Value.number(BigDecimal.valueOf(18)))),
                new Condition.Test("age", Condition.Operator.LT, List.of(Value.number(BigDecimal.valueOf(65)))),
                new Condition.Test("day", Condition.Operator.NOT,
                        List.of(Value.text("2026-12-25"), Value.text("2026-12-31"))),
                new Condition.Test("name", Condition.Operator.EQUALS, List.of(Value.text("42"))));
    }

    @Test
    void languageCommandsAndMessagesChangeWhatTheBotSaysAndReads() {
        var flow = FlowLoader.parse("""
                language: pt
                timezone: America/Sao_Paulo
                questions: [{id: a, text: "A?"}]
                commands:
                  back: [anterior, voltar]
                  help: socorro
                messages:
                  yes: Pode ser
                  choose: Opções
                """, "f.yaml");

        assertThat(flow.language()).isEqualTo(Language.PT);
        assertThat(flow.texts().processing()).isEqualTo(Language.PT.texts().processing());
        assertThat(flow.texts().get(Text.YES)).isEqualTo("Pode ser");
        assertThat(flow.texts().get(Text.CHOOSE)).isEqualTo("Opções");
        assertThat(flow.commands().of("Anterior")).isEqualTo(Command.BACK);
        assertThat(flow.commands().of("socorro")).isEqualTo(Command.HELP);
        assertThat(flow.commands().of("ajuda")).as("replaced").isNull();
        assertThat(flow.commands().of("cancelar")).as("not overridden").isEqualTo(Command.CANCEL);
    }

    @Test
    void aFlowWithoutTypesIsWhatItAlwaysWas() {
        var flow = FlowLoader.bundled();
        assertThat(flow.questions()).allSatisfy(q -> {
            assertThat(q.type()).isSameAs(AnswerType.TEXT);
            assertThat(q.when()).isEqualTo(Condition.ALWAYS);
            assertThat(q.error()).isNull();
        });
        assertThat(flow.language()).isEqualTo(Language.ES);
        assertThat(flow.timezone().getId()).isEqualTo("UTC");
    }

    @Test
    void everyQuestionWrittenForTheStoreReadsBackTheSame() {
        var flow = FlowLoader.load(Fixtures.ROOT.resolve("examples/flows/service-request.yaml"));

        var json = QuestionSpecs.write(flow.questions());

        assertThat(QuestionSpecs.read(json)).isEqualTo(flow.questions());
    }

    @Test
    void anUntypedQuestionIsStoredAsItWasBeforeTypes() throws Exception {
        var json = QuestionSpecs.write(List.of(new Question("order", "¿Pedido? \"A-1\" 🌵", false)));

        assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree(
                "[{\"id\":\"order\",\"text\":\"¿Pedido? \\\"A-1\\\" 🌵\",\"required\":false}]"));
        assertThat(QuestionSpecs.read("[{\"id\":\"plan\",\"text\":\"Plan?\",\"required\":true}]"))
                .containsExactly(new Question("plan", "Plan?", true));
    }

    @Test
    void theBusinessApisQuestionsAreHeldToJsonTypesAndMayBranchOnTheFlow() throws Exception {
        var flow = List.of(new Question("urgent", "Urgent?", true, new YesNoAnswer(), Condition.ALWAYS, null));
        var questions = QuestionSpecs.fromApi(JSON.readTree("""
                [{"id": "when", "text": "When?", "type": "date", "min": "today", "when": {"urgent": true}},
                 {"id": "size", "text": "Size?", "type": "choice", "required": false,
                  "options": [{"id": "s", "title": "Small"}, {"id": "l", "title": "Large"}]},
                 {"id": "qty", "text": "How many?", "type": "number", "max": 10, "when": {"size": "l"}}]"""), flow);

        assertThat(questions).extracting(Question::id).containsExactly("when", "size", "qty");
        assertThat(questions.get(0).when().tests()).containsExactly(
                new Condition.Test("urgent", Condition.Operator.EQUALS, List.of(Value.bool(true))));

        for (var invalid : List.of(
                "[{\"id\": \"a\", \"text\": \"A\", \"type\": \"number\", \"max\": \"10\"}]",
                "[{\"id\": \"a\", \"text\": \"A\", \"when\": {\"urgent\": \"yes\"}}]",
                "[{\"id\": \"a\", \"text\": \"A\", \"when\": {\"nobody\": true}}]",
                "[{\"id\": \"a\", \"text\": \"A\", \"type\": \"choice\"}]",
                "[{\"id\": \"a\", \"text\": \"A\"}, {\"id\": \"a\", \"text\": \"B\"}]")) {
            var error = org.assertj.core.api.Assertions.catchThrowableOfType(IllegalArgumentException.class,
                    () -> QuestionSpecs.fromApi(JSON.readTree(invalid), flow));
            assertThat(error).as(invalid).isNotNull();
            assertThat(error.getMessage()).as(invalid).startsWith("'additional_questions': ");
        }
    }
}
