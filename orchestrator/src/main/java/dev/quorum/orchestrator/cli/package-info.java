/**
 * The {@code bin/quorum} command line: {@link dev.quorum.orchestrator.cli.QuorumCli} lists the subcommands, each
 * its own class ({@code tail}, {@code publish-samples}, ...).
 */
package dev.quorum.orchestrator.cli;
