package wabot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import wabot.answers.ChoiceAnswer;
import wabot.answers.YesNoAnswer;

/**
 * How a question is shown: buttons, a list or a numbered menu, chosen by WhatsApp's limits so that Meta never
 * refuses the message, with option ids that name their question.
 */
class PromptTest {
    private static final Texts TEXTS = Texts.spanish();

    private static Question choice(String id, List<Choices.Option> options) {
        return new Question(id, "¿Qué tema?", true, new ChoiceAnswer(options), Condition.ALWAYS, null);
    }

    private static List<Choices.Option> options(int count, int titleLength) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Choices.Option("o" + i, (i + "-" + "x".repeat(titleLength)).substring(0, titleLength),
                        null))
                .toList();
    }

    @Test
    void aTextQuestionIsItsTextWithTheSkipHintWhenOptional() {
        assertThat(Prompt.of(new Question("name", "¿Nombre?", true), TEXTS, null)).isEqualTo(new Reply("¿Nombre?"));
        assertThat(Prompt.of(new Question("c", "¿Algo más?", false), TEXTS, "Nota.").text())
                .isEqualTo("Nota.\n\n¿Algo más?\n" + TEXTS.skipHint());
    }

    @Test
    void yesNoIsTwoButtonsWhoseIdsNameTheQuestion() {
        var question = new Question("urgent", "¿Es urgente?", true, new YesNoAnswer(), Condition.ALWAYS, null);

        var reply = Prompt.of(question, TEXTS, null);

        assertThat(reply.text()).isEqualTo("¿Es urgente?");
        assertThat(reply.choices()).isEqualTo(new Choices(Choices.Style.BUTTONS, null,
                List.of(new Choices.Option("urgent:yes", "Sí", null), new Choices.Option("urgent:no", "No", null))));
        assertThat(Prompt.of(question, Language.EN.texts(), null).choices().options())
                .extracting(Choices.Option::title).containsExactly("Yes", "No");
    }

    @Test
    void upToThreeShortTitlesAreButtons() {
        var reply = Prompt.of(choice("t", options(3, 20)), TEXTS, null);
        assertThat(reply.choices().style()).isEqualTo(Choices.Style.BUTTONS);
        assertThat(reply.choices().options()).extracting(Choices.Option::id).containsExactly("t:o1", "t:o2", "t:o3");
    }

    @Test
    void moreOptionsLongerTitlesOrDescriptionsMakeAList() {
        assertThat(Prompt.of(choice("t", options(4, 10)), TEXTS, null).choices().style()).isEqualTo(Choices.Style.LIST);
        assertThat(Prompt.of(choice("t", options(10, 24)), TEXTS, null).choices().style()).isEqualTo(Choices.Style.LIST);
        assertThat(Prompt.of(choice("t", options(2, 21)), TEXTS, null).choices().style()).isEqualTo(Choices.Style.LIST);
        var described = List.of(new Choices.Option("a", "A", "Cobros y facturas"), new Choices.Option("b", "B", null));
        var list = Prompt.of(choice("t", described), TEXTS, null).choices();
        assertThat(list.style()).isEqualTo(Choices.Style.LIST);
        assertThat(list.button()).isEqualTo("Elegir");
        assertThat(list.options().get(0).description()).isEqualTo("Cobros y facturas");
    }

    @Test
    void whatFitsNeitherIsANumberedMenuInTheText() {
        var many = Prompt.of(choice("t", options(11, 5)), TEXTS, null);
        assertThat(many.choices()).isNull();
        assertThat(many.text()).startsWith("¿Qué tema?\n\n1. 1-xxx\n2. 2-xxx\n").contains("\n11. 11-xx\n")
                .endsWith("\n\nResponde con el número de tu opción.");

        assertThat(Prompt.of(choice("t", options(2, 25)), TEXTS, null).choices()).as("a title over 24").isNull();
        var longDescription = List.of(new Choices.Option("a", "A", "d".repeat(73)));
        var menu = Prompt.of(choice("t", longDescription), TEXTS, null);
        assertThat(menu.choices()).as("a description over 72").isNull();
        assertThat(menu.text()).contains("1. A — " + "d".repeat(73));
    }

    @Test
    void aBodyOverWhatAnInteractiveMessageHoldsIsAMenu() {
        var question = new Question("t", "¿".repeat(1025), true, new YesNoAnswer(), Condition.ALWAYS, null);
        var reply = Prompt.of(question, TEXTS, null);
        assertThat(reply.choices()).isNull();
        assertThat(reply.text()).contains("\n1. Sí\n2. No\n");
    }

    @Test
    void anOptionalMenuEndsWithTheSkipHint() {
        var question = new Question("t", "¿Tema?", false, new ChoiceAnswer(options(12, 3)), Condition.ALWAYS, null);
        assertThat(Prompt.of(question, TEXTS, null).text()).endsWith("Responde con el número de tu opción.\n\n"
                + TEXTS.skipHint());
    }

    /** Whatever the options, an interactive message is within every limit Meta sets. */
    @RepeatedTest(200)
    void anInteractiveMessageIsAlwaysWithinMetasLimits() {
        var random = new Random();
        var options = new ArrayList<Choices.Option>();
        int count = 1 + random.nextInt(13);
        for (int i = 0; i < count; i++) {
            options.add(new Choices.Option("o" + i, "t".repeat(1 + random.nextInt(30)) + i,
                    random.nextBoolean() ? null : "d".repeat(1 + random.nextInt(90))));
        }
        var reply = Prompt.of(new Question("q" + "x".repeat(random.nextInt(64)), "¿?".repeat(random.nextInt(600)),
                random.nextBoolean(), new ChoiceAnswer(options), Condition.ALWAYS, null), TEXTS, null);
        var choices = reply.choices();
        if (choices == null) {
            assertThat(reply.text()).contains(count + ". ");
            return;
        }
        assertThat(reply.text().length()).isLessThanOrEqualTo(1024);
        if (choices.style() == Choices.Style.BUTTONS) {
            assertThat(choices.options()).hasSizeBetween(1, 3)
                    .allSatisfy(o -> assertThat(o.title().length()).isLessThanOrEqualTo(20))
                    .allSatisfy(o -> assertThat(o.id().length()).isLessThanOrEqualTo(256))
                    .allSatisfy(o -> assertThat(o.description()).isNull());
        } else {
            assertThat(choices.button().length()).isLessThanOrEqualTo(20);
            assertThat(choices.options()).hasSizeBetween(1, 10)
                    .allSatisfy(o -> assertThat(o.title().length()).isLessThanOrEqualTo(24))
                    .allSatisfy(o -> assertThat(o.id().length()).isLessThanOrEqualTo(200))
                    .allSatisfy(o -> assertThat(o.description() == null ? 0 : o.description().length())
                            .isLessThanOrEqualTo(72));
        }
        assertThat(choices.options()).extracting(Choices.Option::title).doesNotHaveDuplicates();
    }
}
