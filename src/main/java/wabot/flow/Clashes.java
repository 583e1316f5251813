package wabot.flow;

import java.util.List;
import wabot.answers.YesNoAnswer;
import wabot.conversation.Commands;
import wabot.conversation.Folding;
import wabot.conversation.Language;
import wabot.conversation.Question;

/**
 * Answers that a command would take first: a person typing an option's title, or yes or no, must get that answer,
 * not a restart. Commands are read before answers, so a flow where the two share a word is refused.
 */
final class Clashes {
    private Clashes() {}

    static void check(List<Question> questions, YamlNode.Sequence nodes, Commands commands, Language language,
                      Problems problems) {
        var words = commands.folded();
        for (int i = 0; i < questions.size(); i++) {
            var question = questions.get(i);
            int line = nodes.items().get(i).line();
            for (var option : question.type().options(language.texts())) {
                var command = words.get(Folding.fold(option.title()));
                if (command != null && !(question.type() instanceof YesNoAnswer)) {
                    problems.add(line, "question " + (i + 1) + " has the option '" + option.title()
                            + "', which is also the word of the command '" + command.key()
                            + "': typing it would " + command.key() + " instead of choosing it");
                }
            }
            if (question.type() instanceof YesNoAnswer) {
                var answers = new java.util.TreeSet<>(language.words().yes());
                answers.addAll(language.words().no());
                for (var answer : answers) {
                    var command = words.get(answer);
                    if (command != null) {
                        problems.add(line, "question " + (i + 1) + " is a yes/no question, and '" + answer
                                + "' is both an answer to it and the word of the command '" + command.key() + "'");
                    }
                }
            }
        }
    }
}
