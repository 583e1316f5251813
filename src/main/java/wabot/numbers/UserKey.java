package wabot.numbers;

/**
 * The key of a person's conversations with one business number, as the stores and the lanes know them:
 * {@code <scope>:<person>}, where the person is their {@code wa_id} or BSUID and the scope stands for the number
 * ({@code numbers} table, {@code store.NumberStore}). The first number a database served has the empty scope, and so
 * its keys are the bare person, as every key was before wabot served several numbers: a single-number database keeps
 * its sessions, and nothing is rewritten when a second number is added.
 */
public final class UserKey {
    private static final char SEPARATOR = ':';

    private UserKey() {}

    public static String of(String scope, String person) {
        return scope.isEmpty() ? person : scope + SEPARATOR + person;
    }

    /** The number's scope: empty for the first number's bare keys. */
    public static String scope(String key) {
        int at = key.indexOf(SEPARATOR);
        return at < 0 ? "" : key.substring(0, at);
    }

    /** The person: their {@code wa_id}, or the BSUID when Meta withholds the phone. */
    public static String person(String key) {
        return key.substring(key.indexOf(SEPARATOR) + 1);
    }

    /**
     * False for an id that would read as another number's key. Meta's ids are digits or {@code CC.digits}; a
     * {@code :} in one comes from a forged delivery, and it must not reach another number's conversation.
     */
    public static boolean validPerson(String person) {
        return person.indexOf(SEPARATOR) < 0;
    }
}
