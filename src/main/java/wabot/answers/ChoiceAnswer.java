package wabot.answers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * One of a list of options, posted as the option's id. Shown as buttons, a list or a numbered menu (see
 * {@code Prompt}); taken from a tap, from the option's number, or from its title typed, whatever the case,
 * accents, punctuation or emoji around it ("facturacion" for "Facturación 🧾").
 */
public record ChoiceAnswer(List<Choices.Option> choices) implements AnswerType {

    public ChoiceAnswer {
        choices = List.copyOf(choices);
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("a choice needs options");
        }
    }

    @Override
    public String name() {
        return "choice";
    }

    @Override
    public Reading read(Event.UserMessage message, AnswerContext context) {
        if (message.kind() == MessageKind.CHOICE) {
            for (var option : choices) {
                if (option.id().equals(message.choiceId())) {
                    return Reading.accepted(Value.text(option.id()));
                }
            }
        }
        if (message.kind() != MessageKind.TEXT && message.kind() != MessageKind.CHOICE) {
            return Reading.refused(context.texts().textOnly());
        }
        var option = typed(message.text());
        return option == null ? Reading.refused(context.texts().get(Text.CHOICE_INVALID))
                : Reading.accepted(Value.text(option.id()));
    }

    @Override
    public String hint(AnswerContext context) {
        return context.texts().get(Text.CHOICE_HINT);
    }

    @Override
    public List<Choices.Option> options(Texts texts) {
        return choices;
    }

    @Override
    public Map<String, Object> settings() {
        var options = new ArrayList<Map<String, Object>>();
        for (var option : choices) {
            var spec = new LinkedHashMap<String, Object>();
            spec.put("id", option.id());
            spec.put("title", option.title());
            Settings.put(spec, "description", option.description());
            options.add(spec);
        }
        return Map.of("options", options);
    }

    /** The option whose title the text is, else whose number it is; null for neither. */
    private Choices.Option typed(String text) {
        var folded = Folding.fold(text);
        if (folded.isEmpty()) {
            return null;
        }
        for (var option : choices) {
            if (Folding.fold(option.title()).equals(folded)) {
                return option;
            }
        }
        if (folded.matches("\\d{1,3}")) {
            int number = Integer.parseInt(folded);
            return number >= 1 && number <= choices.size() ? choices.get(number - 1) : null;
        }
        return null;
    }
}
