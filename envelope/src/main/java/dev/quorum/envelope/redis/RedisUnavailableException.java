package dev.quorum.envelope.redis;

/** A Sentinel or Cluster client could not be opened: no Sentinel knows the master, or no seed node answers. */
public final class RedisUnavailableException extends RuntimeException {

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
