package wabot.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import wabot.conversation.Language;
import wabot.conversation.Value;

/** Numbers as people type them, with decimal commas, grouped thousands, words and emoji around them. */
class NumberAnswerTest {
    private static final NumberAnswer ANY = new NumberAnswer(false, null, null);

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "42|42",
            "3,5|3.5",
            "3.5|3.5",
            " 1 000 |1000",
            "1 000 000|1000000",
            "1.500|1500",
            "1,500|1500",
            "1.234,56|1234.56",
            "1,234.56|1234.56",
            "0,125|0.125",
            "1234.567|1234.567",
            "12.50|12.5",
            "-7|-7",
            "−3,5|-3.5",
            "$ 20|20",
            "R$ 1.250,00|1250",
            "42 años|42",
            "unos 42|42",
            "42 👍|42",
            "👉 7|7",
            "100%|100",
            "1 000|1000",
            "007|7"})
    void readsTheNumber(String typed, String expected) {
        assertThat(Said.value(ANY, typed)).isEqualTo(Value.number(new BigDecimal(expected)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "cuarenta y dos", "no sé", "2 o 3", "2-3", "1.23.4", "12 34", "1,2,3",
            "👍", "3,5,7", "11 5555 0000", "1e9"})
    void refusesWhatIsNotOneNumber(String typed) {
        assertThat(Said.value(ANY, typed)).as(typed).isNull();
    }

    @Test
    void refusalIsSpecificAndInTheFlowsLanguage() {
        assertThat(Said.refusal(ANY, Said.text("mucho"), Language.ES)).isEqualTo("Eso no parece un número. Ejemplo: 42");
        assertThat(Said.refusal(ANY, Said.text("lots"), Language.EN))
                .isEqualTo("That doesn't look like a number. Example: 42");
        assertThat(Said.refusal(ANY, Said.text("muito"), Language.PT)).isEqualTo("Isso não parece um número. Exemplo: 42");
    }

    @Test
    void integerRefusesDecimals() {
        var whole = new NumberAnswer(true, null, null);
        assertThat(Said.value(whole, "3")).isEqualTo(Value.number(BigDecimal.valueOf(3)));
        assertThat(Said.value(whole, "3,0")).as("3,0 is the whole number 3").isEqualTo(Value.number(BigDecimal.valueOf(3)));
        assertThat(Said.refusal(whole, Said.text("3,5"), Language.ES)).isEqualTo("Escribe un número entero, sin decimales.");
    }

    @Test
    void limitsAreInclusiveAndSaidInTheLanguagesNotation() {
        var rating = new NumberAnswer(false, BigDecimal.ONE, new BigDecimal("9.5"));
        assertThat(Said.value(rating, "1")).isNotNull();
        assertThat(Said.value(rating, "9,5")).isNotNull();
        assertThat(Said.refusal(rating, Said.text("0"), Language.ES)).isEqualTo("El número debe estar entre 1 y 9,5.");
        assertThat(Said.refusal(rating, Said.text("10"), Language.EN)).isEqualTo("The number must be between 1 and 9.5.");
        assertThat(Said.refusal(new NumberAnswer(false, BigDecimal.valueOf(18), null), Said.text("17"), Language.ES))
                .isEqualTo("El número debe ser 18 o más.");
        assertThat(Said.refusal(new NumberAnswer(false, null, BigDecimal.TEN), Said.text("11"), Language.PT))
                .isEqualTo("O número deve ser 10 ou menos.");
    }

    @Test
    void theHintsExampleFitsTheLimits() {
        assertThat(new NumberAnswer(true, BigDecimal.ONE, BigDecimal.valueOf(5)).hint(Said.context(Language.ES)))
                .isEqualTo("Escribe un número, por ejemplo 5. El número debe estar entre 1 y 5.");
        assertThat(ANY.hint(Said.context(Language.EN))).isEqualTo("Type a number, for example 42.");
    }

    @Test
    void aPhotoIsNotANumber() {
        assertThat(Said.refusal(ANY, Said.media("image", "image/jpeg", "42", null), Language.ES))
                .isEqualTo(Language.ES.texts().textOnly());
    }
}
