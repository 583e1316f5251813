package wabot.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The jar as a small command-line tool: {@code serve} (the default), {@code chat}, {@code send}, {@code check-flow}
 * and {@code check-numbers}. Each command is a class of its own; this only picks one and turns its outcome into an exit
 * status: 0 done, 1 failed, 2 a bad command line, setting or flow file; -1 keeps the process running.
 */
public final class Commands {
    static final String USAGE = """
            Usage: java -jar wabot.jar [command] [flags]

            Commands:
              serve                 run the service (the default when no command is given)
              chat                  talk to the bot in this terminal, through the whole pipeline, without WhatsApp
              send                  post Meta-shaped, signed deliveries to a running wabot, to check a deployment
              check-flow FILE       validate a flow file without starting anything: a summary, or every problem
              check-numbers FILE    validate a numbers file (NUMBERS_FILE) and each number's flow, the same way

            java -jar wabot.jar COMMAND --help shows a command's flags.""";

    private Commands() {}

    /** Runs the command {@code args} name, with these settings from the environment; returns the exit status. */
    public static int run(List<String> args, Map<String, String> environment, InputStream in, PrintStream out,
                          PrintStream err) {
        var name = args.isEmpty() ? "serve" : args.get(0);
        var rest = args.isEmpty() ? List.<String>of() : args.subList(1, args.size());
        if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
            out.println(USAGE);
            return 0;
        }
        var usage = usage(name);
        if (usage == null) {
            err.println("wabot: unknown command '" + name + "'\n\n" + USAGE);
            return 2;
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(usage);
            return 0;
        }
        try {
            switch (name) {
                case "serve": return Serve.run(rest, environment);
                case "chat": return Chat.run(rest, environment, in, out);
                case "send": return Send.run(rest, environment, out);
                case "check-flow": return CheckFlow.run(rest, out, err);
                case "check-numbers": return CheckNumbers.run(rest, environment, out, err);
                default: throw new IllegalStateException("no runner for " + name);
            }
        } catch (UsageError e) {
            err.println("wabot " + name + ": " + e.getMessage() + "\n\n" + usage);
            return 2;
        } catch (Startup.Refused e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static String usage(String name) {
        switch (name) {
            case "serve": return Serve.USAGE;
            case "chat": return Chat.USAGE;
            case "send": return Send.USAGE;
            case "check-flow": return CheckFlow.USAGE;
            case "check-numbers": return CheckNumbers.USAGE;
            default: return null;
        }
    }
}
