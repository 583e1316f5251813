package wabot.answers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import wabot.conversation.AnswerContext;
import wabot.conversation.AnswerType;
import wabot.conversation.Event;
import wabot.conversation.Language;
import wabot.conversation.MessageKind;
import wabot.conversation.Reading;
import wabot.conversation.Text;
import wabot.conversation.Value;

/**
 * A phone number, local or international, checked against libphonenumber's numbering plans and posted in E.164
 * ("+5491155550000"). A number without its country code is read in {@code defaultRegion}, or, without one, in
 * the country of the person's own WhatsApp number.
 *
 * @param defaultRegion an ISO 3166 country code such as AR or BR; null to use the person's own country
 */
public record PhoneAnswer(String defaultRegion) implements AnswerType {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int MAX_LENGTH = 64;

    public PhoneAnswer {
        if (defaultRegion != null && !isRegion(defaultRegion)) {
            throw new IllegalArgumentException("unknown region " + defaultRegion);
        }
        defaultRegion = defaultRegion == null ? null : defaultRegion.toUpperCase(Locale.ROOT);
    }

    /** True for a country code libphonenumber knows, such as AR, BR or US. */
    public static boolean isRegion(String code) {
        return code != null && PHONES.getSupportedRegions().contains(code.toUpperCase(Locale.ROOT));
    }

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public Reading read(Event.UserMessage message, AnswerContext context) {
        if (message.kind() != MessageKind.TEXT && message.kind() != MessageKind.CHOICE) {
            return Reading.refused(context.texts().textOnly());
        }
        var text = message.text() == null ? "" : message.text().strip();
        var invalid = Reading.refused(context.texts().format(Text.PHONE_INVALID, "example", example(context)));
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return invalid;
        }
        try {
            var number = PHONES.parse(text, region(context));
            return PHONES.isValidNumber(number)
                    ? Reading.accepted(Value.text(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)))
                    : invalid;
        } catch (NumberParseException e) {
            return invalid;
        }
    }

    @Override
    public String hint(AnswerContext context) {
        return context.texts().format(Text.PHONE_HINT, "example", example(context));
    }

    @Override
    public Map<String, Object> settings() {
        var settings = new LinkedHashMap<String, Object>();
        Settings.put(settings, "default_region", defaultRegion);
        return settings;
    }

    /** Where a number without a country code is: the flow's region, else the person's, else nowhere ("ZZ"). */
    private String region(AnswerContext context) {
        if (defaultRegion != null) {
            return defaultRegion;
        }
        if (context.senderPhone() != null) {
            try {
                var region = PHONES.getRegionCodeForNumber(PHONES.parse(context.senderPhone(), "ZZ"));
                if (region != null && isRegion(region)) {
                    return region;
                }
            } catch (NumberParseException e) {
                // Not a number libphonenumber can place: numbers must then carry their country code.
            }
        }
        return "ZZ";
    }

    /** A mobile number of the region that applies, written internationally, so it is right wherever it is read. */
    private String example(AnswerContext context) {
        var region = region(context);
        if ("ZZ".equals(region)) {
            region = context.language() == Language.PT ? "BR" : context.language() == Language.EN ? "US" : "MX";
        }
        Phonenumber.PhoneNumber example = PHONES.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
        return example == null ? "+1 201 555 0123"
                : PHONES.format(example, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
    }
}
