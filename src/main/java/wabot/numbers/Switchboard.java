package wabot.numbers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.whatsapp.Inbound;
import wabot.whatsapp.StatusUpdate;
import wabot.whatsapp.Webhook;

/**
 * Puts every delivery through to the line of the number it was written to ({@code metadata.phone_number_id}), under
 * the key of the person's conversations with that number. A delivery for a number this deployment does not serve is
 * not processed: its messages are counted, and the first one of each such number is logged.
 */
public final class Switchboard {
    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);
    /** Numbers logged as unknown, at most: forged deliveries must not grow memory or the log without bound. */
    private static final int MAX_TOLD = 100;

    private final List<Line> lines;
    private final boolean fromFile;
    private final Map<String, Line> byId = new LinkedHashMap<>();
    private final Map<String, Line> byScope = new LinkedHashMap<>();
    private final Set<String> told = ConcurrentHashMap.newKeySet();
    private final Counter unknown;

    /** @param fromFile false for the single number of the settings without a numbers file */
    public Switchboard(List<Line> lines, boolean fromFile, MeterRegistry metrics) {
        this.lines = List.copyOf(lines);
        this.fromFile = fromFile;
        for (var line : lines) {
            if (line.id() != null) {
                byId.put(line.id(), line);
            }
            byScope.put(line.scope(), line);
        }
        this.unknown = metrics.counter("wabot.webhook.messages", "result", "unknown_number");
    }

    public List<Line> lines() {
        return lines;
    }

    /** True with a numbers file: the pages and endpoints then show which number each conversation belongs to. */
    public boolean several() {
        return fromFile;
    }

    /** The line of the number with this id. */
    public Optional<Line> line(String phoneNumberId) {
        return Optional.ofNullable(byId.get(phoneNumberId));
    }

    /** The first line: what the simulator, the chat and {@code /send-test} talk to unless told otherwise. */
    public Line first() {
        return lines.get(0);
    }

    /** The line a conversation key belongs to, or null when its number is no longer served. */
    public Line lineOf(String userKey) {
        return byScope.get(UserKey.scope(userKey));
    }

    /** Each message under its conversation key, and only what was written to (or about) a number served here. */
    public Webhook route(Webhook webhook) {
        var messages = new ArrayList<Inbound>(webhook.messages().size());
        for (var message : webhook.messages()) {
            var line = answering(message.numberId());
            if (line == null) {
                unknown.increment();
                continue;
            }
            if (!UserKey.validPerson(message.userKey())) {
                log.warn("[WEBHOOK] skipped message {}: '{}' is not a WhatsApp id", message.messageId(), message.userKey());
                continue;
            }
            messages.add(line.scope().isEmpty() ? message : message.keyed(line.keyOf(message.userKey())));
        }
        var statuses = new ArrayList<StatusUpdate>(webhook.statuses().size());
        for (var status : webhook.statuses()) {
            if (answering(status.numberId()) != null) {
                statuses.add(status);
            }
        }
        return new Webhook(messages, statuses);
    }

    /**
     * The line that answers deliveries for {@code numberId}, or null. Without a numbers file, the single number
     * answers deliveries that name no number; and when {@code PHONE_NUMBER_ID} is not set either, every delivery.
     */
    private Line answering(String numberId) {
        if (!fromFile) {
            var single = lines.get(0);
            if (numberId == null || single.id() == null || single.id().equals(numberId)) {
                return single;
            }
        } else if (numberId != null && byId.containsKey(numberId)) {
            return byId.get(numberId);
        }
        if (told.size() < MAX_TOLD && told.add(String.valueOf(numberId))) {
            log.warn("[WEBHOOK] deliveries for phone_number_id {} are acknowledged and not processed: this deployment"
                    + " serves {}; counted in wabot_webhook_messages_total{{result=\"unknown_number\"}}",
                    numberId == null ? "(none given)" : numberId, served());
        }
        return null;
    }

    private String served() {
        var ids = lines.stream().map(l -> l.id() == null ? "any" : l.id()).toList();
        return (fromFile ? "the numbers of NUMBERS_FILE: " : "PHONE_NUMBER_ID ") + String.join(", ", ids);
    }
}
