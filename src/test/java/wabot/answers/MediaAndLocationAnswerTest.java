package wabot.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wabot.conversation.Language;
import wabot.conversation.Value;

/** Files and places: taken as the payload's objects; anything else is refused with how to send one. */
class MediaAndLocationAnswerTest {

    @ParameterizedTest(name = "a {0} question takes a {1} ({2}): {3}")
    @CsvSource(delimiter = '|', value = {
            "image|image|image/jpeg|true",
            "image|document|image/png|true",
            "image|document|application/pdf|false",
            "image|video|video/mp4|false",
            "document|document|application/pdf|true",
            "document|image|image/jpeg|false",
            "audio|audio|audio/ogg; codecs=opus|true",
            "audio|video|video/mp4|false",
            "video|video|video/mp4|true",
            "video|document|video/quicktime|true",
            "media|image|image/jpeg|true",
            "media|document|application/pdf|true",
            "media|audio|audio/mpeg|true",
            "media|video|video/mp4|true"})
    void takesTheKindsItAsksFor(String kind, String sent, String mime, boolean taken) {
        var value = Said.value(new MediaAnswer(kind), Said.media(sent, mime, null, null), Language.ES);
        assertThat(value != null).isEqualTo(taken);
    }

    @Test
    void aFileIsPostedWithItsIdTypeChecksumCaptionAndName() {
        var value = Said.value(new MediaAnswer("document"),
                Said.media("document", "application/pdf", "Factura de agosto", "factura.pdf"), Language.ES);

        assertThat(value.plain()).isEqualTo(Map.of("type", "document", "media_id", "1234567890",
                "mime_type", "application/pdf", "sha256", "c0ffee", "caption", "Factura de agosto",
                "filename", "factura.pdf"));
        var image = (Value.Fields) Said.value(new MediaAnswer("image"), Said.media("image", "image/jpeg", null, null),
                Language.ES);
        assertThat(image.fields().keySet()).containsExactly("type", "media_id", "mime_type", "sha256");
    }

    @Test
    void textOrAStickerIsRefusedWithHowToSendAFile() {
        assertThat(Said.refusal(new MediaAnswer("image"), Said.text("no tengo cámara"), Language.ES))
                .isEqualTo("Envía una foto: toca 📎 y elige Galería o Cámara.");
        assertThat(Said.refusal(new MediaAnswer("audio"), Said.sticker(), Language.EN))
                .isEqualTo("Please send an audio file or a voice message.");
        assertThat(Said.refusal(new MediaAnswer("document"), Said.location(1, 2, null, null), Language.PT))
                .isEqualTo("Envie um documento: toque em 📎 e escolha Documento.");
    }

    @Test
    void aLocationIsPostedWithNumbersAndItsPlaceWhenNamed() {
        var location = new LocationAnswer();
        var named = Said.value(location, Said.location(-34.6037, -58.3816, "Obelisco", "Av. 9 de Julio s/n"), Language.ES);
        var expected = new LinkedHashMap<String, Object>();
        expected.put("latitude", new BigDecimal("-34.6037"));
        expected.put("longitude", new BigDecimal("-58.3816"));
        expected.put("name", "Obelisco");
        expected.put("address", "Av. 9 de Julio s/n");
        assertThat(named.plain()).isEqualTo(expected);

        var pin = Said.value(location, Said.location(40.0, -3.5, null, null), Language.ES);
        assertThat(pin).isEqualTo(new Value.Fields(Map.of("latitude", Value.number(new BigDecimal("40")),
                "longitude", Value.number(new BigDecimal("-3.5")))));
        assertThat(Said.refusal(location, Said.text("en casa"), Language.ES))
                .isEqualTo("Comparte una ubicación: toca 📎 y elige Ubicación.");
    }
}
