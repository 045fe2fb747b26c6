/**
 * The trader's own configuration file ({@code config/trader.example.yaml}), separate from Quorum's because the
 * trader is a separate consumer: loaded and validated at start-up, every error one line naming the key.
 */
package dev.quorum.trader.config;
