package wabot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import wabot.conversation.Choices;
import wabot.conversation.Reply;

/** How the terminal chat shows replies: lines indented under the bot, buttons and lists as numbered options. */
class ScreenTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Screen screen = new Screen(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

    private String shown() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMultiLineTextIsIndentedUnderTheBot() {
        screen.reply(new Reply("¿Algo más?\n(omitir)"), "wamid.1");
        assertThat(shown()).isEqualTo("bot › ¿Algo más?\n      (omitir)\n");
        assertThat(screen.offer()).isNull();
    }

    @Test
    void buttonsAreNumberedOptionsOfferedForAPick() {
        var buttons = new Choices(Choices.Style.BUTTONS, null, List.of(new Choices.Option("q:yes", "Sí", null),
                new Choices.Option("q:no", "No", null)));
        screen.reply(new Reply("¿Es urgente?", buttons), "wamid.2");

        assertThat(shown()).isEqualTo("bot › ¿Es urgente?\n      1) Sí\n      2) No\n");
        assertThat(screen.offer()).isEqualTo(new Screen.Offer("wamid.2", false, buttons.options()));
    }

    @Test
    void aListShowsItsButtonAndDescriptions() {
        var list = new Choices(Choices.Style.LIST, "Elegir", List.of(new Choices.Option("t:b", "Facturación", "Cobros"),
                new Choices.Option("t:r", "Reembolsos", null)));
        screen.reply(new Reply("¿Qué tema?", list), "wamid.3");

        assertThat(shown()).isEqualTo("bot › ¿Qué tema?\n      [Elegir]\n      1) Facturación — Cobros\n      2) Reembolsos\n");
        assertThat(screen.offer().list()).isTrue();
    }

    @Test
    void aReplyWithoutOptionsEndsTheOffer() {
        screen.reply(new Reply("¿Es urgente?", new Choices(Choices.Style.BUTTONS, null,
                List.of(new Choices.Option("q:yes", "Sí", null)))), "wamid.4");
        screen.reply(new Reply("¿Cuántas personas?"), "wamid.5");

        assertThat(screen.offer()).as("a number now answers a number question").isNull();
    }
}
