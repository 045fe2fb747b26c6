package dev.quorum.orchestrator.publish;

/** Where published envelopes go. */
public interface EnvelopeSink {

    /** For operators, e.g. {@code redis://127.0.0.1:6379/0 stream maf:...}; never contains a password. */
    String describe();

    /**
     * Publishes one envelope exactly as stored.
     *
     * @return where it went (the stream entry id, or the file and line)
     * @throws RuntimeException when it could not be published; the entry stays pending
     */
    String publish(String correlationId, String envelopeJson);
}
