package wabot.conversation;

import java.util.List;

/**
 * Options a reply offers as taps, the way WhatsApp shows them: up to three reply buttons, or a list behind a
 * button. A longer menu is not a Choices at all but numbered text. Every title and id is already within
 * WhatsApp's limits when a Choices exists, so the edges only put it on the wire or on a screen.
 *
 * @param button the label of the button that opens a list; null for reply buttons
 */
public record Choices(Style style, String button, List<Option> options) {

    /** How the options are shown. */
    public enum Style { BUTTONS, LIST }

    /** One option: the id that comes back in the tap, the title the person sees, and an optional description. */
    public record Option(String id, String title, String description) {}

    public Choices {
        options = List.copyOf(options);
    }
}
