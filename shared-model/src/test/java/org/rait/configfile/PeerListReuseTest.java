package org.rait.configfile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.rait.peers.PeerList;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Reading a changed peer list by its unchanged pieces gives what reading it whole gives: the same peers in the same
 * order, or the same problems at the same positions, whatever was read before.
 */
class PeerListReuseTest {
    /** Edits an operator or a broken transfer makes; some keep the text valid, most do not. */
    private static final List<String> INSERTS = List.of("\n", "}", "{", "\"", "\\", "#", "//", " ", "peers {\n", "peers {\n}\n",
            "x = 1\n", "peers = 1\n", "\npeers", "\uFEFF", "name = \"a\"\n", "endpoint {\n", "\r\n", "  peers {\n  }\n");

    @Property(tries = 300)
    void aListReadAfterOthersByItsPiecesIsTheListReadWhole(@ForAll("histories") List<String> texts) {
        PeerListReuse reuse = new PeerListReuse();
        for (String text : texts) {
            assertEquals(whole(text), pieces(reuse, text), () -> "after " + texts.size() + " texts, this one:\n" + text);
        }
    }

    @Test
    void onePeerMoreReadsOnlyItsOwnPiece() throws Exception {
        PeerListReuse reuse = new PeerListReuse();
        String before = "peers {\n  public_key = \"" + key(1) + "\"\n}\npeers {\n  public_key = \"" + key(2) + "\"\n}\n";
        String after = before + "peers {\n  public_key = \"" + key(3) + "\"\n}\n";
        PeerList first = reuse.parse(before.getBytes(StandardCharsets.UTF_8), "peers.conf");
        PeerList second = reuse.parse(after.getBytes(StandardCharsets.UTF_8), "peers.conf");

        assertEquals(ConfigFiles.parsePeers(after, "peers.conf"), second);
        assertEquals(first.peers(), second.peers().subList(0, 2));
        // The same objects: taken from the last parse, not parsed again.
        for (int i = 0; i < 2; i++) assertSame(first.peers().get(i), second.peers().get(i));
        assertEquals(List.of("peers {\n  public_key = \"" + key(1) + "\"\n}\n", "peers {\n  public_key = \"" + key(2) + "\"\n}\n",
                "peers {\n  public_key = \"" + key(3) + "\"\n}\n"), PeerListReuse.cut(after));
    }

    private static String key(int n) {
        byte[] k = new byte[32];
        k[0] = (byte) n;
        return java.util.Base64.getEncoder().encodeToString(k);
    }

    private static Object whole(String text) {
        try {
            return ConfigFiles.parsePeers(text.getBytes(StandardCharsets.UTF_8), "peers.conf");
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    private static Object pieces(PeerListReuse reuse, String text) {
        try {
            return reuse.parse(text.getBytes(StandardCharsets.UTF_8), "peers.conf");
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    @Provide
    Arbitrary<List<String>> histories() {
        return ModelArbitraries.peerLists().list().ofMinSize(1).ofMaxSize(4).flatMap(lists ->
                Arbitraries.longs().map(seed -> history(lists, new Random(seed))));
    }

    /** Each list rendered, some of them edited, and some edited twice over: a sequence of texts to read in turn. */
    private static List<String> history(List<PeerList> lists, Random random) {
        List<String> texts = new ArrayList<>();
        for (PeerList list : lists) {
            String text = ConfigFiles.render(list, Syntax.BLOCK);
            texts.add(text);
            for (int edits = random.nextInt(3); edits > 0; edits--) {
                text = edit(text, random);
                texts.add(text);
            }
        }
        return texts;
    }

    private static String edit(String text, Random random) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        switch (random.nextInt(4)) {
            case 0:
                return text.substring(0, at) + INSERTS.get(random.nextInt(INSERTS.size())) + text.substring(at);
            case 1: {
                int to = Math.min(text.length(), at + random.nextInt(40));
                return text.substring(0, at) + text.substring(to);
            }
            case 2: {
                List<String> pieces = PeerListReuse.cut(text);
                String piece = pieces.get(random.nextInt(pieces.size()));
                return random.nextBoolean() ? text + piece : piece + text;    // a peer twice, or moved to the front
            }
            default: {
                List<String> pieces = new ArrayList<>(PeerListReuse.cut(text));
                if (pieces.size() > 1) pieces.remove(random.nextInt(pieces.size()));
                return String.join("", pieces);
            }
        }
    }
}
