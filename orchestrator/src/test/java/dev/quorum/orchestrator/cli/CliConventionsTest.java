package dev.quorum.orchestrator.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@code bin/quorum} command shares: one {@code --config}, exit codes from {@link ExitCodes} in its help. */
class CliConventionsTest {

    /** Every command but picocli's {@code help} and the trader's {@code trade}, whose --config is the trader's file. */
    private static List<CommandLine> commands() {
        return everyCommand().stream().filter(c -> !c.getCommandSpec().qualifiedName().startsWith("quorum trade")).toList();
    }

    /** Every command, the trader's too: what {@code bin/quorum --help} lists, and their subcommands. */
    private static List<CommandLine> everyCommand() {
        List<CommandLine> all = new ArrayList<>();
        collect(QuorumCli.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help") && !into.contains(sub)) {
                into.add(sub);
                collect(sub, into);
            }
        }
    }

    @Test
    void should_give_config_one_meaning_in_every_command_that_reads_the_configuration() {
        List<String> withConfig = new ArrayList<>();
        for (CommandLine command : commands()) {
            OptionSpec config = command.getCommandSpec().findOption("--config");
            if (config != null) {
                withConfig.add(command.getCommandSpec().qualifiedName());
                assertTrue(config.description()[0].startsWith(ConfigOption.DESCRIPTION), command.getCommandName());
                assertEquals(ConfigOption.FROM_ENVIRONMENT, config.defaultValueString(false), command.getCommandName());
            }
        }
        assertEquals(List.of("quorum tail", "quorum publish-samples", "quorum recall", "quorum agents", "quorum weights",
                "quorum errors", "quorum jobs enqueue", "quorum jobs status", "quorum feedback", "quorum run",
                "quorum data sync", "quorum serve", "quorum backtest", "quorum prompts eval", "quorum prompts list",
                "quorum prompts suggest"), withConfig);
    }

    @Test
    void should_summarise_every_command_in_a_whole_sentence() {
        // bin/quorum --help lists each command with the first line of its description: a line cut mid-sentence
        // ("one line each:", "errors per agent and") reads as a broken help.
        for (CommandLine command : everyCommand()) {
            String first = command.getCommandSpec().usageMessage().description()[0].strip();
            assertTrue(first.endsWith("."), command.getCommandSpec().qualifiedName() + ": '" + first + "'");
        }
    }

    @Test
    void should_not_mark_config_required_where_QUORUM_CONFIG_may_stand_for_it() {
        for (CommandLine command : everyCommand()) {
            OptionSpec config = command.getCommandSpec().findOption("--config");
            if (config != null && !command.getCommandSpec().qualifiedName().startsWith("quorum trade")) {
                assertFalse(config.required(), command.getCommandSpec().qualifiedName() + " marks --config required in its usage");
            }
        }
    }

    @Test
    void should_refuse_a_command_group_without_its_subcommand_in_one_line() {
        for (String group : List.of("data", "jobs", "prompts")) {
            CliRun run = CliRun.of(group);
            assertEquals(ExitCodes.OPERATOR_ERROR, run.code(), group + ": " + run.out() + run.err());
            assertEquals("quorum " + group + ": Missing required subcommand (see quorum " + group + " --help)", run.err().strip());
        }
    }

    @Test
    void should_list_exit_codes_in_the_traders_help_too() {
        for (CommandLine command : everyCommand()) {
            if (command.getCommandSpec().qualifiedName().startsWith("quorum trade")) {
                assertTrue(command.getUsageMessage().contains("Exit codes:"), command.getUsageMessage());
            }
        }
    }

    @Test
    void should_list_the_exit_codes_in_every_command_help() {
        for (CommandLine command : commands()) {
            String help = command.getUsageMessage();
            assertTrue(help.contains("Exit codes:"), help);
            assertTrue(help.matches("(?s).*\\n\\s+" + ExitCodes.OPERATOR_ERROR + "\\s+bad usage, or an error the operator fixes.*"), help);
        }
    }

    @Test
    void should_refuse_run_without_config_or_QUORUM_CONFIG_in_one_line() {
        // The build does not export QUORUM_CONFIG; were it set, run would read that file instead.
        assertFalse(System.getenv().containsKey("QUORUM_CONFIG"), "this test needs QUORUM_CONFIG unset");
        StringWriter err = new StringWriter();
        int code = QuorumCli.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("run", "--date", "2024-06-03");

        assertEquals(ExitCodes.OPERATOR_ERROR, code);
        assertEquals("quorum run: Missing required option: '--config=FILE' (or set QUORUM_CONFIG) (see quorum run --help)",
                err.toString().strip());
    }
}
