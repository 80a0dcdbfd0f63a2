package org.rait.configfile;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parse memory is proportional to the input: a peer list as large as the agent fetches (4 MiB)
 * parses in a JVM with a 96 MiB heap, in either syntax (deploy/docs/agent.md gives the figure).
 */
class ParseMemoryTest {
    static final String HEAP = "-Xmx96m";
    static final long FETCH_CAP = 4L << 20;

    @ParameterizedTest
    @EnumSource(Syntax.class)
    void aFourMebibytePeerListParsesInANinetySixMebibyteHeap(Syntax syntax, @TempDir Path dir) throws Exception {
        String text = peerListOfAbout(FETCH_CAP, syntax);
        Path file = dir.resolve("peers.conf");
        Files.writeString(file, text);
        int expected = ConfigFiles.parsePeers(text, "peers.conf").peers().size();

        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), HEAP, "-XX:+UseSerialGC", "-Xss512k",
                "-cp", System.getProperty("java.class.path"), ParseFile.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the parse finished");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, process.exitValue(), out.length() > 2000 ? out.substring(0, 2000) : out);
        assertEquals(String.valueOf(expected), out.strip());
        System.out.printf("parse memory: %s peer list of %d bytes (%d peers) parsed with %s%n", syntax, text.length(), expected, HEAP);
    }

    /** Peers as the registry publishes them, rendered by the production renderer, up to the given size. */
    static String peerListOfAbout(long bytes, Syntax syntax) {
        Random random = new Random(12);
        int perPeer = ConfigFiles.render(new PeerList(List.of(peer(random, 0))), syntax).length();
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < bytes / perPeer; i++) peers.add(peer(random, i));
        return ConfigFiles.render(new PeerList(peers), syntax);
    }

    private static Peer peer(Random random, int i) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new Peer(WgKey.of(key), "node-" + i, List.of(
                new Endpoint(AddressFamily.IP4, 20000 + i, "192.0.2." + (i % 250)),
                new Endpoint(AddressFamily.IP6, 20000 + i, "2001:db8::" + Integer.toHexString(i))));
    }
}
