package wabot.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import wabot.conversation.AnswerContext;
import wabot.conversation.Language;
import wabot.conversation.Reading;
import wabot.conversation.Value;

/** Phone numbers, local or international, however they are punctuated, in E.164. */
class PhoneAnswerTest {

    @ParameterizedTest(name = "\"{0}\" in {1} is {2}")
    @CsvSource(delimiter = '|', value = {
            "+54 9 11 5555-0000|AR|+5491155550000",
            "011 15 5555-0000|AR|+5491155550000",
            "11 5555-0000|AR|+541155550000",
            "(11) 91234-5678|BR|+5511912345678",
            "+55 (11) 91234-5678|AR|+5511912345678",
            "(201) 555-0123|US|+12015550123",
            "201.555.0123|US|+12015550123",
            "612 34 56 78|ES|+34612345678",
            "0034 612 34 56 78|AR|+34612345678",
            "mi número es +52 55 1234 5678|MX|+525512345678",
            "+5491155550000 📱|US|+5491155550000"})
    void readsTheNumberInItsRegion(String typed, String region, String expected) {
        assertThat(Said.value(new PhoneAnswer(region), typed)).isEqualTo(Value.text(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no tengo", "123", "15 5555-0000", "+44 7700 900123", "+1 555 555 0101", "", "55555"})
    void refusesWhatIsNoValidNumber(String typed) {
        assertThat(Said.value(new PhoneAnswer("AR"), typed)).as(typed).isNull();
    }

    @Test
    void withoutARegionANumberIsReadInThePersonsOwnCountry() {
        var phone = new PhoneAnswer(null);
        // The person writes from an Argentine number (Said.SENDER).
        assertThat(Said.value(phone, "11 5555-0000")).isEqualTo(Value.text("+541155550000"));
        var stranger = new AnswerContext(Language.ES, Language.ES.texts(), LocalDate.of(2026, 9, 14), null);
        assertThat(phone.read(Said.text("11 5555-0000"), stranger)).isInstanceOf(Reading.Refused.class);
        assertThat(phone.read(Said.text("+54 11 5555-0000"), stranger))
                .isEqualTo(Reading.accepted(Value.text("+541155550000")));
    }

    @Test
    void refusalGivesAnExampleFromTheRegion() {
        assertThat(Said.refusal(new PhoneAnswer("AR"), Said.text("no"), Language.ES))
                .isEqualTo("Eso no parece un número de teléfono. Ejemplo: +54 9 11 2345-6789");
    }

    @Test
    void regionsAreCheckedAndNormalised() {
        assertThat(PhoneAnswer.isRegion("ar")).isTrue();
        assertThat(PhoneAnswer.isRegion("XX")).isFalse();
        assertThat(new PhoneAnswer("br").defaultRegion()).isEqualTo("BR");
        assertThatThrownBy(() -> new PhoneAnswer("Narnia")).isInstanceOf(IllegalArgumentException.class);
    }
}
