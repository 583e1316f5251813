package wabot.numbers;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import wabot.Config;
import wabot.conversation.Flow;

/**
 * The numbers one deployment serves: those a {@code NUMBERS_FILE} lists, or the single number of
 * {@code PHONE_NUMBER_ID}, {@code FLOW_FILE}, {@code WHATSAPP_TOKEN} and {@code EXTERNAL_API_URL}.
 *
 * @param fromFile false for the single-number settings
 */
public record BusinessNumbers(List<BusinessNumber> all, boolean fromFile) {
    public BusinessNumbers {
        all = List.copyOf(all);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a deployment serves at least one number");
        }
        var ids = new HashSet<String>();
        for (var number : all) {
            if (number.phoneNumberId() == null ? fromFile || all.size() > 1 : !ids.add(number.phoneNumberId())) {
                throw new IllegalArgumentException("numbers need distinct ids: " + all);
            }
        }
    }

    /** The single number of the settings without a numbers file, talking to {@code flow}. */
    public static BusinessNumbers single(Config config, Flow flow, String flowSource) {
        return new BusinessNumbers(List.of(new BusinessNumber(config.phoneNumberId(), null, flowSource, flow,
                config.whatsappToken() == null ? null : "WHATSAPP_TOKEN", config.whatsappToken(),
                config.externalApiUrl(), config.sendRatePerSecond())), false);
    }

    /** {@link #single(Config, Flow, String)} with the flow of {@code FLOW_FILE} or the bundled one. */
    public static BusinessNumbers single(Config config, Flow flow) {
        return single(config, flow, config.flowFile() == null ? "bundled" : config.flowFile().toString());
    }

    public Optional<BusinessNumber> find(String phoneNumberId) {
        return all.stream().filter(n -> phoneNumberId != null && phoneNumberId.equals(n.phoneNumberId())).findFirst();
    }

    /** The first number listed: what the simulator, the chat and {@code /send-test} use unless told otherwise. */
    public BusinessNumber first() {
        return all.get(0);
    }
}
