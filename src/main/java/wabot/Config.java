package wabot;

import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import wabot.alerts.AlertSettings;

/**
 * Every setting, read once at startup from the environment and an optional {@code .env} (the environment
 * wins). A bad value stops startup with one line naming the variable. {@link #toString()} never shows secrets.
 */
public record Config(
        String whatsappToken, String phoneNumberId, String verifyToken, String graphApiVersion, URI graphApiBaseUrl,
        URI externalApiUrl, String appSecret, String adminToken, int port, String databaseUrl, Path flowFile,
        double sendRatePerSecond, Duration externalApiTimeout, int externalApiMaxAttempts, int maxAnswerChars,
        int userMaxMessagesPerMinute, Duration sessionTtl, int retentionDays, Duration pollInterval,
        int webhookMaxBytes, Duration externalApiCircuitWait, ZoneId timeZone, AlertSettings alerts,
        Path numbersFile) {

    private static final Duration LONGEST = Duration.ofDays(36_500);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public static Config from(Map<String, String> env) {
        var read = new Reader(env);
        var config = new Config(
                read.text("WHATSAPP_TOKEN", null),
                read.text("PHONE_NUMBER_ID", null),
                read.text("VERIFY_TOKEN", null),
                read.text("GRAPH_API_VERSION", "v20.0"),
                read.url("GRAPH_API_BASE_URL", "https://graph.facebook.com"),
                read.url("EXTERNAL_API_URL", null),
                read.text("APP_SECRET", null),
                read.text("ADMIN_TOKEN", null),
                read.integer("PORT", 8000, 0, 65535),
                read.text("DATABASE_URL", "jdbc:sqlite:data/wabot.db"),
                read.path("FLOW_FILE"),
                read.decimal("SEND_RATE_PER_SECOND", 80, 0.1, 100_000),
                read.duration("EXTERNAL_API_TIMEOUT", "10s"),
                read.integer("EXTERNAL_API_MAX_ATTEMPTS", 4, 1, 20),
                read.integer("MAX_ANSWER_CHARS", 2000, 1, 100_000),
                read.integer("USER_MAX_MESSAGES_PER_MINUTE", 30, 1, 100_000),
                read.duration("SESSION_TTL", "24h"),
                read.integer("RETENTION_DAYS", 90, 7, 36_500),
                read.duration("POLL_INTERVAL", "1s"),
                read.integer("WEBHOOK_MAX_BYTES", 3 * 1024 * 1024, 64 * 1024, 64 * 1024 * 1024),
                read.duration("EXTERNAL_API_CIRCUIT_WAIT", "30s"),
                read.zone("TIME_ZONE"),
                new AlertSettings(
                        read.url("ALERT_WEBHOOK_URL", null),
                        read.duration("ALERT_CHECK_INTERVAL", "30s"),
                        read.duration("ALERT_WINDOW", "15m"),
                        read.integer("ALERT_MIN_EVENTS", 10, 1, 1_000),
                        read.integer("ALERT_FAILED_REPLIES_PERCENT", 20, 1, 100),
                        read.integer("ALERT_FAILED_SUBMISSIONS_PERCENT", 20, 1, 100),
                        read.duration("ALERT_CIRCUIT_OPEN_AFTER", "5m"),
                        read.duration("ALERT_OUTBOX_AGE", "10m")),
                read.path("NUMBERS_FILE"));
        if (config.numbersFile != null) {
            // The file lists the numbers, each with its flow: a second source for either could only disagree.
            for (var single : new String[] {"PHONE_NUMBER_ID", "FLOW_FILE"}) {
                if (read.text(single, null) != null) {
                    throw new ConfigException(single, "must not be set with NUMBERS_FILE, which lists each number"
                            + " with its flow; remove it (or NUMBERS_FILE)");
                }
            }
        } else if (config.whatsappToken != null && config.phoneNumberId == null) {
            throw new ConfigException("PHONE_NUMBER_ID", "is required when WHATSAPP_TOKEN is set");
        }
        if (!config.databaseUrl.startsWith("jdbc:sqlite:") && !config.databaseUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("DATABASE_URL", "must start with jdbc:sqlite: or jdbc:postgresql:");
        }
        if (config.databaseUrl.toLowerCase(Locale.ROOT).contains("rewritebatchedinserts=true")) {
            // The rewrite merges batched inserts and reports no per-row counts, which the inbox's dedupe needs.
            throw new ConfigException("DATABASE_URL", "must not set reWriteBatchedInserts=true");
        }
        return config;
    }

    /** True when the single number of these settings only logs and stores its replies: no WHATSAPP_TOKEN. */
    public boolean dryRun() {
        return whatsappToken == null;
    }

    @Override
    public String toString() {
        return "Config[port=" + port + ", database=" + databaseUrl.replaceAll("password=[^&]*", "password=***")
                + (numbersFile != null ? ", numbers=" + numbersFile : ", flow=" + (flowFile == null ? "bundled" : flowFile))
                + ", graph=" + graphApiBaseUrl + "/"
                + graphApiVersion + (numbersFile == null ? ", dryRun=" + dryRun() : "") + ", externalApi=" + withoutCredentials(externalApiUrl)
                + ", signatures=" + (appSecret != null) + ", adminToken=" + (adminToken != null ? "set" : "unset")
                + ", sendRate=" + sendRatePerSecond + "/s, sessionTtl=" + sessionTtl + ", timeZone=" + timeZone
                + ", alertWebhook=" + (alerts.webhook() != null ? "set" : "unset") + "]";
    }

    private static String withoutCredentials(URI url) {
        return url == null || url.getUserInfo() == null ? String.valueOf(url)
                : url.toString().replace(url.getRawUserInfo() + "@", "***@");
    }

    /** Parses single values, each failure naming its variable. */
    private record Reader(Map<String, String> env) {
        String text(String name, String fallback) {
            var value = env.get(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        int integer(String name, int fallback, int min, int max) {
            var value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                int number = Integer.parseInt(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(name, "must be a whole number from " + min + " to " + max + ", got '" + value + "'");
        }

        double decimal(String name, double fallback, double min, double max) {
            var value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                double number = Double.parseDouble(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(name, "must be a number from " + min + " to " + max + ", got '" + value + "'");
        }

        URI url(String name, String fallback) {
            var value = text(name, fallback);
            if (value == null) {
                return null;
            }
            return HttpUrl.parse(value).orElseThrow(
                    () -> new ConfigException(name, "must be an http:// or https:// URL, got '" + value + "'"));
        }

        ZoneId zone(String name) {
            var value = text(name, null);
            if (value == null) {
                return ZoneId.systemDefault();
            }
            try {
                return ZoneId.of(value);
            } catch (DateTimeException e) {
                throw new ConfigException(name, "must be a time zone such as UTC, Europe/Madrid or"
                        + " America/Argentina/Buenos_Aires, got '" + value + "'");
            }
        }

        Path path(String name) {
            var value = text(name, null);
            return value == null ? null : Path.of(value);
        }

        Duration duration(String name, String fallback) {
            var value = text(name, fallback).toLowerCase(Locale.ROOT);
            var matcher = SHORT_DURATION.matcher(value);
            if (matcher.matches()) {
                try {
                    long amount = Long.parseLong(matcher.group(1));
                    switch (matcher.group(2)) {
                        case "ms": return positive(name, value, Duration.ofMillis(amount));
                        case "s": return positive(name, value, Duration.ofSeconds(amount));
                        case "m": return positive(name, value, Duration.ofMinutes(amount));
                        case "h": return positive(name, value, Duration.ofHours(amount));
                        default: return positive(name, value, Duration.ofDays(amount));
                    }
                } catch (NumberFormatException | ArithmeticException tooLarge) {
                    throw new ConfigException(name, "is too long a duration, got '" + value + "'");
                }
            }
            try {
                return positive(name, value, Duration.parse(value.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                throw new ConfigException(name, "must be a duration such as 24h, 30m, 10s, 500ms or PT24H, got '" + value + "'");
            }
        }

        private static Duration positive(String name, String value, Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new ConfigException(name, "must be longer than zero, got '" + value + "'");
            }
            if (duration.compareTo(LONGEST) > 0) {
                throw new ConfigException(name, "must be at most 100 years, got '" + value + "'");
            }
            return duration;
        }
    }
}
