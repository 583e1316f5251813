package wabot.answers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wabot.conversation.AnswerType;
import wabot.conversation.Language;
import wabot.conversation.Value;

/** Text with limits on its length (as people count characters) and on its shape. */
class TextAnswerTest {
    private static final TextAnswer NAME = new TextAnswer(2, 10, null);
    private static final TextAnswer ORDER = new TextAnswer(null, null, "[A-Z]-\\d{4}");

    @ParameterizedTest(name = "\"{0}\" is \"{1}\"")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "Ana|Ana", "  Ana  |Ana", "Jo|Jo", "Ana María|Ana María", "🌵🌵🌵🌵🌵🌵🌵🌵🌵🌵|🌵🌵🌵🌵🌵🌵🌵🌵🌵🌵"})
    void keepsTheTextStripped(String typed, String expected) {
        assertThat(Said.value(NAME, typed)).isEqualTo(Value.text(expected));
    }

    @Test
    void lengthLimitsAreCountedInCharactersPeopleSee() {
        assertThat(Said.refusal(NAME, Said.text("A"), Language.ES))
                .isEqualTo("Tu respuesta es demasiado corta: escribe al menos 2 caracteres.");
        assertThat(Said.refusal(NAME, Said.text("Ana María Souza"), Language.EN))
                .isEqualTo("Your answer is too long: write at most 10 characters.");
        assertThat(Said.value(NAME, "🌵".repeat(11))).isNull();
    }

    @Test
    void patternMustMatchTheWholeAnswer() {
        assertThat(Said.value(ORDER, " A-1234 ")).isEqualTo(Value.text("A-1234"));
        assertThat(Said.value(ORDER, "pedido A-1234")).isNull();
        assertThat(Said.refusal(ORDER, Said.text("1234"), Language.PT))
                .isEqualTo("Sua resposta não está no formato que esperamos.");
    }

    @Test
    void aPatternThatBacktracksWithoutEndRefusesInsteadOfSpinning() {
        var evil = new TextAnswer(null, null, "(a+)+$");
        var answer = "a".repeat(40) + "!";

        // Without the budget this match would outlast the universe: the bound only keeps a regression from hanging CI.
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(2),
                () -> assertThat(Said.value(evil, answer)).isNull());
        assertThat(Said.value(evil, "aaaa")).isEqualTo(Value.text("aaaa"));
    }

    @Test
    void aTappedTitleIsTextAndAPhotoIsNot() {
        assertThat(Said.value(AnswerType.TEXT, Said.tap("x", "Confirmar"), Language.ES)).isEqualTo(Value.text("Confirmar"));
        assertThat(Said.refusal(AnswerType.TEXT, Said.media("image", "image/jpeg", null, null), Language.ES))
                .isEqualTo(Language.ES.texts().textOnly());
        assertThat(Said.refusal(NAME, Said.sticker(), Language.ES)).isEqualTo(Language.ES.texts().textOnly());
    }

    @Test
    void settingsAreWhatTheFlowWrote() {
        assertThat(NAME.settings()).containsExactly(java.util.Map.entry("min_length", 2), java.util.Map.entry("max_length", 10));
        assertThat(ORDER.settings()).containsOnlyKeys("pattern");
    }
}
