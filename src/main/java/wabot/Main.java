package wabot;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import wabot.cli.Commands;

/** {@code java -jar wabot.jar [command]}: with no command, the service; see {@link Commands}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int status = Commands.run(Arrays.asList(args), System.getenv(), System.in,
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8), System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }
}
