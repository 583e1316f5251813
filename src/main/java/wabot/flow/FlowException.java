package wabot.flow;

import java.util.List;

/**
 * A flow file, or a numbers file, wabot refuses to start with. Each problem names the file and the line, then says
 * what is wrong ({@code flow.yaml:7: duplicate question id 'email'}); the message lists them all, one a line.
 */
public final class FlowException extends RuntimeException {
    private final List<String> problems;

    public FlowException(String file, int line, String problem) {
        this(List.of(file + ":" + line + ": " + problem));
    }

    public FlowException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order of their lines: {@code file:line: problem}. */
    public List<String> problems() {
        return problems;
    }
}
