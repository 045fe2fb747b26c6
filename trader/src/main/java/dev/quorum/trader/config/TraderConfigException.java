package dev.quorum.trader.config;

/** A configuration the trader cannot start with; the message is one line naming the key at fault. */
public final class TraderConfigException extends RuntimeException {

    public TraderConfigException(String message) {
        super(message);
    }

    static TraderConfigException at(String key, String problem) {
        return new TraderConfigException(key + ": " + problem);
    }
}
