package dev.quorum.envelope.consume;

import java.util.ArrayList;
import java.util.List;

/** What a consumer hands over, for tests. */
public final class Consumed {

    private Consumed() {
    }

    /** Runs {@code consumer} on this thread until it has handed over {@code count} envelopes. */
    public static List<ReceivedEnvelope> until(EnvelopeConsumer consumer, int count) {
        List<ReceivedEnvelope> received = new ArrayList<>();
        consumer.run(envelope -> {
            received.add(envelope);
            if (received.size() == count) {
                consumer.stop();
            }
        });
        return received;
    }
}
