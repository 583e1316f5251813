package wabot.flow;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import wabot.conversation.Flow;
import wabot.numbers.BusinessNumber;
import wabot.numbers.BusinessNumbers;
import wabot.HttpUrl;

/**
 * Reads a {@code NUMBERS_FILE}: the WhatsApp numbers one deployment serves, each with its flow, its token (by the
 * name of the variable that holds it) and optionally its own business API. Like a flow file, it is checked whole at
 * startup and refused with every problem as {@code file:line: problem}; the problems of a number's flow file follow,
 * in that file's own {@code file:line} terms.
 */
public final class NumbersLoader {
    private static final Set<String> ROOT_KEYS = Set.of("numbers");
    private static final Set<String> NUMBER_KEYS = Set.of("phone_number_id", "name", "flow", "token_env", "api_url",
            "send_rate_per_second");
    private static final Pattern PHONE_NUMBER_ID = Pattern.compile("\\d{1,30}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final int MAX_NAME = 100;

    /**
     * What a number falls back on when the file does not say: {@code EXTERNAL_API_URL}, {@code SEND_RATE_PER_SECOND}.
     *
     * @param checkTokens false to accept token variables that are not set here (checking a file on another machine);
     *                    the numbers then have no token
     */
    public record Defaults(URI apiUrl, double sendRate, boolean checkTokens) {
        public Defaults(URI apiUrl, double sendRate) {
            this(apiUrl, sendRate, true);
        }
    }

    /** A problem at a line of the numbers file, with the lines of a flow file it brings along. */
    private record Problem(int line, String message, List<String> flowProblems) {}

    private final String file;
    private final Path folder;
    private final Map<String, String> settings;
    private final Defaults defaults;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<Path, Flow> flows = new HashMap<>();
    private final Nodes nodes = new Nodes(false);

    private NumbersLoader(Path file, Map<String, String> settings, Defaults defaults) {
        this.file = file.toString();
        this.folder = file.getParent();
        this.settings = settings;
        this.defaults = defaults;
    }

    /**
     * @param settings the environment and {@code .env}, where the tokens are looked up
     * @throws FlowException naming every problem, this file's and its flows'
     */
    public static BusinessNumbers load(Path file, Map<String, String> settings, Defaults defaults) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FlowException(file.toString(), 1, "cannot read the file: " + e.getMessage());
        }
        return new NumbersLoader(file, settings, defaults).parse(YamlReader.read(text, file.toString()));
    }

    private BusinessNumbers parse(YamlNode document) {
        var list = attempt(() -> {
            var root = nodes.mapping(document, "the numbers file");
            nodes.unknownKeys(root, ROOT_KEYS, "the numbers file");
            var numbers = root.entries().get("numbers");
            if (numbers == null) {
                throw new Problems.Found(root.line(), "the numbers file has no 'numbers' list");
            }
            if (!(numbers instanceof YamlNode.Sequence sequence)) {
                throw Nodes.problem(numbers, "'numbers' must be a list, not " + numbers.kind());
            }
            if (sequence.items().isEmpty()) {
                throw Nodes.problem(sequence, "'numbers' is empty: list at least one number");
            }
            return sequence;
        });
        var read = new ArrayList<BusinessNumber>();
        if (list != null) {
            var ids = new HashMap<String, Integer>();
            var names = new HashMap<String, Integer>();
            for (var item : list.items()) {
                var number = attempt(() -> number(item, ids, names));
                if (number != null) {
                    read.add(number);
                }
            }
        }
        if (!problems.isEmpty()) {
            var lines = new ArrayList<String>();
            problems.stream().sorted(Comparator.comparingInt(Problem::line)).forEach(p -> {
                lines.add(file + ":" + p.line() + ": " + p.message());
                lines.addAll(p.flowProblems());
            });
            throw new FlowException(lines);
        }
        return new BusinessNumbers(read, true);
    }

    private BusinessNumber number(YamlNode item, Map<String, Integer> ids, Map<String, Integer> names) {
        var map = nodes.mapping(item, "a number");
        nodes.unknownKeys(map, NUMBER_KEYS, "a number");
        var id = nodes.text(map, "phone_number_id", "a number");
        var idLine = line(map, "phone_number_id");
        if (!PHONE_NUMBER_ID.matcher(id).matches()) {
            throw new Problems.Found(idLine, "phone_number_id must be Meta's id of the number, digits only"
                    + " (WhatsApp > API Setup), got '" + id + "'");
        }
        var firstId = ids.putIfAbsent(id, idLine);
        if (firstId != null) {
            throw new Problems.Found(idLine, "duplicate phone_number_id '" + id + "' (first listed on line " + firstId + ")");
        }
        var what = "number " + id;
        var name = nodes.text(map, "name", what);
        if (name.length() > MAX_NAME) {
            throw new Problems.Found(line(map, "name"), what + " has a name longer than " + MAX_NAME + " characters");
        }
        var firstName = names.putIfAbsent(name, line(map, "name"));
        if (firstName != null) {
            throw new Problems.Found(line(map, "name"), "duplicate name '" + name + "' (first used on line " + firstName
                    + "): the console and the alerts tell numbers apart by their names");
        }
        var flowPath = nodes.text(map, "flow", what);
        var resolved = folder == null ? Path.of(flowPath) : folder.resolve(flowPath);
        var flow = flow(resolved, line(map, "flow"), what);
        var variable = nodes.optionalText(map, "token_env", what);
        String token = null;
        if (variable != null) {
            if (!VARIABLE.matcher(variable).matches()) {
                throw new Problems.Found(line(map, "token_env"), what + " has token_env '" + variable
                        + "', which is not a variable name: name the variable that holds the token, not the token");
            }
            token = settings.get(variable);
            if ((token == null || token.isBlank()) && defaults.checkTokens()) {
                throw new Problems.Found(line(map, "token_env"), what + ": token_env " + variable
                        + " is not set; put the number's Graph API token in that variable (environment or .env)");
            }
            token = token == null || token.isBlank() ? null : token.strip();
        }
        var apiUrl = url(map, what);
        var rate = rate(map, what);
        if (flow == null) {
            return null; // its problems are recorded; the others are still checked
        }
        return new BusinessNumber(id, name, resolved.toString(), flow, variable, token,
                apiUrl != null ? apiUrl : defaults.apiUrl(), rate != null ? rate : defaults.sendRate());
    }

    private Flow flow(Path path, int line, String what) {
        if (flows.containsKey(path)) {
            return flows.get(path);
        }
        Flow flow = null;
        if (!Files.isRegularFile(path)) {
            problems.add(new Problem(line, what + ": flow file " + path + " does not exist", List.of()));
        } else {
            try {
                flow = FlowLoader.load(path);
            } catch (FlowException e) {
                int count = e.problems().size();
                problems.add(new Problem(line, what + ": flow file " + path + " is not valid (" + count
                        + (count == 1 ? " problem" : " problems") + " below)", e.problems()));
            }
        }
        flows.put(path, flow);
        return flow;
    }

    private URI url(YamlNode.Mapping map, String what) {
        var value = nodes.optionalText(map, "api_url", what);
        if (value == null) {
            return null;
        }
        return HttpUrl.parse(value).orElseThrow(() -> new Problems.Found(line(map, "api_url"),
                what + " has api_url that is not an http:// or https:// URL"));
    }

    private Double rate(YamlNode.Mapping map, String what) {
        var node = map.entries().get("send_rate_per_second");
        if (node == null) {
            return null;
        }
        BigDecimal number = nodes.numberOf(node);
        if (number == null || number.compareTo(new BigDecimal("0.1")) < 0
                || number.compareTo(BigDecimal.valueOf(100_000)) > 0) {
            throw Nodes.problem(node, what + " has send_rate_per_second that is not a number from 0.1 to 100000");
        }
        return number.doubleValue();
    }

    private static int line(YamlNode.Mapping map, String key) {
        return map.keyLines().getOrDefault(key, map.line());
    }

    private interface Part<T> {
        T read();
    }

    private <T> T attempt(Part<T> part) {
        try {
            return part.read();
        } catch (Problems.Found problem) {
            problems.add(new Problem(problem.line, problem.getMessage(), List.of()));
            return null;
        }
    }
}
