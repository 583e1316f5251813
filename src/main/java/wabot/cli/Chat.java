package wabot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import wabot.Wabot;
import wabot.simulator.Simulator;
import wabot.whatsapp.Deliveries;
import wabot.whatsapp.Routing;

/**
 * {@code java -jar wabot.jar chat}: the person types, the bot answers, in this terminal. Every line becomes a
 * Meta-shaped delivery that takes the whole path (intake, inbox, engine, outbox, messenger), on a throwaway
 * SQLite file unless a database is named. Piped input works line by line, waiting for each answer, so a team
 * can script a flow check.
 */
final class Chat {
    static final String USAGE = """
            Usage: java -jar wabot.jar chat [--flow FILE | --number ID] [--as PHONE] [--name NAME] [--database JDBC_URL]
                                            [--wait SECONDS]

            Talks to the bot in this terminal, through the whole pipeline, without WhatsApp. Reads the same
            settings as the service (environment, .env). With no EXTERNAL_API_URL a built-in stand-in answers the
            submission and lists the answers it received; with one, your API is called.

              --flow FILE          the flow to talk to (default: FLOW_FILE, else the bundled one; ignores NUMBERS_FILE)
              --number ID          with NUMBERS_FILE, the phone_number_id of the number to write to (default: the first)
              --as PHONE           who you are, in international format (default +15555550100)
              --name NAME          your profile name (default Simulated person)
              --database JDBC_URL  keep the conversation there (default: a throwaway SQLite file)
              --wait SECONDS       how long each line waits for the bot's answers before the next (default 30)

            In the chat: /session shows the session as stored, /help the commands, /quit (or end of input) leaves.
            A number picks an option of the latest buttons or list. Piped input is read line by line:
              printf 'Hola\\nAna\\n' | java -jar wabot.jar chat""";

    private Chat() {}

    static int run(List<String> args, Map<String, String> environment, InputStream in, PrintStream out) throws UsageError, Startup.Refused {
        var flags = Flags.parse(args, Set.of("flow", "number", "as", "name", "database", "wait"), Set.of());
        var settle = Duration.ofSeconds(flags.integer("wait", 30, 1, 3600));
        if (!flags.positional().isEmpty()) {
            throw new UsageError("unexpected argument '" + flags.positional().get(0) + "'");
        }
        var phone = flags.value("as", "+15555550100").replaceAll("[\\s()-]", "");
        if (!phone.matches("\\+?\\d{6,15}")) {
            throw new UsageError("--as must be a phone number in international format, got '" + flags.value("as") + "'");
        }
        var person = new Deliveries.Person(phone.replace("+", ""), null, flags.value("name", "Simulated person"));
        var overrides = new HashMap<String, String>();
        overrides.put("PORT", "0");
        // The chat's screen is stdout; the log goes to stderr and says only what needs attention.
        System.setProperty("LOG_TARGET", "System.err");
        Path scratch = null;
        if (flags.has("database")) {
            overrides.put("DATABASE_URL", flags.value("database"));
        } else {
            scratch = scratchFolder();
            overrides.put("DATABASE_URL", "jdbc:sqlite:" + scratch.resolve("chat.db"));
        }
        if (flags.has("flow")) {
            if (flags.has("number")) {
                throw new UsageError("choose --flow or --number: a number talks to the flow NUMBERS_FILE gives it");
            }
            // A flow named here is talked to alone, as a single number, whatever numbers the settings list.
            overrides.put("FLOW_FILE", flags.value("flow"));
            overrides.put("NUMBERS_FILE", null);
            overrides.put("PHONE_NUMBER_ID", null);
        }
        var settings = Startup.settings(environment, overrides);
        if (settings.get("LOG_LEVEL") == null) {
            System.setProperty("LOG_LEVEL", "ERROR");
        }
        var config = Startup.config(settings);
        if (flags.has("number") && config.numbersFile() == null) {
            throw new UsageError("--number picks one of the numbers of NUMBERS_FILE, and none is set");
        }
        // The chat's person is answered on the screen: a number whose token is not set here runs dry.
        var numbers = Startup.numbers(config, settings, false);
        var number = flags.has("number") ? numbers.find(flags.value("number").strip()).orElseThrow(() ->
                new UsageError("--number " + flags.value("number") + " is not in " + config.numbersFile() + ", which lists "
                        + String.join(", ", numbers.all().stream().map(n -> n.phoneNumberId()).toList())))
                : numbers.first();
        var screen = new Screen(out, System.console() != null);
        var phoneScreen = new ChatPhone(screen);
        var key = person.key();
        UnaryOperator<wabot.whatsapp.Messenger> messenger = others -> new Routing(key::equals, phoneScreen, others);
        // Without a business API, the stand-in answers the chat's person (and anyone else who writes meanwhile).
        var wabot = Wabot.start(config, numbers, new Wabot.Overrides("127.0.0.1", messenger, anyone -> true));
        try {
            screen.note("wabot chat: " + (numbers.fromFile() ? number.label() + ", " : "") + "flow "
                    + number.flowSource() + " (" + number.flow().questions().size() + " questions), you are +" + key
                    + (scratch == null ? ", database " + flags.value("database") : "") + ". /help lists the commands.");
            screen.note(number.apiUrl() == null
                    ? "No EXTERNAL_API_URL: a built-in stand-in answers the submission and lists the answers it received."
                    : "Submissions go to " + number.apiUrl().getHost() + (numbers.fromFile() ? ", the number's business API."
                            : ", your EXTERNAL_API_URL."));
            var simulator = number.phoneNumberId() == null ? wabot.simulator() : wabot.simulator(number.phoneNumberId());
            return converse(simulator, person, phoneScreen, screen, in, settle);
        } finally {
            wabot.close();
            if (scratch != null) {
                delete(scratch);
            }
        }
    }

