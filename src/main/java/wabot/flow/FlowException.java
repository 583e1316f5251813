package wabot.flow;

/** A flow file wabot refuses to start with; the message names the file, the line and the problem. */
public final class FlowException extends RuntimeException {
    public FlowException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
