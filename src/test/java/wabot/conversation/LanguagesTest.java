package wabot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import wabot.answers.YesNoAnswer;

/** Spanish, English and Portuguese ship complete: every text, every command, the words answers are read with. */
class LanguagesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z]+}");

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyTextIsThereWithTheSamePlaceholdersAsSpanish(Language language) {
        var texts = language.texts();
        for (var key : Text.values()) {
            assertThat(texts.get(key)).as("%s %s", language, key).isNotBlank();
            assertThat(placeholders(texts.get(key))).as("%s %s", language, key)
                    .isEqualTo(placeholders(Language.ES.texts().get(key)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"EN", "PT"})
    void translationsAreTranslated(Language language) {
        var same = new TreeSet<String>();
        for (var key : Text.values()) {
            if (language.texts().get(key).equals(Language.ES.texts().get(key))) {
                same.add(key.key());
            }
        }
        assertThat(same).as("texts of %s still in Spanish", language).isSubsetOf(Set.of("no"));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void buttonTextsFitAButton(Language language) {
        for (var key : List.of(Text.YES, Text.NO, Text.CHOOSE)) {
            assertThat(language.texts().get(key).length()).as("%s %s", language, key).isLessThanOrEqualTo(20);
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void commandWordsNeitherClashWithEachOtherNorWithYesAndNo(Language language) {
        var words = language.words();
        var all = language.commands().words().values().stream().flatMap(List::stream).map(Folding::fold).toList();
        assertThat(all).doesNotHaveDuplicates().doesNotContainAnyElementsOf(words.yes())
                .doesNotContainAnyElementsOf(words.no());
        for (var command : Command.values()) {
            assertThat(language.commands().of(language.commands().word(command))).isEqualTo(command);
        }
    }

    @Test
    void commandsAreReadInTheFlowsLanguageWithAccentsAndPunctuationFolded() {
        assertThat(Language.ES.commands().of("¡Atrás!")).isEqualTo(Command.BACK);
        assertThat(Language.ES.commands().of("AYUDA")).isEqualTo(Command.HELP);
        assertThat(Language.ES.commands().of("skip")).as("English works in Spanish too").isEqualTo(Command.SKIP);
        assertThat(Language.PT.commands().of("Voltar")).isEqualTo(Command.BACK);
        assertThat(Language.PT.commands().of("recomeçar")).isEqualTo(Command.RESTART);
        assertThat(Language.EN.commands().of("start over")).isEqualTo(Command.RESTART);
        assertThat(Language.EN.commands().of("atrás")).as("Spanish is not English").isNull();
        assertThat(Language.ES.commands().of("atrás de todo")).isNull();
    }

    @Test
    void yesAndNoButtonsAreInTheLanguage() {
        assertThat(new YesNoAnswer().options(Language.PT.texts())).extracting(Choices.Option::title)
                .containsExactly("Sim", "Não");
    }

    @Test
    void englishWritesDatesWithoutDayMonthDoubt() {
        var day = java.time.LocalDate.of(2026, 12, 5);
        assertThat(Language.EN.date(day)).isEqualTo("5 Dec 2026");
        assertThat(Language.ES.date(day)).isEqualTo("05/12/2026");
        assertThat(Language.PT.date(day)).isEqualTo("05/12/2026");
    }

    private static Set<String> placeholders(String text) {
        var found = new TreeSet<String>();
        var matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
