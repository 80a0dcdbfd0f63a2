package org.rait.deploy;

import org.junit.jupiter.api.Test;
import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigFiles;
import org.rait.registry.config.RegistryConfig;
import org.rait.registry.config.RegistryConfigFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file in deploy/examples is read by the real parser of its kind, so the examples cannot rot. */
class ExampleConfigsTest {
    private static final Path EXAMPLES = Path.of("examples");

    @Test
    void everyExampleFileIsCoveredByATest() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            assertEquals(List.of("rait.conf", "rait.toml", "registry.toml"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void raitConfInBlockSyntaxAndRaitTomlDescribeTheSameNode() throws Exception {
        RaitConfig block = ConfigFiles.readRaitConfig(EXAMPLES.resolve("rait.conf").toString());
        RaitConfig toml = ConfigFiles.readRaitConfig(EXAMPLES.resolve("rait.toml").toString());
        assertEquals(block, toml);
        assertEquals(2, block.transports().size());
        assertTrue(block.babeld().isPresent());
        assertFalse(block.agent().trustedKeys().isEmpty(), "the example pins a registry key");
    }

    @Test
    void registryTomlUsesOnlyKeysTheRegistryKnows() throws Exception {
        RegistryConfig config = RegistryConfigFile.read(EXAMPLES.resolve("registry.toml"));
        assertEquals(8443, config.listen().port());
        assertEquals(Path.of("/var/lib/rait-registry"), config.dataDir());
        assertEquals(List.of(), config.tlsNames());
    }
}
