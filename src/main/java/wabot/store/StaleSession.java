package wabot.store;

/** Another worker saved the session first; the caller's transaction rolls back and the work is redone. */
public final class StaleSession extends RuntimeException {
    public StaleSession(String userKey, long version) {
        super("session " + userKey + " is no longer at version " + version);
    }
}
