package wabot.answers;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import wabot.conversation.AnswerContext;
import wabot.conversation.AnswerType;
import wabot.conversation.Attachment;
import wabot.conversation.Event;
import wabot.conversation.Reading;
import wabot.conversation.Text;
import wabot.conversation.Value;

/**
 * A location the person shares, posted as {@code {latitude, longitude, name?, address?}} with the coordinates as
 * JSON numbers; the name and address come only when they picked a named place.
 */
public record LocationAnswer() implements AnswerType {

    @Override
    public String name() {
        return "location";
    }

    @Override
    public Reading read(Event.UserMessage message, AnswerContext context) {
        if (!(message.attachment() instanceof Attachment.Location location)) {
            return Reading.refused(hint(context));
        }
        var fields = new LinkedHashMap<String, Value>();
        fields.put("latitude", Value.number(BigDecimal.valueOf(location.latitude())));
        fields.put("longitude", Value.number(BigDecimal.valueOf(location.longitude())));
        if (location.name() != null) {
            fields.put("name", Value.text(location.name()));
        }
        if (location.address() != null) {
            fields.put("address", Value.text(location.address()));
        }
        return Reading.accepted(new Value.Fields(fields));
    }

    @Override
    public String hint(AnswerContext context) {
        return context.texts().get(Text.LOCATION_EXPECTED);
    }
}
