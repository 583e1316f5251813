package wabot.answers;

import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Pattern;
import wabot.conversation.AnswerContext;
import wabot.conversation.AnswerType;
import wabot.conversation.Event;
import wabot.conversation.MessageKind;
import wabot.conversation.Reading;
import wabot.conversation.Text;
import wabot.conversation.Value;

/**
 * A plausible email address, trimmed, with its domain in lower case (the part before the @ is the mailbox
 * owner's, and stays as written). It may come inside a sentence ("mi correo es ana@example.com 😊"); an address
 * is not checked for existence, only for the shape mail servers accept.
 */
public record EmailAnswer() implements AnswerType {
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern LOCAL = Pattern.compile(ATOM + "(?:\\." + ATOM + ")*");
    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?");
    private static final Pattern TOP_LEVEL = Pattern.compile("\\p{L}{2,63}|xn--[a-z0-9-]{1,59}");
    /** What may stand around an address in a sentence: brackets, quotes, punctuation, emoji. */
    private static final Pattern AROUND = Pattern.compile(
            "^[\\p{Ps}\\p{Pi}<\"'¿¡:;,\\p{So}\\p{Sk}\\p{M}\\x{200D}]+"
                    + "|[\\p{Pe}\\p{Pf}>\"'.,;:!?\\p{So}\\p{Sk}\\p{M}\\x{200D}]+$");

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Reading read(Event.UserMessage message, AnswerContext context) {
        if (message.kind() != MessageKind.TEXT && message.kind() != MessageKind.CHOICE) {
            return Reading.refused(context.texts().textOnly());
        }
        var address = address(message.text());
        return address == null ? Reading.refused(context.texts().get(Text.EMAIL_INVALID))
                : Reading.accepted(Value.text(address));
    }

    @Override
    public String hint(AnswerContext context) {
        return context.texts().get(Text.EMAIL_HINT);
    }

    /** The one address in the text, normalised, or null. */
    static String address(String text) {
        if (text == null) {
            return null;
        }
        var candidates = new ArrayList<String>();
        for (var word : text.strip().split("\\s+")) {
            if (word.contains("@")) {
                candidates.add(word);
            }
        }
        if (candidates.size() != 1) {
            return null;
        }
        var word = AROUND.matcher(candidates.get(0).replaceFirst("(?i)^mailto:", "")).replaceAll("");
        int at = word.lastIndexOf('@');
        if (at <= 0 || word.length() > 254 || word.indexOf('@') != at) {
            return null;
        }
        var local = word.substring(0, at);
        var domain = word.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > 64 || !LOCAL.matcher(local).matches() || !plausible(domain)) {
            return null;
        }
        return local + "@" + domain;
    }

    private static boolean plausible(String domain) {
        var labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (var label : labels) {
            if (label.length() > 63 || !LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return TOP_LEVEL.matcher(labels[labels.length - 1]).matches();
    }
}
