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
    void everyOptionAndParameterHasATypeWhoseConverterPicocliMakesAlone() {
        // picocli-17 makes the converters of these types one at a time and has none for an enum; a value of any other
        // type makes all its built-in converters (27 classes, java.net's, reflective java.time and java.sql look-ups).
        Set<Class<?>> madeAlone = Set.of(String.class, boolean.class, Boolean.class, int.class, Integer.class);
        CommandLine root = Main.commandLine();
        List<CommandLine> commands = new ArrayList<>(root.getSubcommands().values());
        commands.add(root);
        for (CommandLine command : commands) {
            for (CommandLine.Model.ArgSpec arg : command.getCommandSpec().args()) {
                for (Class<?> type : arg.auxiliaryTypes()) {
                    assertTrue(madeAlone.contains(type) || type.isEnum(), "rait " + command.getCommandName() + " " + arg
                            + ": a " + type.getName() + " makes all of picocli's built-in converters (picocli-17/pom.xml)");
                }
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
