package wabot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wabot.conversation.Attachment;
import wabot.simulator.SimulatedPeople;
import wabot.simulator.Simulator;
import wabot.store.InboxStore;
import wabot.store.OutboxStore;
import wabot.store.Wire;
import wabot.whatsapp.Deliveries;

/**
 * The web simulator: a phone-like page where a person talks to the bot without WhatsApp. The page polls for what
 * left the outbox; everything it sends is a Meta-shaped delivery through {@link Simulator}. Guarded like the
 * operator endpoints, and every POST repeats the page's CSRF token.
 */
public final class SimulatorRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 4096;

    /** One per business number, the first one first. */
    private final List<Simulator> simulators;
    private final boolean several;
    private final Assets assets;

    /** @param several true when the deployment serves several numbers: the page then says which and offers the rest */
    public SimulatorRoutes(List<Simulator> simulators, boolean several, Assets assets) {
        this.simulators = List.copyOf(simulators);
        this.several = several;
        this.assets = assets;
    }

    /**
     * {@code GET /simulator[?as=SIM.n][&number=ID]}: the page, as a new simulated person unless one is named, writing
     * to the number named (by default the first).
     */
    public void page(Context ctx) {
        var as = ctx.queryParam("as");
        var simulator = simulator(ctx);
        if (as == null || !SimulatedPeople.isSimulated(as)) {
            ctx.redirect("/simulator?as=" + SimulatedPeople.newId() + numberQuery(simulator), HttpStatus.SEE_OTHER);
            return;
        }
        var line = simulator.line();
        var api = line.number().apiUrl() != null ? "Submissions go to " + (several ? "this number's business API ("
                + line.number().apiUrl().getHost() + ")." : "your EXTERNAL_API_URL.")
                : "No business API is set for this number: a built-in stand-in answers each submission with the answers"
                        + " it received.";
        var body = "<main class=\"simulator\" data-person=\"" + Html.escape(as) + "\" data-number=\""
                + Html.escape(several ? line.id() : "") + "\" data-csrf=\"" + Csrf.token(ctx)
                + "\"><div class=\"phone\"><header><span class=\"badge\">SIMULATOR</span><div><strong>"
                + Html.escape(several ? line.number().name() : "wabot") + "</strong>"
                + "<small id=\"who\">You are " + Html.escape(as) + ", a simulated person. Not WhatsApp: nothing here "
                + "reaches Meta.</small></div></header>"
                + "<ol id=\"chat\" class=\"chat\" aria-live=\"polite\"></ol>"
                + "<p id=\"status\" class=\"status\"></p>"
                + "<form id=\"composer\" autocomplete=\"off\"><button type=\"button\" id=\"attach\" title=\"Send a photo, a "
                + "file or a location\" aria-label=\"Attach\">+</button><input id=\"text\" name=\"text\" maxlength=\"4096\" "
                + "placeholder=\"Message\" aria-label=\"Message\"><button type=\"submit\" id=\"send\">Send</button></form>"
                + "<div id=\"attachments\" class=\"attachments\" hidden><label>Photo or file <input type=\"file\" id=\"file\">"
                + "</label><button type=\"button\" id=\"location\">Share a location</button></div>"
                + "</div><aside>" + numbers(as, line) + "<p>" + Html.escape(api) + "</p><p>The flow has "
                + line.flow().questions().size() + " questions. <a href=\"/simulator" + numberQuery(simulator)
                .replaceFirst("&", "?") + "\">Start as someone new</a>.</p></aside></main>"
                + "<link rel=\"stylesheet\" href=\"" + assets.url("simulator.css") + "\">"
                + "<script src=\"" + assets.url("simulator.js") + "\"></script>";
        ctx.html(Html.page(assets, "Simulator", body));
    }

    /** The number the page writes to, and links to the others: the same person has a conversation with each. */
    private String numbers(String as, wabot.numbers.Line current) {
        if (!several) {
            return "";
        }
        var out = new StringBuilder("<nav class=\"numbers\" aria-label=\"Numbers\"><p>You write to <strong>")
                .append(Html.escape(current.number().label())).append("</strong>.</p><p>Write to ");
        var others = new ArrayList<String>();
        for (var simulator : simulators) {
            var line = simulator.line();
            if (line != current) {
                others.add("<a href=\"/simulator?as=" + Html.escape(as) + numberQuery(simulator) + "\" data-number=\""
                        + Html.escape(line.id()) + "\">" + Html.escape(line.number().name()) + "</a>");
            }
        }
        return out.append(String.join(", ", others)).append(" as the same person.</p></nav>").toString();
    }

    /** {@code GET /simulator/api/people/{person}?said=&told=[&number=]}: what happened after the ids the page last showed. */
    public void transcript(Context ctx) {
        var person = person(ctx);
        var view = simulator(ctx).since(person.key(), cursor(ctx, "said"), cursor(ctx, "told"));
        var out = new LinkedHashMap<String, Object>();
        out.put("said", view.said().stream().map(SimulatorRoutes::said).toList());
        out.put("told", view.told().stream().map(SimulatorRoutes::told).toList());
        out.put("owed", Map.of("messages", view.owed().messages(), "replies", view.owed().replies(),
                "submissions", view.owed().submissions()));
        out.put("settled", view.owed().settled());
        ctx.json(out);
    }

    /** {@code POST /simulator/api/people/{person}/messages}: a text, a tap, a media file or a location. */
    public void send(Context ctx) {
        Csrf.check(ctx);
        var person = person(ctx);
        var simulator = simulator(ctx);
        var body = body(ctx);
        String wamid;
        if (body.hasNonNull("text")) {
            var text = body.path("text").asText();
            if (text.isBlank() || text.length() > MAX_TEXT) {
                throw new BadRequestResponse("'text' must be 1 to " + MAX_TEXT + " characters");
            }
            wamid = simulator.say(person, text);
        } else if (body.has("tap")) {
            var tap = body.path("tap");
            wamid = simulator.tap(person, tap.path("list").asBoolean(false), required(tap, "id"), required(tap, "title"),
                    tap.path("context").asText(null));
        } else if (body.has("media")) {
            var media = body.path("media");
            var type = required(media, "type");
            if (!List.of("image", "document", "audio", "video").contains(type)) {
                throw new BadRequestResponse("'media.type' must be image, document, audio or video");
            }
            wamid = simulator.send(person, new Attachment.Media(type, required(media, "media_id"),
                    required(media, "mime_type"), required(media, "sha256"), media.path("caption").asText(null),
                    media.path("filename").asText(null)));
        } else if (body.has("location")) {
            var location = body.path("location");
            double latitude = location.path("latitude").asDouble(Double.NaN);
            double longitude = location.path("longitude").asDouble(Double.NaN);
            if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
                throw new BadRequestResponse("'location' needs a latitude within ±90 and a longitude within ±180");
            }
            wamid = simulator.send(person, new Attachment.Location(latitude, longitude,
                    location.path("name").asText(null), location.path("address").asText(null)));
        } else {
            throw new BadRequestResponse("send one of 'text', 'tap', 'media' or 'location'");
        }
        ctx.status(HttpStatus.ACCEPTED).json(Map.of("wamid", wamid));
    }

    /** {@code POST /simulator/api/people/{person}/read}: the page showed these replies. */
    public void read(Context ctx) {
        Csrf.check(ctx);
        var person = person(ctx);
        var wamids = new ArrayList<String>();
        for (var wamid : body(ctx).path("wamids")) {
            if (wamid.isTextual() && wamid.asText().length() <= 200) {
                wamids.add(wamid.asText());
            }
        }
        simulator(ctx).read(person, wamids);
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** The simulator of the number {@code ?number=} names; the first without one. */
    private Simulator simulator(Context ctx) {
        var number = ctx.queryParam("number");
        if (number == null || number.isBlank()) {
            return simulators.get(0);
        }
        return simulators.stream().filter(s -> number.equals(s.line().id())).findFirst()
                .orElseThrow(() -> new NotFoundResponse("no number with phone_number_id " + number + " is served here"));
    }

    private String numberQuery(Simulator simulator) {
        return several ? "&number=" + simulator.line().id() : "";
    }

    private static Deliveries.Person person(Context ctx) {
        var id = ctx.pathParam("person");
        if (!SimulatedPeople.isSimulated(id)) {
            throw new BadRequestResponse("not a simulated person: " + id);
        }
        return new Deliveries.Person(null, id, "Simulator");
    }

    private static long cursor(Context ctx, String name) {
        var value = ctx.queryParam(name);
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("'" + name + "' must be a row id");
        }
    }

    private static JsonNode body(Context ctx) {
        try {
            var node = JSON.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw new BadRequestResponse("the body must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new BadRequestResponse("the body must be JSON");
        }
    }

    private static String required(JsonNode node, String field) {
        var value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 1024) {
            throw new BadRequestResponse("'" + field + "' must be a text of 1 to 1024 characters");
        }
        return value.asText();
    }

    private static Map<String, Object> said(InboxStore.Said said) {
        var m = said.message();
        var map = new LinkedHashMap<String, Object>();
        map.put("id", said.id());
        map.put("wamid", m.messageId());
        map.put("kind", m.kind().name());
        map.put("text", m.text());
        map.put("choice_id", m.choiceId());
        map.put("attachment", m.attachment() == null ? null : Wire.attachmentNode(m.attachment()));
        map.put("at", said.receivedAt().toString());
        map.put("status", said.status());
        return map;
    }

    private static Map<String, Object> told(OutboxStore.Left left) {
        var map = new LinkedHashMap<String, Object>();
        map.put("id", left.id());
        map.put("text", left.reply().text());
        var choices = left.reply().choices();
        if (choices != null) {
            var shown = new LinkedHashMap<String, Object>();
            shown.put("style", choices.style().name());
            shown.put("button", choices.button());
            map.put("choices", shown);
            shown.put("options", choices.options().stream().map(o -> {
                        var option = new LinkedHashMap<String, Object>();
                        option.put("id", o.id());
                        option.put("title", o.title());
                        option.put("description", o.description());
                        return option;
                    }).toList());
        }
        map.put("status", left.status());
        map.put("wamid", left.wamid());
        map.put("delivery", left.delivery());
        map.put("error_code", left.errorCode());
        map.put("error_detail", left.errorDetail());
        map.put("at", left.at().toString());
        return map;
    }
}
