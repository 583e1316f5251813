package wabot.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import wabot.numbers.Switchboard;
import wabot.numbers.UserKey;
import wabot.store.OutboxStore;
import wabot.whatsapp.GraphCodes;

/**
 * The three alerts about replies, read off the latest replies (newest first): the token and the restriction fire
 * when the most recent reply that tells (one Meta accepted, or one it refused with a code of the family) is a
 * refusal, and clear when it is an accepted one; the failure share is taken over the window. A token and a
 * restriction belong to one number: with several, each number has its own, judged on its own replies.
 */
final class ReplyChecks {
    /** How far back a refusal still counts for the token and the restriction while nothing newer tells. */
    static final Duration LOOKBACK = Duration.ofHours(24);

    private ReplyChecks() {}

    static List<Observation> of(List<OutboxStore.Fate> latest, Instant now, AlertSettings settings, Switchboard lines) {
        var seen = new ArrayList<Observation>();
        for (var line : lines.lines()) {
            var number = line.number();
            var own = lines.several() ? latest.stream()
                    .filter(fate -> UserKey.scope(fate.userKey()).equals(line.scope())).toList() : latest;
            var from = lines.several() ? " from " + number.label() : "";
            var token = number.tokenVariable() == null ? "the number's token" : number.tokenVariable();
            var tokenAlert = refused(own, now, Alert.WHATSAPP_TOKEN_INVALID, GraphCodes::tokenDead, from, token,
                    "Replace " + token + " with a valid token (a system user's token does not expire) and restart"
                            + " wabot. Replies refused meanwhile are marked failed and are not sent again.");
            var restricted = refused(own, now, Alert.WHATSAPP_RESTRICTED, GraphCodes::restricted, from, token,
                    "See Account quality and Policy enforcement in WhatsApp Manager, and the app's permissions."
                            + " Replies refused meanwhile are marked failed and are not sent again.");
            seen.add(lines.several() ? tokenAlert.about(line.id()) : tokenAlert);
            seen.add(lines.several() ? restricted.about(line.id()) : restricted);
        }
        seen.add(failing(latest, now, settings));
        return seen;
    }

    private static Observation refused(List<OutboxStore.Fate> latest, Instant now, Alert alert, IntPredicate family,
                                       String from, String token, String advice) {
        var since = now.minus(LOOKBACK);
        for (var fate : latest) {
            if (fate.createdAt().isBefore(since)) {
                break;
            }
            if ("sent".equals(fate.status())) {
                return Observation.clear(alert, "WhatsApp accepted a reply" + from + " again (reply " + fate.id() + ")");
            }
            if ("failed".equals(fate.status()) && fate.errorCode() != null && family.test(fate.errorCode())) {
                int code = fate.errorCode();
                return Observation.firing(alert, "Replies" + from + " are refused with Graph error " + code + ": "
                        + GraphCodes.meaning(code).replace("WHATSAPP_TOKEN", token), "Latest refused reply: " + fate.id() + " at " + fate.createdAt()
                        + (fate.errorDetail() == null ? "" : " (" + fate.errorDetail() + ")") + ". " + advice);
            }
        }
        return Observation.unknown(alert);
    }

    private static Observation failing(List<OutboxStore.Fate> latest, Instant now, AlertSettings settings) {
        var since = now.minus(settings.window());
        int total = 0;
        int failed = 0;
        Map<Integer, Integer> codes = new TreeMap<>();
        for (var fate : latest) {
            if (fate.createdAt().isBefore(since)) {
                break;
            }
            if (!"sent".equals(fate.status()) && !"failed".equals(fate.status())) {
                continue; // still pending, or cancelled by an operator: no verdict on WhatsApp
            }
            total++;
            if (fate.failed()) {
                failed++;
                codes.merge(fate.errorCode() == null ? 0 : fate.errorCode(), 1, Integer::sum);
            }
        }
        var details = codes.isEmpty() ? null : "By code: " + codes.entrySet().stream()
                .map(e -> e.getKey() + " × " + e.getValue() + " (" + GraphCodes.meaning(e.getKey()) + ")")
                .collect(Collectors.joining("; "));
        return Share.judge(Alert.REPLIES_FAILING, "replies", failed, total, settings.failedRepliesPercent(),
                settings.minEvents(), settings.window(), details);
    }
}
