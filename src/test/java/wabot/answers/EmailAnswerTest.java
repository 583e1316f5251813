package wabot.answers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import wabot.conversation.Language;
import wabot.conversation.Value;

/** Email addresses as people send them: in sentences, with spaces, capitals, brackets and emoji around them. */
class EmailAnswerTest {
    private static final EmailAnswer EMAIL = new EmailAnswer();

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "ana@example.com|ana@example.com",
            "  ana@example.com  |ana@example.com",
            "Ana.Souza@Example.COM|Ana.Souza@example.com",
            "ana+wabot@mail.example.com.ar|ana+wabot@mail.example.com.ar",
            "mi correo es ana@example.com|ana@example.com",
            "ana@example.com 😊|ana@example.com",
            "ana@example.com.|ana@example.com",
            "<ana@example.com>|ana@example.com",
            "«ana@example.com»|ana@example.com",
            "mailto:ana@example.com|ana@example.com",
            "josé@correo.es|",
            "o'brien@example.ie|o'brien@example.ie",
            "ana@exämple.de|ana@exämple.de"})
    void readsTheAddress(String typed, String expected) {
        assertThat(Said.value(EMAIL, typed)).isEqualTo(expected == null ? null : Value.text(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no tengo", "ana", "ana@", "@example.com", "ana@example", "ana@example.c",
            "ana@@example.com", "ana@example..com", "ana.@example.com", "ana@-example.com", "ana @ example.com",
            "ana@example,com", "a@b.com y c@d.com", "ana@example.123", ""})
    void refusesWhatIsNotAnAddress(String typed) {
        assertThat(Said.value(EMAIL, typed)).as(typed).isNull();
    }

    @Test
    void refusalGivesAnExample() {
        assertThat(Said.refusal(EMAIL, Said.text("no tengo"), Language.EN))
                .isEqualTo("That doesn't look like an email address. Example: ana@example.com");
    }
}
