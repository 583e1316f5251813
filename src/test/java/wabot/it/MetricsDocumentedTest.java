package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Await;
import wabot.testing.Fixtures;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * What the README, the Grafana dashboard and the Prometheus rules say about {@code /metrics} stays true: after a
 * short conversation every metric they name is in a real scrape, and every metric of wabot's own is in the README.
 */
class MetricsDocumentedTest {
    private static final Pattern FAMILY = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);
    /** A metric name in a PromQL expression: every family wabot serves starts with one of these. */
    private static final Pattern IN_QUERY = Pattern.compile(
            "\\b((?:wabot|jetty|jvm|process|system|hikaricp|resilience4j)_[a-zA-Z0-9_]+)");

    @TempDir
    static Path dir;

    static String scrape;
    static Set<String> families = new TreeSet<>();
    static Set<String> samples = new TreeSet<>();

    @BeforeAll
    static void aShortConversation() {
        try (var h = Harness.builder(dir).flowYaml("questions:\n  - id: name\n    text: \"Name?\"\n").start()) {
            h.exchange(Webhooks.USER_A, "Hola", 1);
            h.exchange(Webhooks.USER_A, "Ana", 2);
            var wamid = h.graph().requests(Webhooks.USER_A).get(0).wamid();
            h.deliver(Webhooks.status("status_read.json", wamid, Webhooks.USER_A));
            h.get("/console");
            scrape = Await.value("a scrape after the conversation", () -> h.get("/metrics").body(),
                    body -> body.contains("wabot_submissions_total{outcome=\"done\"} 1.0")
                            && body.contains("wabot_delivery_statuses_total"));
        }
        FAMILY.matcher(scrape).results().forEach(m -> families.add(m.group(1)));
        SAMPLE.matcher(scrape).results().forEach(m -> samples.add(m.group(1)));
    }

    @Test
    void everyMetricTheReadmeListsIsScrapedAndEveryOneOfWabotsIsListed() throws IOException {
        var listed = readmeMetrics();
        assertThat(listed).hasSizeGreaterThan(20);

        for (var name : listed) {
            if (name.endsWith("*")) {
                var prefix = name.substring(0, name.length() - 1);
                assertThat(families).as("a family starting with " + prefix).anyMatch(f -> f.startsWith(prefix));
            } else {
                assertThat(families).as("README lists " + name).contains(name);
            }
        }
        assertThat(families.stream().filter(f -> f.startsWith("wabot_")).filter(f -> !f.endsWith("_max")))
                .as("every wabot_ metric has its line in the README").allMatch(listed::contains);
    }

    @Test
    void theDashboardAndTheAlertRulesNameOnlyMetricsWabotServes() throws IOException {
        var dashboard = new ObjectMapper().readTree(Fixtures.ROOT.resolve("docs/monitoring/grafana-dashboard.json").toFile());
        var queries = new ArrayList<String>();
        dashboard.findValues("expr").forEach(e -> queries.add(e.asText()));
        assertThat(queries).hasSizeGreaterThan(20);
        assertThat(dashboard.path("panels").size()).isGreaterThan(20);
        assertThat(dashboard.path("templating").path("list").get(0).path("type").asText()).isEqualTo("datasource");

        var rules = new ObjectMapper(new YAMLFactory())
                .readTree(Fixtures.ROOT.resolve("docs/monitoring/wabot-alerts.yaml").toFile());
        var alerts = new ArrayList<String>();
        for (var rule : rules.path("groups").get(0).path("rules")) {
            alerts.add(rule.path("alert").asText());
            queries.add(rule.path("expr").asText());
            assertThat(rule.path("labels").path("severity").asText()).isIn("critical", "warning");
            assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
        }
        assertThat(alerts).as("one rule per condition wabot watches itself").contains("WabotWhatsAppTokenInvalid",
                "WabotWhatsAppRestricted", "WabotBusinessApiCircuitOpen", "WabotSubmissionsFailing",
                "WabotRepliesFailing", "WabotOutboxStuck");

        var named = new LinkedHashSet<String>();
        queries.forEach(q -> IN_QUERY.matcher(q).results().forEach(m -> named.add(m.group(1))));
        assertThat(named).hasSizeGreaterThan(10);
        assertThat(named).as("every metric the dashboard and the rules query is in a real scrape")
                .allSatisfy(name -> assertThat(samples).contains(name));
    }

    /** The backticked names of the first column of the README's metrics table, label sets dropped. */
    private static List<String> readmeMetrics() throws IOException {
        var readme = Files.readString(Fixtures.ROOT.resolve("README.md"));
        var section = readme.substring(readme.indexOf("## Metrics"), readme.indexOf("\n## ", readme.indexOf("## Metrics") + 5));
        var names = new ArrayList<String>();
        for (var line : section.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            var first = line.substring(1, line.indexOf(" |", 2));
            var code = Pattern.compile("`([^`]+)`").matcher(first);
            while (code.find()) {
                names.add(code.group(1).replaceAll("\\{.*$", ""));
            }
        }
        return names;
    }

}
