package wabot;

/** A setting wabot cannot start with; the message names the variable and what is wrong with it. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String variable, String problem) {
        super(variable + " " + problem);
    }
}
