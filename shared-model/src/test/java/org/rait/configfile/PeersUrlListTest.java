package org.rait.configfile;

import org.junit.jupiter.api.Test;
import org.rait.config.RaitConfig;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** `peers` is one location or a list of URLs that serve the same signed snapshots (registries, mirrors). */
class PeersUrlListTest {
    private static final String KEY = "KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=";
    private static final List<String> URLS = List.of("https://a.example/peers.conf", "http://mirror.example/peers.conf");

    @Test
    void aListOfUrlsReadsTheSameInBothSyntaxesAndRendersBackAsAList() throws ConfigException {
        RaitConfig block = ConfigFiles.parseRaitConfig("""
                private_key = "%s"
                peers = ["https://a.example/peers.conf", "http://mirror.example/peers.conf"]
                """.formatted(KEY), "rait.conf");
        RaitConfig toml = ConfigFiles.parseRaitConfig("""
                private_key = "%s"
                peers = ["https://a.example/peers.conf", "http://mirror.example/peers.conf"]
                [agent]
                """.formatted(KEY), "rait.toml");

        assertEquals(URLS, block.peerUrls());
        assertEquals(URLS, toml.peerUrls());
        for (Syntax syntax : Syntax.values()) {
            assertEquals(URLS, ConfigFiles.parseRaitConfig(ConfigFiles.render(block, syntax), "again").peerUrls(), syntax.toString());
        }
    }

    @Test
    void oneLocationStaysOneLocation() throws ConfigException {
        RaitConfig config = ConfigFiles.parseRaitConfig("private_key = \"" + KEY + "\"\npeers = \"/etc/rait/peers.conf\"\n", "rait.conf");
        assertEquals(List.of("/etc/rait/peers.conf"), config.peerUrls());
    }

    @Test
    void aListHoldsOnlyUrlsAndIsNotEmpty() {
        ConfigException path = assertThrows(ConfigException.class, () -> ConfigFiles.parseRaitConfig(
                "private_key = \"" + KEY + "\"\npeers = [\"https://a.example/peers.conf\", \"/etc/rait/peers.conf\"]\n", "rait.conf"));
        assertEquals("rait.conf:2:1: peers: a list holds only http(s) URLs (mirrors of one registry), got '/etc/rait/peers.conf'",
                path.problems().get(0).toString());
        ConfigException empty = assertThrows(ConfigException.class, () -> ConfigFiles.parseRaitConfig(
                "private_key = \"" + KEY + "\"\npeers = []\n", "rait.conf"));
        assertEquals("rait.conf:2:1: peers: an empty list; give one location or a list of http(s) URLs", empty.problems().get(0).toString());
    }
}
