package wabot.cli;

import java.io.PrintStream;
import java.util.List;
import wabot.conversation.Choices;
import wabot.conversation.Reply;

/**
 * The terminal chat's screen: what the person typed and what the bot answered, as WhatsApp would show it, with
 * buttons and lists as numbered options the person picks by number. Printing is serialized: replies arrive on
 * the sender's threads while the person types.
 */
final class Screen {
    private static final String BOT = "bot › ";
    private static final String YOU = "you › ";
    private static final String INDENT = "      ";

    /** The options of the latest reply, if it had any, with the message they came in, for a pick by number. */
    record Offer(String wamid, boolean list, List<Choices.Option> options) {}

    private final PrintStream out;
    private final boolean interactive;
    private volatile Offer offer;

    Screen(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    synchronized void reply(Reply reply, String wamid) {
        out.println(BOT + reply.text().replace("\n", "\n" + INDENT));
        var choices = reply.choices();
        // A number answers the latest message: once it carries no options, a number is just a number.
        offer = null;
        if (choices != null) {
            if (choices.style() == Choices.Style.LIST) {
                out.println(INDENT + "[" + choices.button() + "]");
            }
            for (int i = 0; i < choices.options().size(); i++) {
                var option = choices.options().get(i);
                out.println(INDENT + (i + 1) + ") " + option.title()
                        + (option.description() == null ? "" : " — " + option.description()));
            }
            offer = new Offer(wamid, choices.style() == Choices.Style.LIST, choices.options());
        }
        out.flush();
    }

    /** Echoes a line read from a pipe, so that a scripted run reads like the conversation it was. */
    synchronized void echo(String line) {
        out.println(YOU + line);
    }

    synchronized void prompt() {
        if (interactive) {
            out.print(YOU);
            out.flush();
        }
    }

    synchronized void note(String line) {
        out.println("  · " + line.replace("\n", "\n    "));
        out.flush();
    }

    Offer offer() {
        return offer;
    }
}