    private static int converse(Simulator simulator, Deliveries.Person person, ChatPhone phone, Screen screen,
                                InputStream in, Duration settle) {
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        boolean piped = System.console() == null;
        while (true) {
            screen.prompt();
            String line;
            try {
                line = reader.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null || line.strip().equals("/quit") || line.strip().equals("/exit")) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            if (piped) {
                screen.echo(line);
            }
            if (line.strip().startsWith("/")) {
                command(line.strip(), simulator, person, screen);
                continue;
            }
            simulator.read(person, new ArrayList<>(phone.takeUnread()));
            send(line, simulator, person, screen);
            awaitSettled(simulator, person.key(), screen, settle, false);
        }
        return awaitSettled(simulator, person.key(), screen, settle, true) ? 0 : 1;
    }

    private static void send(String line, Simulator simulator, Deliveries.Person person, Screen screen) {
        var offer = screen.offer();
        var pick = line.strip();
        if (offer != null && pick.matches("\\d{1,2}")) {
            int n = Integer.parseInt(pick);
            if (n >= 1 && n <= offer.options().size()) {
                var option = offer.options().get(n - 1);
                screen.note("tapped “" + option.title() + "”");
                simulator.tap(person, offer.list(), option.id(), option.title(), offer.wamid());
                return;
            }
        }
        simulator.say(person, line);
    }

    private static void command(String command, Simulator simulator, Deliveries.Person person, Screen screen) {
        switch (command) {
            case "/session":
                screen.note(SessionText.of(simulator, person.key()));
                break;
            case "/help":
                screen.note("/session  the session as stored: state, answers with their times, what is owed\n"
                        + "/quit     leave (end of input does too)\n"
                        + "a number  picks an option of the latest buttons or list");
                break;
            default:
                screen.note("unknown command " + command + "; /help lists them");
        }
    }

    /**
     * Waits until the bot owes this person nothing: the message taken, the replies sent, any submission answered.
     * At the end of input it then lists what is still owed; returns false if anything is.
     */
    private static boolean awaitSettled(Simulator simulator, String userKey, Screen screen, Duration settle,
                                        boolean last) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (!simulator.owed(userKey).settled() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        var owed = simulator.owed(userKey);
        if (owed.settled()) {
            return true;
        }
        var pending = simulator.pendingReplies(userKey);
        screen.note((last ? "At the end of input the bot still owes: " : "Still waiting for: ") + owed.replies()
                + " replies, " + owed.submissions() + " submissions, " + owed.messages() + " messages"
                + (pending.isEmpty() ? "" : "\n" + String.join("\n", pending.stream().map(t -> "owed › " + t).toList())));
        return false;
    }

    private static Path scratchFolder() throws Startup.Refused {
        try {
            return Files.createTempDirectory("wabot-chat-");
        } catch (IOException e) {
            throw new Startup.Refused("wabot chat: cannot create a throwaway database folder: " + e.getMessage());
        }
    }

    private static void delete(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A temp folder left behind is harmless; the OS clears it.
        }
    }
}
