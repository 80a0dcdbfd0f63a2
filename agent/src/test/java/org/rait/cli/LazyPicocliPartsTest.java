package org.rait.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.MissingTypeConverterException;

import java.io.File;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * picocli as picocli-17 builds it (LazyPicocliParts: converters, usage section renderers and the colour scheme made
 * when first asked for) behaves as picocli does, for any type and whichever is asked for first.
 */
class LazyPicocliPartsTest {
    private static CommandLine commandWith(Class<?>... types) {
        CommandSpec spec = CommandSpec.create();
        for (int i = 0; i < types.length; i++) spec.addOption(OptionSpec.builder("--o" + i).type(types[i]).build());
        return new CommandLine(spec);
    }

    private static Object valueOf(CommandLine command, int option) {
        return command.getCommandSpec().findOption("--o" + option).getValue();
    }

    @Test
    void everyBuiltInTypeConvertsAsInPicocliWhateverIsLookedUpFirst() throws Exception {
        CommandLine command = commandWith(String.class, int.class, Path.class, Duration.class, InetAddress.class,
                File.class, long.class, BigDecimal.class, char[].class, TimeUnit.class, Byte.class);

        command.parseArgs("--o0", "a", "--o1", "7", "--o2", "/etc/rait", "--o3", "PT3S", "--o4", "127.0.0.1",
                "--o5", "x.conf", "--o6", "8", "--o7", "1.5", "--o8", "secret", "--o9", "SECONDS", "--o10", "9");

        assertEquals("a", valueOf(command, 0));
        assertEquals(7, valueOf(command, 1));
        assertEquals(Path.of("/etc/rait"), valueOf(command, 2));
        assertEquals(Duration.ofSeconds(3), valueOf(command, 3));
        assertEquals(InetAddress.getByName("127.0.0.1"), valueOf(command, 4));
        assertEquals(new File("x.conf"), valueOf(command, 5));
        assertEquals(8L, valueOf(command, 6));
        assertEquals(new BigDecimal("1.5"), valueOf(command, 7));
        assertArrayEquals("secret".toCharArray(), (char[]) valueOf(command, 8));
        assertEquals(TimeUnit.SECONDS, valueOf(command, 9));
        assertEquals((byte) 9, valueOf(command, 10));
    }

    @Test
    void aRegisteredConverterReplacesTheBuiltInOneAlsoWhenTheOthersAreMadeLater() {
        CommandLine command = commandWith(String.class, Path.class, int.class).registerConverter(String.class, s -> "<" + s + ">");

        command.parseArgs("--o1", "/etc", "--o0", "a", "--o2", "1");

        assertEquals("<a>", valueOf(command, 0));
        assertEquals(Path.of("/etc"), valueOf(command, 1));
        assertEquals(1, valueOf(command, 2));
    }

    @Test
    void aTypeWithoutAConverterIsStillRefused() {
        CommandLine command = commandWith(Thread.class);

        assertThrows(MissingTypeConverterException.class, () -> command.parseArgs("--o0", "x"));
    }

    @Test
    void theUsageSectionsAreTheDefaultOnesAndACopySharesThem() {
        UsageMessageSpec usage = CommandSpec.create().usageMessage();
        CommandSpec copy = CommandSpec.create().usageMessage(usage);

        assertTrue(usage.sectionMap().keySet().containsAll(usage.sectionKeys()), usage.sectionMap().keySet().toString());
        assertSame(usage.sectionMap(), copy.usageMessage().sectionMap());
    }

    @Test
    void theColourSchemeIsPicocliDefault() {
        assertEquals(Help.defaultColorScheme(Help.Ansi.AUTO), commandWith().getColorScheme());
    }
}
