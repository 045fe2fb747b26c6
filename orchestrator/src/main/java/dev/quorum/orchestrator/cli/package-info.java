/**
 * The {@code bin/quorum} command line: {@link dev.quorum.orchestrator.cli.QuorumCli} lists the subcommands, each
 * its own class ({@code tail}, {@code publish-samples}, ...). An option taking one of an enum's values names them
 * as the configuration does, through a {@link dev.quorum.orchestrator.cli.LowerCaseEnum}.
 */
package dev.quorum.orchestrator.cli;
