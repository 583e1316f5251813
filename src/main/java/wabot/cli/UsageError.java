package wabot.cli;

/** A command line wabot cannot make sense of; the command prints its usage and exits with 2. */
final class UsageError extends Exception {
    UsageError(String message) {
        super(message);
    }
}
