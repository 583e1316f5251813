package wabot.simulator;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Who talks to the bot in the web simulator: people known only by an id of the form {@code SIM.<digits>}, shaped
 * like the business-scoped user ids Meta uses for people who withhold their phone. A real one begins with a
 * two-letter country code, so a simulated person can never be mistaken for a real one, in this process or in any
 * other that shares the database, and their replies never leave for WhatsApp.
 */
public final class SimulatedPeople {
    private static final Pattern ID = Pattern.compile("SIM\\.\\d{4,20}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SimulatedPeople() {}

    public static boolean isSimulated(String userKey) {
        return userKey != null && ID.matcher(userKey).matches();
    }

    public static String newId() {
        return "SIM." + (100_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 900_000_000L);
    }
}
