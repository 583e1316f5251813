package wabot.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import wabot.conversation.Choices;

/** The {@code interactive} object of a reply-button or list message, each field held to Meta's limit. */
final class Interactive {
    static final int BODY = 1024;
    static final int BUTTON_TITLE = 20;
    static final int BUTTON_ID = 256;
    static final int LIST_BUTTON = 20;
    static final int ROW_TITLE = 24;
    static final int ROW_ID = 200;
    static final int ROW_DESCRIPTION = 72;

    private Interactive() {}

    static ObjectNode of(ObjectMapper json, String text, Choices choices) {
        var interactive = json.createObjectNode();
        interactive.putObject("body").put("text", cut(text, BODY));
        var action = interactive.putObject("action");
        if (choices.style() == Choices.Style.BUTTONS) {
            interactive.put("type", "button");
            var buttons = action.putArray("buttons");
            for (var option : choices.options().subList(0, Math.min(3, choices.options().size()))) {
                buttons.addObject().put("type", "reply").putObject("reply")
                        .put("id", cut(option.id(), BUTTON_ID)).put("title", cut(option.title(), BUTTON_TITLE));
            }
        } else {
            interactive.put("type", "list");
            var label = cut(choices.button(), LIST_BUTTON);
            action.put("button", label);
            var rows = action.putArray("sections").addObject().put("title", cut(label, ROW_TITLE)).putArray("rows");
            for (var option : choices.options().subList(0, Math.min(10, choices.options().size()))) {
                var row = rows.addObject().put("id", cut(option.id(), ROW_ID)).put("title", cut(option.title(), ROW_TITLE));
                if (option.description() != null && !option.description().isBlank()) {
                    row.put("description", cut(option.description(), ROW_DESCRIPTION));
                }
            }
        }
        return interactive;
    }

    /** At most {@code limit} characters as Meta counts them (UTF-16 units), never splitting a surrogate pair. */
    static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end);
    }
}
