package wabot.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import wabot.ConfigException;
import wabot.Settings;
import wabot.flow.FlowException;
import wabot.flow.NumbersLoader;
import wabot.numbers.BusinessNumbers;

/**
 * {@code java -jar wabot.jar check-numbers FILE}: validates a numbers file, and every flow it names, as the service
 * would at startup, without starting anything. Prints the numbers and exits 0, or every problem as
 * {@code file:line: problem} and exits 1.
 */
final class CheckNumbers {
    static final String USAGE = """
            Usage: java -jar wabot.jar check-numbers [--without-tokens] FILE

            Checks a numbers file (NUMBERS_FILE) and the flow file of each number as the service would at startup,
            without starting anything. Token variables are looked up in the environment and .env, as the service does;
            their values are never shown. Prints one line per number and exits 0, or prints every problem as
            file:line: problem and exits 1.

              --without-tokens   do not require the token variables to be set here (checking on another machine)""";

    private CheckNumbers() {}

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err)
            throws UsageError, Startup.Refused {
        var flags = Flags.parse(args, Set.of(), Set.of("without-tokens"));
        if (flags.positional().size() != 1) {
            throw new UsageError(flags.positional().isEmpty() ? "name the numbers file to check"
                    : "check one file at a time, got " + flags.positional().size());
        }
        var file = Path.of(flags.positional().get(0));
        Map<String, String> settings;
        try {
            settings = Settings.load(environment, Path.of(".env"));
        } catch (ConfigException e) {
            throw new Startup.Refused("wabot: bad setting: " + e.getMessage());
        }
        BusinessNumbers numbers;
        try {
            // EXTERNAL_API_URL and SEND_RATE_PER_SECOND are what a number without its own falls back on; shown as such.
            numbers = NumbersLoader.load(file, settings, new NumbersLoader.Defaults(null, 0,
                    !flags.has("without-tokens")));
        } catch (FlowException e) {
            err.println("wabot check-numbers: " + e.problems().size() + (e.problems().size() == 1 ? " problem"
                    : " problems") + " in " + file + ":");
            e.problems().forEach(err::println);
            return 1;
        }
        out.print(summary(file.toString(), numbers));
        out.flush();
        return 0;
    }

    static String summary(String file, BusinessNumbers numbers) {
        var text = new StringBuilder(file).append(": valid. ").append(numbers.all().size())
                .append(numbers.all().size() == 1 ? " number" : " numbers").append(".\n\n");
        int idWidth = numbers.all().stream().mapToInt(n -> n.phoneNumberId().length()).max().orElse(1);
        int nameWidth = numbers.all().stream().mapToInt(n -> n.name().length()).max().orElse(1);
        for (var n : numbers.all()) {
            text.append(String.format(Locale.ROOT, "  %-" + idWidth + "s  %-" + nameWidth + "s  flow %s (%d questions)",
                    n.phoneNumberId(), n.name(), n.flowSource(), n.flow().questions().size()));
            text.append("\n  ").append(" ".repeat(idWidth + nameWidth + 2)).append("  token ")
                    .append(n.tokenVariable() == null ? "none: replies are only logged (dry run)"
                            : n.tokenVariable() + (n.token() == null ? " (not checked)" : " (set)"))
                    .append(", business API ").append(n.apiUrl() == null ? "EXTERNAL_API_URL" : n.apiUrl())
                    .append(", ").append(n.sendRate() == 0 ? "SEND_RATE_PER_SECOND"
                            : String.format(Locale.ROOT, "%s replies/s", trim(n.sendRate()))).append('\n');
        }
        return text.toString();
    }

    private static String trim(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
