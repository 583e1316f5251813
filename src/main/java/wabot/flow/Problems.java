package wabot.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found while reading questions, each at its line; reading goes on past one, to report them all. */
final class Problems {

    /** A problem that stops reading the current question; the reader records it and goes on with the next. */
    static final class Found extends RuntimeException {
        final int line;

        Found(int line, String problem) {
            super(problem, null, false, false);
            this.line = line;
        }
    }

    record Problem(int line, String message) {}

    private final List<Problem> found = new ArrayList<>();

    void add(int line, String message) {
        found.add(new Problem(line, message));
    }

    void add(Found problem) {
        add(problem.line, problem.getMessage());
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** In the order of their lines, as {@code file:line: problem}. */
    List<String> located(String file) {
        return found.stream().sorted(Comparator.comparingInt(Problem::line))
                .map(p -> file + ":" + p.line() + ": " + p.message()).toList();
    }

    /** Without lines, for questions that came as JSON: {@code problem; problem}. */
    String plain() {
        return String.join("; ", found.stream().map(Problem::message).toList());
    }
}
