package org.rait.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line is built for the command invoked only (start-up time), and for all when none is named. */
class MainTest {
    private static Set<Object> commandsBuilt(String... args) {
        return Set.copyOf(Main.commandLine(args).getSubcommands().values().stream().map(CommandLine::getCommand).toList());
    }

    @Test
    void onlyTheInvokedCommandIsBuilt() {
        Set<Object> built = commandsBuilt("list", "-c", "/etc/rait/rait.conf");

        assertEquals(1, built.size());
        assertTrue(built.iterator().next() instanceof ListCommand);
    }

    @Test
    void anAliasNamesItsCommand() {
        assertTrue(commandsBuilt("sync", "--check").iterator().next() instanceof UpCommand);
    }

    @Test
    void theValueOfAnOptionBeforeTheCommandIsNotTakenForIt() {
        Set<Object> built = commandsBuilt("-c", "up", "list");

        assertEquals(1, built.size());
        assertTrue(built.iterator().next() instanceof ListCommand);
    }

    @Test
    void noCommandHelpOrAMisspeltOneBuildsThemAll() {
        for (String[] args : new String[][] {{}, {"--help"}, {"lsit"}}) {
            assertEquals(RaitCommand.COMMANDS.size(), commandsBuilt(args).size(), String.join(" ", args));
        }
    }

    @Test
    void theRootAloneHasNoCommand() {
        assertEquals(0, new CommandLine(new RaitCommand().spec).getSubcommands().size(),
                "a command added to the root's own model would be built at every start: add it to RaitCommand.COMMANDS");
        assertFalse(RaitCommand.COMMANDS.isEmpty());
    }

    @Test
    void theOneShotCommandsAreBuiltWithoutReadingAnnotations() {
        for (String command : new String[] {"up", "down", "list", "status", "pub", "babeld", "agent"}) {
            Object built = commandsBuilt(command).iterator().next();
            assertFalse(built.getClass().isAnnotationPresent(Command.class),
                    command + ": an annotated command costs its annotation proxies at every start (docs/benchmarks.md)");
        }
    }

    @Test
    void noOptionOrParameterHasATypeWhoseConverterIsLeftOut() {
        CommandLine all = Main.commandLine();
        for (CommandLine command : all.getSubcommands().values()) {
            for (CommandLine.Model.ArgSpec arg : command.getCommandSpec().args()) {
                // The types picocli converts through reflection, left out by Main.NOT_AN_OPTION_TYPE.
                assertFalse(arg.type().getName().matches("java\\.(time|sql|nio\\.file)\\..*"),
                        "rait " + command.getCommandName() + " " + arg + ": picocli has no converter for "
                                + arg.type().getName() + " in rait (Main.NOT_AN_OPTION_TYPE)");
            }
        }
    }

    @Test
    void everyCommandIsBuiltUnderItsNameAndAliases() {
        for (RaitCommand.Entry command : RaitCommand.COMMANDS) {
            List<String> words = new ArrayList<>(command.aliases());
            words.add(command.name());
            for (String word : words) {
                CommandLine built = Main.commandLine(word).getSubcommands().get(word);
                assertEquals(command.name(), built.getCommandName(), word);
            }
        }
    }
}
