package dev.quorum.envelope.consume;

/** A running reader of the envelope stream: {@link StreamTail} or {@link ConsumerGroupReader}. */
public interface EnvelopeConsumer {

    /** Reads and handles entries on the calling thread until {@link #stop()}; Redis errors end it with their exception. */
    void run(EnvelopeHandler handler);

    /** Asks {@link #run} to return: it finishes the entry in hand and returns within one block timeout. */
    void stop();

    ConsumerStats stats();
}
