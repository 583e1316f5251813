package wabot.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import wabot.conversation.Language;
import wabot.conversation.Value;

/** Dates in the forms each language writes them, and words for days near today; today is 2026-09-14. */
class DateAnswerTest {
    private static final DateAnswer ANY = new DateAnswer(null, null);

    @ParameterizedTest(name = "{1}: \"{0}\" is {2}")
    @CsvSource(delimiter = '|', value = {
            "25/12/2026|ES|2026-12-25",
            "25-12-2026|ES|2026-12-25",
            "25.12.2026|PT|2026-12-25",
            "  25 / 12 / 2026 |ES|2026-12-25",
            "2026-12-25|EN|2026-12-25",
            "2026/12/25|ES|2026-12-25",
            "25/12/26|ES|2026-12-25",
            "5/1/27|ES|2027-01-05",
            "1/2/85|PT|1985-02-01",
            "25/12|ES|2026-12-25",
            "hoy|ES|2026-09-14",
            "Hoy!|ES|2026-09-14",
            "mañana|ES|2026-09-15",
            "Mañana 🙏|ES|2026-09-15",
            "manana|ES|2026-09-15",
            "pasado mañana|ES|2026-09-16",
            "ayer|ES|2026-09-13",
            "today|EN|2026-09-14",
            "Tomorrow|EN|2026-09-15",
            "hoje|PT|2026-09-14",
            "amanhã|PT|2026-09-15",
            "depois de amanhã|PT|2026-09-16",
            "tomorrow|ES|2026-09-15",
            "25 de diciembre|ES|2026-12-25",
            "25 de diciembre de 2026|ES|2026-12-25",
            "25 dic 2026|ES|2026-12-25",
            "1º de mayo|ES|2026-05-01",
            "25 de dezembro de 2026|PT|2026-12-25",
            "7 de março|PT|2026-03-07",
            "December 25, 2026|EN|2026-12-25",
            "Dec 25|EN|2026-12-25",
            "the 25th of December|EN|2026-12-25",
            "25 December 2026|EN|2026-12-25",
            "12/25/2026|EN|2026-12-25",
            "05/12/2026|EN|2026-12-05"})
    void readsTheDate(String typed, Language language, String expected) {
        assertThat(Said.value(ANY, Said.text(typed), language)).isEqualTo(Value.text(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12/25/2026", "31/02/2026", "32/01/2026", "el lunes", "pronto", "2026", "25", "", "25/12/202",
            "13/13", "1/2/3/4", "diciembre", "25 de diciembre de 2026 y 26"})
    void refusesWhatIsNoDayInSpanish(String typed) {
        assertThat(Said.value(ANY, Said.text(typed), Language.ES)).as(typed).isNull();
    }

    @Test
    void relativeLimitsMoveWithToday() {
        var fromTomorrow = new DateAnswer(DateBound.parse("tomorrow"), DateBound.parse("today+30"));
        assertThat(Said.value(fromTomorrow, "hoy")).isNull();
        assertThat(Said.value(fromTomorrow, "mañana")).isEqualTo(Value.text("2026-09-15"));
        assertThat(Said.value(fromTomorrow, "14/10/2026")).isEqualTo(Value.text("2026-10-14"));
        assertThat(Said.value(fromTomorrow, "15/10/2026")).isNull();
        assertThat(Said.refusal(fromTomorrow, Said.text("hoy"), Language.ES))
                .isEqualTo("La fecha debe estar entre el 15/09/2026 y el 14/10/2026.");
        assertThat(Said.refusal(fromTomorrow, Said.text("today"), Language.EN))
                .isEqualTo("The date must be between 15 Sep 2026 and 14 Oct 2026.");
    }

    @Test
    void absoluteLimits() {
        var birth = new DateAnswer(DateBound.parse("1900-01-01"), DateBound.parse("today"));
        assertThat(Said.value(birth, "1/2/85")).isEqualTo(Value.text("1985-02-01"));
        assertThat(Said.refusal(birth, Said.text("amanhã"), Language.PT)).isEqualTo("A data deve estar entre 01/01/1900 e 14/09/2026.");
        assertThat(Said.refusal(new DateAnswer(null, DateBound.parse("2026-01-31")), Said.text("1/2/2026"),
                Language.ES)).isEqualTo("La fecha debe ser el 31/01/2026 o antes.");
    }

    @Test
    void boundsAreWrittenAsTheyAreRead() {
        for (var spec : new String[] {"today", "today+30", "today-7", "2026-12-25"}) {
            assertThat(DateBound.parse(spec).spec()).isEqualTo(spec);
        }
        assertThat(DateBound.parse("tomorrow").on(Said.TODAY)).isEqualTo(LocalDate.of(2026, 9, 15));
        assertThat(DateBound.parse("soon")).isNull();
        assertThat(DateBound.parse("2026-02-30")).isNull();
    }

    @Test
    void refusalShowsAnExampleAsTheLanguageWritesDates() {
        assertThat(Said.refusal(ANY, Said.text("pronto"), Language.ES))
                .isEqualTo("No entendí la fecha. Escríbela así: 14/09/2026, o «hoy» o «mañana».");
        assertThat(Said.refusal(ANY, Said.text("soon"), Language.EN))
                .isEqualTo("I didn't understand the date. Write it like 14 Sep 2026, or “today” or “tomorrow”.");
    }
}
