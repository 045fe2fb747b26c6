package dev.quorum.envelope.consume;

/** A running reader of the envelope stream: {@link StreamTail} or {@link ConsumerGroupReader}. */
public interface EnvelopeConsumer {

    /** Reads and handles entries on the calling thread until {@link #stop()}; Redis errors end it with their exception. */
    void run(EnvelopeHandler handler);

    /** Asks {@link #run} to return: it finishes the entry in hand and returns within one block timeout. */
    void stop();

    /**
     * Makes {@link #run} return once {@code envelopes} envelopes were handed to the handler, reading no entry beyond
     * them: each read asks for at most the envelopes still wanted, so in a group nothing is left pending on this
     * consumer (undecodable entries read on the way are acknowledged and counted, as always).
     */
    void stopAfter(long envelopes);

    ConsumerStats stats();
}
