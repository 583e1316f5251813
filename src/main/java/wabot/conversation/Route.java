package wabot.conversation;

import java.util.List;
import java.util.Map;

/**
 * Which questions a conversation asks, given its answers so far: a question is asked when its condition holds.
 * Conditions name only earlier questions, so the route up to any question is fixed by the answers before it.
 */
final class Route {
    private Route() {}

    /** The first question from {@code from} on that is asked; the size of the list when none is left. */
    static int next(List<Question> questions, int from, Map<String, Value> answers) {
        int next = from;
        while (next < questions.size() && !questions.get(next).when().holds(answers)) {
            next++;
        }
        return next;
    }

    /**
     * The latest question before {@code position} that was asked, or -1: questions left out by their condition were
     * never asked and are passed over; one skipped with the skip word was asked, so it is not.
     */
    static int previous(List<Question> questions, int position, Map<String, Value> answers) {
        int previous = position - 1;
        while (previous >= 0 && !questions.get(previous).when().holds(answers)) {
            previous--;
        }
        return previous;
    }
}
