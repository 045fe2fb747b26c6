package dev.quorum.envelope.publish;

/** Redis refused part of a publish; the message says which command failed and what was already written. */
public final class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
