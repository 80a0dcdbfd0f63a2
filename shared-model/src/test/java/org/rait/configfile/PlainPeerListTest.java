package org.rait.configfile;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlainPeerListTest {
    private static final PeerList MESH = new PeerList(List.of(
            new Peer(key(1), "", List.of(new Endpoint(AddressFamily.IP4, 41001, "10.56.0.2"))),
            new Peer(key(2), "berlin", List.of(new Endpoint(AddressFamily.IP4, 41002, "node.example"),
                    new Endpoint(AddressFamily.IP6, 41002, "2001:db8::2"))),
            new Peer(key(3), "", List.of(new Endpoint(AddressFamily.IP6, 65535, "")))));

    @Test
    void theListTheRegistryRendersIsReadInOnePassAsTheParserReadsIt() throws ConfigException {
        byte[] rendered = ConfigFiles.render(MESH, Syntax.BLOCK).getBytes(StandardCharsets.UTF_8);
        assertEquals(MESH, PlainPeerList.read(rendered));
        assertEquals(MESH, ConfigFiles.parsePeers(new String(rendered, StandardCharsets.UTF_8), "peers.conf"));
    }

    @Test
    void commentsSpacingAndKeyOrderAreReadAsTheLexerReadsThem() {
        String text = "# mesh of the lab\npeers {  // first\n\tendpoint{send_port=41001 address = \"10.56.0.2\"\r\n"
                + "address_family = \"ip4\"}\n  public_key =\n \"" + key(1).base64() + "\"   }\npeers {\npublic_key=\""
                + key(2).base64() + "\"#c\n name = \"berlin\"\n endpoint { address_family = \"ip4\"\n send_port = 00041002\n"
                + " address = \"node.example\" }\n endpoint { address_family = \"ip6\" send_port = 41002 address = \"2001:db8::2\" }}\n"
                + "peers { public_key = \"" + key(3).base64() + "\" endpoint { address_family = \"ip6\" send_port = 65535 } }";
        assertEquals(MESH, PlainPeerList.read(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anythingElseAndEveryProblemIsLeftToTheGeneralParser() {
        String key = key(1).base64();
        String peer = "peers {\n  public_key = \"" + key + "\"\n}\n";
        List<String> notPlain = List.of(
                "",
                "# only a comment\n",
                "\uFEFF" + peer,
                peer.replace("public_key", "public_keys"),
                peer.replace("\"\n}", "\"\n  name = \"caf\u00e9\"\n}"),
                peer.replace("\"\n}", "\"\n  name = \"a\\\"b\"\n}"),
                peer.replace("\"\n}", "\"\n  name = \"a\"\n  name = \"b\"\n}"),
                peer.replace("\"\n}", "\"\n  endpoint {\n    address_family = \"ip4\"\n    send_port = 0\n  }\n}"),
                peer.replace("\"\n}", "\"\n  endpoint {\n    address_family = \"ip4\"\n    send_port = +1\n  }\n}"),
                peer.replace("\"\n}", "\"\n  endpoint {\n    address_family = \"ip4\"\n    send_port = 1.0\n  }\n}"),
                peer.replace("\"\n}", "\"\n  endpoint {\n    address_family = \"ip5\"\n    send_port = 1\n  }\n}"),
                peer.replace("\"\n}", "\"\n  endpoint {\n    send_port = 1\n    address = \"1.2.3\"\n  }\n}"),
                peer + peer,
                peer.replace(key, "AAAA"),
                "peers\n{\n  public_key = \"" + key + "\"\n}\n",
                "[[peers]]\npublic_key = \"" + key + "\"\n",
                peer.substring(0, peer.length() - 2));
        for (String text : notPlain) {
            assertNull(PlainPeerList.read(text.getBytes(StandardCharsets.UTF_8)), text);
        }
        assertThrows(ConfigException.class, () -> ConfigFiles.parsePeers((peer + peer).getBytes(StandardCharsets.UTF_8), "peers.conf"));
    }

    @Property(tries = 300)
    void anyPeerListItReadsIsTheOneTheParserReads(@ForAll("peerLists") PeerList peers) throws ConfigException {
        byte[] text = ConfigFiles.render(peers, Syntax.BLOCK).getBytes(StandardCharsets.UTF_8);
        PeerList plain = PlainPeerList.read(text);
        if (plain != null) assertEquals(ConfigFiles.parsePeers(new String(text, StandardCharsets.UTF_8), "peers.conf"), plain);
    }

    /** Every text one edit away from a rendered list (a character taken out, put in or doubled): read alike or not at all. */
    @Test
    void aTextOneEditFromTheRenderedListIsReadAsTheParserReadsItOrLeftToIt() {
        String rendered = "# lab\n" + ConfigFiles.render(MESH, Syntax.BLOCK);
        String inserted = "\"\\{}=#/ \n\t\r0a-.\u00e9";
        List<String> edits = new ArrayList<>();
        for (int i = 0; i < rendered.length(); i++) {
            edits.add(rendered.substring(0, i) + rendered.substring(i + 1));
            edits.add(rendered.substring(0, i) + rendered.charAt(i) + rendered.substring(i));
            for (char c : inserted.toCharArray()) edits.add(rendered.substring(0, i) + c + rendered.substring(i));
        }
        int read = 0;
        for (String text : edits) {
            PeerList plain = PlainPeerList.read(text.getBytes(StandardCharsets.UTF_8));
            if (plain == null) continue;
            read++;
            try {
                assertEquals(ConfigFiles.parsePeers(text, "peers.conf"), plain, text);
            } catch (ConfigException e) {
                throw new AssertionError("read a list the parser refuses (" + e.getMessage() + "):\n" + text, e);
            }
        }
        assertTrue(read > 0, "no edit kept the plain shape");
    }

    @Provide
    Arbitrary<PeerList> peerLists() {
        return ModelArbitraries.peerLists();
    }

    private static WgKey key(int seed) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (seed * 31 + i * 7);
        return WgKey.of(bytes);
    }
}
