package wabot.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import wabot.conversation.Choices;
import wabot.conversation.Language;
import wabot.conversation.Value;

/** A choice taken from a tap, the option's number, or its title typed without care for case, accents or emoji. */
class ChoiceAnswerTest {
    private static final ChoiceAnswer TOPIC = new ChoiceAnswer(List.of(
            new Choices.Option("billing", "Facturación 🧾", "Cobros y facturas"),
            new Choices.Option("refunds", "Reembolsos", null),
            new Choices.Option("other", "Otro tema", null)));

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
            "Facturación 🧾|billing",
            "facturacion|billing",
            "FACTURACIÓN|billing",
            "  Facturación.  |billing",
            "reembolsos!|refunds",
            "Otro tema|other",
            "otro  tema|other",
            "1|billing",
            "2.|refunds",
            "#3|other",
            "3️⃣|other",
            " 2 |refunds"})
    void readsTypedTitlesAndNumbers(String typed, String expected) {
        assertThat(Said.value(TOPIC, typed)).isEqualTo(Value.text(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "4", "factura", "billing", "otro", "1 y 2", "", "🧾"})
    void refusesWhatIsNoOption(String typed) {
        assertThat(Said.value(TOPIC, typed)).as(typed).isNull();
    }

    @Test
    void aTapIsReadByItsOptionId() {
        assertThat(Said.value(TOPIC, Said.tap("refunds", "Reembolsos"), Language.ES)).isEqualTo(Value.text("refunds"));
        // A tap whose id is no option (an old template's button) is read by its title, like typing it.
        assertThat(Said.value(TOPIC, Said.tap("LEGACY_7", "Otro tema"), Language.ES)).isEqualTo(Value.text("other"));
        assertThat(Said.value(TOPIC, Said.tap("LEGACY_8", "Ventas"), Language.ES)).isNull();
    }

    @Test
    void aTitleThatIsANumberWinsOverThePosition() {
        var people = new ChoiceAnswer(List.of(new Choices.Option("two", "2", null), new Choices.Option("one", "1", null)));
        assertThat(Said.value(people, "1")).isEqualTo(Value.text("one"));
        assertThat(Said.value(people, "2")).isEqualTo(Value.text("two"));
    }

    @Test
    void refusalSaysHowToAnswer() {
        assertThat(Said.refusal(TOPIC, Said.text("ventas"), Language.ES))
                .isEqualTo("Esa no es una de las opciones. Toca una, o escribe su número o su nombre.");
        assertThat(Said.refusal(TOPIC, Said.location(1, 2, null, null), Language.EN))
                .isEqualTo(Language.EN.texts().textOnly());
    }
}
