/**
 * Quorum's one configuration file: YAML bound to immutable records ({@link dev.quorum.orchestrator.config.QuorumConfig}
 * and the records it holds), layered as embedded defaults &lt; the YAML file &lt; the credentials file &lt; the
 * {@code QUORUM_...} environment, and validated once at start-up by {@link dev.quorum.orchestrator.config.ConfigLoader}.
 * Every problem is a {@link dev.quorum.orchestrator.config.ConfigException} naming the key, so a typo or a bad value
 * stops the service before it decides anything.
 */
package dev.quorum.orchestrator.config;
