package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Flow;
import wabot.conversation.Prompt;
import wabot.flow.FlowLoader;
import wabot.testing.Await;
import wabot.testing.FakeGraph;
import wabot.testing.Fixtures;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * A whole conversation over the example flow with every type (examples/flows/service-request.yaml), on the real
 * server: a refused answer, taps on buttons and a list, typed yes/no, a date, numbers that open a branch, a
 * shared location, a photo, a voice note, going back, help, and a document. The business API receives typed JSON
 * with only the questions the branch asked.
 */
class BranchingConversationTest {
    private static final String ANA = Webhooks.USER_A;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId BUENOS_AIRES = ZoneId.of("America/Argentina/Buenos_Aires");

    @TempDir
    Path dir;

    @Test
    void aRepairRequestWithMediaAndALocationReachesTheApiAsTypedJson() throws Exception {
        var flow = FlowLoader.load(Fixtures.ROOT.resolve("examples/flows/service-request.yaml"));
        try (var h = Harness.builder(dir).flow(flow).start()) {
            assertThat(said(h, text("Hola"))).isEqualTo(prompt(flow, "name", null));
            assertThat(said(h, text("A"))).isEqualTo(prompt(flow, "name", "Escribí tu nombre, entre 2 y 60 letras."));
            var topic = ask(h, text("Ana"));
            assertThat(topic.body().path("interactive").path("type").asText()).isEqualTo("button");
            var appliance = ask(h, tap(topic, 0));
            assertThat(appliance.body().path("interactive").path("type").asText()).isEqualTo("list");
            var urgent = ask(h, tap(appliance, 0));
            assertThat(text(urgent)).isEqualTo(prompt(flow, "urgent", null));

            assertThat(said(h, text("No"))).isEqualTo(prompt(flow, "visit_day", null));
            var tomorrow = LocalDate.now(BUENOS_AIRES).plusDays(1);
            assertThat(said(h, text("Mañana"))).isEqualTo(prompt(flow, "floor", null));
            var tomorrowAfter = LocalDate.now(BUENOS_AIRES).plusDays(1);
            assertThat(said(h, text("4"))).as("the 4th floor asks about the lift").isEqualTo(prompt(flow, "elevator", null));
            assertThat(said(h, text("sí"))).isEqualTo(prompt(flow, "place", null));
            assertThat(said(h, text("ayuda"))).isEqualTo(prompt(flow, "place", "Comparte una ubicación: toca 📎 y "
                    + "elige Ubicación.\nTambién puedes escribir «atrás» para volver a la pregunta anterior, "
                    + "«reiniciar» para empezar de nuevo o «cancelar» para terminar."));
            assertThat(said(h, text("En casa"))).as("text is no location")
                    .isEqualTo(prompt(flow, "place", "Comparte una ubicación: toca 📎 y elige Ubicación."));
            assertThat(said(h, media("location.json"))).isEqualTo(prompt(flow, "photo", null));
            assertThat(said(h, media("image.json"))).isEqualTo(prompt(flow, "noise", null));
            assertThat(said(h, text("omitir"))).isEqualTo(prompt(flow, "voice_note", null));
            assertThat(said(h, media("audio_voice.json"))).isEqualTo(prompt(flow, "email", null));
            assertThat(said(h, text("Atrás"))).as("back drops the voice note").isEqualTo(prompt(flow, "voice_note", null));
            assertThat(said(h, media("audio_voice.json"))).isEqualTo(prompt(flow, "email", null));
            assertThat(said(h, text("no tengo"))).isEqualTo(prompt(flow, "email",
                    "Eso no parece una dirección de email. Ejemplo: ana@example.com"));
            assertThat(said(h, text("mi mail es ANA@Example.COM 🙂"))).as("not urgent: no phone")
                    .isEqualTo(prompt(flow, "anything_else", null));
            h.deliver(media("document.json"));

            var call = h.api().awaitCalls(1).get(0);
            var answers = call.body().path("answers");
            assertThat(answers.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("name", "topic",
                    "appliance", "urgent", "visit_day", "floor", "elevator", "place", "photo", "voice_note", "email",
                    "anything_else");
            assertThat(answers.path("visit_day").asText()).isIn(tomorrow.toString(), tomorrowAfter.toString());
            ((ObjectNode) answers).remove("visit_day");
            assertThat(answers).isEqualTo(JSON.readTree("""
                    {"name": "Ana", "topic": "repair", "appliance": "washer", "urgent": false, "floor": 4,
                     "elevator": true,
                     "place": {"latitude": 38.7223, "longitude": -9.1393, "name": "Praca do Comercio",
                               "address": "Praca do Comercio, 1100-148 Lisboa"},
                     "photo": {"type": "image", "media_id": "1000000000000101", "mime_type": "image/jpeg",
                               "sha256": "q1w2e3r4t5y6u7i8o9p0AaBbCcDdEeFfGgHhIiJjKk0=",
                               "caption": "Photo of the damaged box"},
                     "voice_note": {"type": "audio", "media_id": "1000000000000102",
                                    "mime_type": "audio/ogg; codecs=opus",
                                    "sha256": "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo="},
                     "email": "ANA@example.com",
                     "anything_else": %s}""".formatted(documentAnswer())));
            assertThat(call.rawBody()).contains("\"floor\":4,").contains("\"latitude\":38.7223,");

            var session = h.awaitSettled(ANA);
            assertThat(session.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(session.messages()).as("every attempt stays in the transcript").hasSize(20);
            assertThat(session.answers()).extracting(a -> a.path("question_id").asText())
                    .as("refused attempts and the withdrawn voice note are no answers")
                    .containsExactly("name", "topic", "appliance", "urgent", "visit_day", "floor", "elevator", "place",
                            "photo", "voice_note", "email", "anything_else");
            assertThat(session.answers().get(5).path("value").isNumber()).isTrue();
            assertThat(session.answers().get(3).path("value").asBoolean(true)).isFalse();
        }
    }

    private static String documentAnswer() {
        var message = Webhooks.message("document.json", ANA, "x").path("document");
        return "{\"type\": \"document\", \"media_id\": \"" + message.path("id").asText() + "\", \"mime_type\": \""
                + message.path("mime_type").asText() + "\", \"sha256\": \"" + message.path("sha256").asText()
                + "\", \"caption\": \"Invoice\", \"filename\": \"invoice-2026-09.pdf\"}";
    }

    private static String prompt(Flow flow, String id, String before) {
        var question = flow.questions().stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow();
        return Prompt.of(question, flow.texts(), before).text();
    }

    private static byte[] text(String body) {
        return Webhooks.text(ANA, Webhooks.newWamid(), body);
    }

    private static byte[] media(String file) {
        return Webhooks.retarget(file, ANA, Webhooks.newWamid());
    }

    /** Delivers {@code body} and returns the text of the one message Ana gets back. */
    private static String said(Harness h, byte[] body) {
        return text(ask(h, body));
    }

    private static String text(FakeGraph.Request request) {
        return request.text() != null ? request.text()
                : request.body().path("interactive").path("body").path("text").asText();
    }

    private static FakeGraph.Request ask(Harness h, byte[] body) {
        int before = sent(h).size();
        h.deliver(body);
        return Await.value("a reply to Ana", () -> sent(h), s -> s.size() > before).get(before);
    }

    private static List<FakeGraph.Request> sent(Harness h) {
        return h.graph().requests(ANA).stream().filter(FakeGraph.Request::delivered).toList();
    }

    private static byte[] tap(FakeGraph.Request message, int index) {
        var interactive = message.body().path("interactive");
        boolean list = interactive.path("type").asText().equals("list");
        var option = list ? interactive.path("action").path("sections").get(0).path("rows").get(index)
                : interactive.path("action").path("buttons").get(index).path("reply");
        var id = option.path("id").asText();
        var title = option.path("title").asText();
        ObjectNode tap = list ? Webhooks.listReplyMessage(ANA, Webhooks.newWamid(), id, title)
                : Webhooks.buttonReplyMessage(ANA, Webhooks.newWamid(), id, title);
        ((ObjectNode) tap.path("context")).put("id", message.wamid());
        return Webhooks.single(tap);
    }
}
