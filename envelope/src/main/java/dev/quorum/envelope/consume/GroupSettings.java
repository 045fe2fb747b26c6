package dev.quorum.envelope.consume;

import java.time.Duration;

/**
 * Consumer-group membership.
 *
 * @param reclaimAfter   an entry pending this long (its consumer died or hangs) is taken over (XAUTOCLAIM); it
 *                       must exceed the slowest normal handling time, or live consumers' work gets duplicated
 * @param newGroupFromStart when the group does not exist yet: create it at the stream's start ({@code 0}) rather
 *                       than at its end ({@code $})
 */
public record GroupSettings(String group, String consumer, Duration reclaimAfter, boolean newGroupFromStart) {

    public GroupSettings {
        if (group == null || group.isBlank() || consumer == null || consumer.isBlank()) {
            throw new IllegalArgumentException("group and consumer names must not be blank");
        }
        if (reclaimAfter == null || reclaimAfter.isNegative()) {
            throw new IllegalArgumentException("reclaimAfter must be zero or positive, got " + reclaimAfter);
        }
    }

    /** Reclaims after one minute; a new group starts at the end of the stream. */
    public static GroupSettings of(String group, String consumer) {
        return new GroupSettings(group, consumer, Duration.ofMinutes(1), false);
    }

    public GroupSettings withReclaimAfter(Duration idle) {
        return new GroupSettings(group, consumer, idle, newGroupFromStart);
    }

    public GroupSettings withNewGroupFromStart(boolean fromStart) {
        return new GroupSettings(group, consumer, reclaimAfter, fromStart);
    }
}
