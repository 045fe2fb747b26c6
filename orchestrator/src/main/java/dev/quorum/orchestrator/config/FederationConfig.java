package dev.quorum.orchestrator.config;

/**
 * Seed 003's model federation: external models voting through Redis, and the seed's keys written beside the
 * envelope for the seed's consumers.
 *
 * @param maxSignalAgeSeconds a {@code quantum:model:<name>:signal} older than this is an abstention (agents with
 *                            {@code backend: redis})
 * @param publishKeys         whether each decision also writes {@code quantum:consensus:signal},
 *                            {@code quantum:trust:<name>}, {@code quantum:trust:history},
 *                            {@code quantum:trust:events:<name>} and {@code quantum:federation:metrics}
 * @param trustEventsCap      how many trust adjustments {@code quantum:trust:events:<name>} keeps (the seed keeps 100)
 * @param watchSeconds        seed 003's interval mode for {@code serve}: every this many seconds the external models'
 *                            signals are read and the watchlist is decided again when one changed; 0 is off
 */
public record FederationConfig(Integer maxSignalAgeSeconds, Boolean publishKeys, Integer trustEventsCap, Integer watchSeconds) {

    public FederationConfig {
        ConfigCheck.between("max_signal_age_seconds", maxSignalAgeSeconds, 1, 7 * 24 * 3600);
        ConfigCheck.present("publish_keys", publishKeys);
        ConfigCheck.between("trust_events_cap", trustEventsCap, 1, 100_000);
        ConfigCheck.between("watch_seconds", watchSeconds, 0, 24 * 3600);
    }
}
