package wabot;

import java.util.Arrays;
import wabot.cli.Commands;

/** {@code java -jar wabot.jar [command]}: with no command, the service; see {@link Commands}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int status = Commands.run(Arrays.asList(args), System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }
}
