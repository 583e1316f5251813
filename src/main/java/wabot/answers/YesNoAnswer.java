package wabot.answers;

import java.util.List;
import java.util.Set;
import wabot.conversation.AnswerContext;
import wabot.conversation.AnswerType;
import wabot.conversation.Choices;
import wabot.conversation.Event;
import wabot.conversation.Folding;
import wabot.conversation.MessageKind;
import wabot.conversation.Reading;
import wabot.conversation.Text;
import wabot.conversation.Texts;
import wabot.conversation.Value;

/**
 * Yes or no, posted as a JSON boolean. Asked with two buttons; typed answers are read in the flow's language
 * ("Sí", "si", "s", "yes", "y", "no", "n", "sim", "não", "👍"), also with a courtesy after them ("sí, gracias").
 */
public record YesNoAnswer() implements AnswerType {
    static final String YES = "yes";
    static final String NO = "no";
    /** Words that may follow a yes or a no without changing it, in any of the languages. */
    private static final Set<String> COURTESY = Set.of("gracias", "por", "favor", "porfa", "claro", "thanks",
            "thank", "you", "please", "sure", "obrigado", "obrigada");

    @Override
    public String name() {
        return "yes_no";
    }

    @Override
    public Reading read(Event.UserMessage message, AnswerContext context) {
        if (message.kind() == MessageKind.CHOICE && (YES.equals(message.choiceId()) || NO.equals(message.choiceId()))) {
            return Reading.accepted(Value.bool(YES.equals(message.choiceId())));
        }
        if (message.kind() != MessageKind.TEXT && message.kind() != MessageKind.CHOICE) {
            return Reading.refused(context.texts().textOnly());
        }
        var said = said(message.text(), context);
        return said == null ? Reading.refused(context.texts().get(Text.YES_NO_INVALID))
                : Reading.accepted(Value.bool(said));
    }

    @Override
    public String hint(AnswerContext context) {
        return context.texts().get(Text.YES_NO_HINT);
    }

    @Override
    public List<Choices.Option> options(Texts texts) {
        return List.of(new Choices.Option(YES, texts.get(Text.YES), null),
                new Choices.Option(NO, texts.get(Text.NO), null));
    }

    /** True for yes, false for no, null when the text says neither. */
    private static Boolean said(String text, AnswerContext context) {
        var raw = text == null ? "" : text.strip();
        if (raw.startsWith("👍") || raw.startsWith("✅")) {
            return Folding.fold(raw).isEmpty() ? Boolean.TRUE : null;
        }
        if (raw.startsWith("👎") || raw.startsWith("❌")) {
            return Folding.fold(raw).isEmpty() ? Boolean.FALSE : null;
        }
        var words = context.language().words();
        var folded = Folding.fold(raw);
        if (words.yes().contains(folded)) {
            return true;
        }
        if (words.no().contains(folded)) {
            return false;
        }
        var parts = folded.split(" ");
        for (int i = 1; i < parts.length; i++) {
            if (!COURTESY.contains(parts[i])) {
                return null;
            }
        }
        return words.yes().contains(parts[0]) ? Boolean.TRUE : words.no().contains(parts[0]) ? Boolean.FALSE : null;
    }
}
