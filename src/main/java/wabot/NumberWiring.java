package wabot;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.conversation.ConversationEngine;
import wabot.conversation.Policy;
import wabot.external.ExternalApiClient;
import wabot.numbers.BusinessNumber;
import wabot.numbers.BusinessNumbers;
import wabot.numbers.Line;
import wabot.numbers.Switchboard;
import wabot.simulator.SimulatedPeople;
import wabot.simulator.SimulatedPhones;
import wabot.whatsapp.DryRunMessenger;
import wabot.whatsapp.GraphClient;
import wabot.whatsapp.GraphHttp;
import wabot.whatsapp.Messenger;
import wabot.whatsapp.Routing;

/**
 * Wires each business number's line by hand: the engine of its flow, its business API client, the circuit of that
 * API (one per URL, shared by the numbers that post there), and the messenger its replies leave through, with its
 * own token and rate.
 */
final class NumberWiring {
    private static final Logger log = LoggerFactory.getLogger(NumberWiring.class);
    /** The circuit of {@code EXTERNAL_API_URL}, and of the single number: the name the metrics always had. */
    static final String DEFAULT_CIRCUIT = "external-api";

    private NumberWiring() {}

    /**
     * @param scopes    each number's scope, by its id, as the database gave them
     * @param graphHttp the one client every number's replies leave through; null when every number is a dry run
     */
    static Switchboard switchboard(Config config, BusinessNumbers numbers, Map<String, String> scopes,
                                   HttpClient http, GraphHttp graphHttp, Wabot.Overrides overrides, Policy policy,
                                   CircuitBreakerRegistry breakers, MeterRegistry metrics) {
        var circuits = new HashMap<URI, CircuitBreaker>();
        var lines = new ArrayList<Line>();
        for (var number : numbers.all()) {
            var api = new ExternalApiClient(http, number.apiUrl(), config.externalApiTimeout(), overrides.standInFor(),
                    number.flow().questions(), number.phoneNumberId(), number.name());
            var breaker = circuits.computeIfAbsent(number.apiUrl(), url -> breakers.circuitBreaker(
                    url == null || url.equals(config.externalApiUrl()) ? DEFAULT_CIRCUIT
                            : DEFAULT_CIRCUIT + "-" + number.phoneNumberId()));
            var scope = number.phoneNumberId() == null ? "" : Objects.requireNonNull(scopes.get(number.phoneNumberId()));
            lines.add(new Line(number, scope, new ConversationEngine(number.flow(), policy), api, breaker,
                    messenger(config, number, numbers.fromFile(), graphHttp, overrides), rate(number)));
        }
        return new Switchboard(lines, numbers.fromFile(), metrics);
    }

    /** The startup log's lines about the numbers: what each talks with, and what it does not do. */
    static void describe(Switchboard lines) {
        for (var line : lines.lines()) {
            var number = line.number();
            if (!lines.several()) {
                log.info("[STARTUP] flow has {} questions", line.flow().questions().size());
                if (number.dryRun()) {
                    log.warn("[STARTUP] DRY-RUN: no WHATSAPP_TOKEN, so replies are logged [SEND] and stored, not sent");
                }
                if (number.apiUrl() == null) {
                    log.warn("[STARTUP] EXTERNAL_API_URL is not set: completed conversations are stored and ended, not"
                            + " posted");
                }
                continue;
            }
            log.info("[STARTUP] number {}: flow {} ({} questions), {}, {} replies/s, business API {}", number.label(),
                    number.flowSource(), line.flow().questions().size(), number.dryRun() ? "no token"
                            : "token from " + number.tokenVariable(), number.sendRate(),
                    number.apiUrl() == null ? "none" : number.apiUrl().getHost() + " (circuit "
                            + line.breaker().getName() + ")");
            if (number.dryRun()) {
                log.warn("[STARTUP] DRY-RUN for {}: no token_env, so its replies are logged [SEND] and stored, not sent",
                        number.label());
            }
            if (number.apiUrl() == null) {
                log.warn("[STARTUP] no api_url for {} and no EXTERNAL_API_URL: its completed conversations are stored"
                        + " and ended, not posted", number.label());
            }
        }
    }

    /** @param graphHttp the client all numbers send through; null when none sends (every number a dry run) */
    private static Messenger messenger(Config config, BusinessNumber number, boolean named, GraphHttp graphHttp,
                                       Wabot.Overrides overrides) {
        Messenger whatsapp = number.dryRun() ? new DryRunMessenger(named ? number.label() : null)
                : new GraphClient(graphHttp, config.graphApiBaseUrl().toString(), config.graphApiVersion(),
                        number.phoneNumberId(), number.token(), Duration.ofSeconds(15));
        // The simulator's people are answered on its page, never through Meta, whatever the settings say.
        return overrides.messenger().apply(new Routing(SimulatedPeople::isSimulated, new SimulatedPhones(), whatsapp));
    }

    /** Meta counts throughput per number, so each number has its own limit. */
    private static RateLimiter rate(BusinessNumber number) {
        double perSecond = number.sendRate();
        // Small refill periods spread a burst over the second instead of releasing it all at once.
        long periodNanos = Math.max(1_000_000L, (long) (1_000_000_000L / perSecond));
        int permits = (int) Math.max(1, Math.round(perSecond * periodNanos / 1_000_000_000d));
        return RateLimiter.of("whatsapp-send-" + (number.phoneNumberId() == null ? "any" : number.phoneNumberId()),
                RateLimiterConfig.custom()
                        .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                        .limitForPeriod(permits)
                        .timeoutDuration(Duration.ofMinutes(10))
                        .build());
    }
}
