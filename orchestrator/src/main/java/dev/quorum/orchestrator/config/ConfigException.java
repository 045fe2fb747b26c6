package dev.quorum.orchestrator.config;

/**
 * A configuration that cannot be used, naming the key (dotted path, e.g. {@code http.port}) and the problem.
 * Never carries a secret value.
 */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String problem) {
        super("configuration key '" + key + "': " + problem);
        this.key = key;
    }

    /** A problem that is not about one key (unreadable file, malformed YAML). */
    public ConfigException(String problem, Throwable cause) {
        super(problem, cause);
        this.key = "";
    }

    /** The dotted path of the offending key; empty when the problem is not about one key. */
    public String key() {
        return key;
    }
}
