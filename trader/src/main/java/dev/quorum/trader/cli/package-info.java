/**
 * {@code bin/quorum trade --config FILE} and {@code bin/quorum trade status --config FILE}. The commands live here so
 * the trader stays independent of the orchestrator; the orchestrator only lists {@link dev.quorum.trader.cli.TradeCommand}
 * among its subcommands, as any picocli launcher could.
 */
package dev.quorum.trader.cli;
