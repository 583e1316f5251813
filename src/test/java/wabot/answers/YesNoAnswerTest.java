package wabot.answers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import wabot.conversation.Choices;
import wabot.conversation.Language;
import wabot.conversation.Value;

/** Yes and no, tapped or typed in each language, with accents, capitals, courtesies and emoji. */
class YesNoAnswerTest {
    private static final YesNoAnswer YES_NO = new YesNoAnswer();

    @ParameterizedTest(name = "{1}: \"{0}\" is {2}")
    @CsvSource(delimiter = '|', value = {
            "Sí|ES|true", "sí|ES|true", "si|ES|true", "SI|ES|true", "s|ES|true", "Sí!|ES|true", "  sí 😊 |ES|true",
            "sí, gracias|ES|true", "claro|ES|true", "yes|ES|true", "y|ES|true", "👍|ES|true", "👍🏽|ES|true",
            "no|ES|false", "No.|ES|false", "n|ES|false", "no, gracias|ES|false", "👎|ES|false",
            "yes|EN|true", "Yes please|EN|true", "Y|EN|true", "sure|EN|true", "no|EN|false", "Nope|EN|false",
            "sim|PT|true", "Sim, obrigado|PT|true", "s|PT|true", "não|PT|false", "nao|PT|false", "N|PT|false"})
    void readsYesOrNo(String typed, Language language, boolean expected) {
        assertThat(Said.value(YES_NO, Said.text(typed), language)).isEqualTo(Value.bool(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no sé", "tal vez", "sí y no", "depende", "👍 no", "", "sim"})
    void refusesWhatIsNeither(String typed) {
        assertThat(Said.value(YES_NO, Said.text(typed), Language.ES)).as(typed).isNull();
    }

    @Test
    void isAskedWithTwoButtonsInTheFlowsLanguage() {
        assertThat(YES_NO.options(Language.ES.texts())).containsExactly(new Choices.Option("yes", "Sí", null),
                new Choices.Option("no", "No", null));
        assertThat(YES_NO.options(Language.PT.texts())).extracting(Choices.Option::title).containsExactly("Sim", "Não");
    }

    @Test
    void aTapIsReadByItsIdWhateverItsTitle() {
        assertThat(Said.value(YES_NO, Said.tap("yes", "Sí"), Language.ES)).isEqualTo(Value.bool(true));
        assertThat(Said.value(YES_NO, Said.tap("no", "Whatever"), Language.ES)).isEqualTo(Value.bool(false));
        // A tap on someone else's button (a template's) is read by its title.
        assertThat(Said.value(YES_NO, Said.tap("PROMO_OK", "Sí"), Language.ES)).isEqualTo(Value.bool(true));
    }

    @Test
    void refusalIsInTheFlowsLanguage() {
        assertThat(Said.refusal(YES_NO, Said.text("tal vez"), Language.ES)).isEqualTo("Responde sí o no.");
        assertThat(Said.refusal(YES_NO, Said.text("maybe"), Language.EN)).isEqualTo("Please answer yes or no.");
    }
}
