package wabot.conversation;

import java.util.List;

/**
 * How a question is shown, as a pure function of the question and the flow's texts, so that WhatsApp, the terminal
 * chat and the web simulator all show the same thing. A question with options becomes reply buttons when they fit
 * WhatsApp's limits for buttons, else a list when they fit a list's, else a numbered text menu: a title over a
 * limit changes the shape of the message, and never makes Meta refuse it.
 */
public final class Prompt {
    /** Meta's limits (PROTOCOL (e), (g)), counted in UTF-16 units as Meta counts them. */
    static final int BODY = 1024;
    static final int MAX_BUTTONS = 3;
    static final int BUTTON_TITLE = 20;
    static final int MAX_ROWS = 10;
    static final int ROW_TITLE = 24;
    static final int ROW_DESCRIPTION = 72;
    static final int LIST_BUTTON = 20;

    private Prompt() {}

    /**
     * The message that asks {@code question}, after {@code before} (a refusal, a notice, a hint) when it is not
     * null, with the skip hint when the question is optional.
     */
    public static Reply of(Question question, Texts texts, String before) {
        var body = (before == null ? "" : before + "\n\n") + question.text();
        var skip = question.required() ? "" : "\n" + texts.skipHint();
        var options = question.type().options(texts).stream()
                .map(o -> new Choices.Option(new ChoiceId(question.id(), o.id()).wire(), o.title(), o.description()))
                .toList();
        if (options.isEmpty()) {
            return new Reply(body + skip);
        }
        if ((body + skip).length() <= BODY) {
            var shape = shape(options, texts.get(Text.CHOOSE));
            if (shape != null) {
                return new Reply(body + skip, shape);
            }
        }
        return new Reply(menu(body, options, texts) + (skip.isEmpty() ? "" : "\n" + skip));
    }

    /** Buttons or a list when the options fit one, else null. */
    static Choices shape(List<Choices.Option> options, String listButton) {
        boolean described = options.stream().anyMatch(o -> o.description() != null && !o.description().isBlank());
        if (!described && options.size() <= MAX_BUTTONS && fits(options, BUTTON_TITLE)) {
            return new Choices(Choices.Style.BUTTONS, null, options);
        }
        boolean descriptionsFit = options.stream()
                .allMatch(o -> o.description() == null || o.description().length() <= ROW_DESCRIPTION);
        if (options.size() <= MAX_ROWS && fits(options, ROW_TITLE) && descriptionsFit
                && listButton.length() <= LIST_BUTTON) {
            return new Choices(Choices.Style.LIST, listButton, options);
        }
        return null;
    }

    private static boolean fits(List<Choices.Option> options, int titleLimit) {
        return options.stream().allMatch(o -> o.title().length() <= titleLimit);
    }

    private static String menu(String body, List<Choices.Option> options, Texts texts) {
        var text = new StringBuilder(body).append('\n');
        for (int i = 0; i < options.size(); i++) {
            var option = options.get(i);
            text.append('\n').append(i + 1).append(". ").append(option.title());
            if (option.description() != null && !option.description().isBlank()) {
                text.append(" — ").append(option.description());
            }
        }
        return text.append("\n\n").append(texts.get(Text.MENU_HINT)).toString();
    }
}
