package org.rait.configfile;

import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.EndpointAddress;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A peer list read in one pass over its bytes, when it has the plain shape the registry renders: ASCII block syntax,
 * {@code peers} blocks of {@code public_key}, {@code name} and {@code endpoint} blocks of {@code address_family},
 * {@code send_port} and {@code address}, each key once, strings without escapes, comments and any spacing. Anything
 * else, and every problem, is left to the general parser ({@link #read} returns null), which then reads the list
 * with its positioned problems; what this reads is what that parser would read. Why: a one-shot `rait up` parses its
 * peer list interpreted, where the general parser's tokens, tree and bindings (a dozen objects and maps a key) were a
 * third of the pass at 200 peers (docs/benchmarks.md, "The no-op's parse").
 */
final class PlainPeerList {
    // the keys as bytes: read a character at a time interpreted, String.charAt is a chain of calls
    private static final byte[] PEERS = ascii("peers");
    private static final byte[] PUBLIC_KEY = ascii("public_key");
    private static final byte[] NAME = ascii("name");
    private static final byte[] ENDPOINT = ascii("endpoint");
    private static final byte[] ADDRESS_FAMILY = ascii("address_family");
    private static final byte[] SEND_PORT = ascii("send_port");
    private static final byte[] ADDRESS = ascii("address");

    private final byte[] text;
    private int at;

    private PlainPeerList(byte[] text) {
        this.text = text;
    }

    /** The peer list, or null when the text is not in the plain shape or has a problem. */
    static PeerList read(byte[] text) {
        if (text.length > ParseBudget.MAX_CHARS) return null;
        try {
            return new PlainPeerList(text).peers();
        } catch (NotPlain e) {
            return null;
        }
    }

    private PeerList peers() {
        List<Peer> peers = new ArrayList<>();
        Set<WgKey> keys = new HashSet<>();
        skipSpace();
        // Syntax.detect must see block syntax: its first line that opens a block is `peers {`.
        if (!key(PEERS)) throw NotPlain.INSTANCE;
        while (at < text.length && (text[at] == ' ' || text[at] == '\t')) at++;
        if (at >= text.length || text[at] != '{') throw NotPlain.INSTANCE;
        do {
            open();
            Peer peer = peer();
            if (!keys.add(peer.publicKey())) throw NotPlain.INSTANCE;
            peers.add(peer);
            skipSpace();
        } while (at < text.length && key(PEERS));
        if (at < text.length) throw NotPlain.INSTANCE;
        return new PeerList(peers);
    }

    private Peer peer() {
        String publicKey = null;
        String name = null;
        List<Endpoint> endpoints = new ArrayList<>(1);
        while (!close()) {
            if (key(PUBLIC_KEY)) {
                if (publicKey != null) throw NotPlain.INSTANCE;
                publicKey = stringValue();
            } else if (key(NAME)) {
                if (name != null) throw NotPlain.INSTANCE;
                name = stringValue();
            } else if (key(ENDPOINT)) {
                skipSpace();
                open();
                Endpoint endpoint = endpoint();
                for (Endpoint e : endpoints) {
                    if (e.addressFamily() == endpoint.addressFamily() && e.sendPort() == endpoint.sendPort()) throw NotPlain.INSTANCE;
                }
                endpoints.add(endpoint);
            } else {
                throw NotPlain.INSTANCE;
            }
        }
        if (publicKey == null) throw NotPlain.INSTANCE;
        try {
            return new Peer(WgKey.parseBase64(publicKey), name == null ? "" : name, endpoints);
        } catch (IllegalArgumentException e) {
            throw NotPlain.INSTANCE;
        }
    }

    private Endpoint endpoint() {
        String family = null;
        int sendPort = 0;
        String address = null;
        while (!close()) {
            if (key(ADDRESS_FAMILY)) {
                if (family != null) throw NotPlain.INSTANCE;
                family = stringValue();
            } else if (key(SEND_PORT)) {
                if (sendPort != 0) throw NotPlain.INSTANCE;
                sendPort = portValue();
            } else if (key(ADDRESS)) {
                if (address != null) throw NotPlain.INSTANCE;
                address = stringValue();
            } else {
                throw NotPlain.INSTANCE;
            }
        }
        if (family == null || sendPort == 0) throw NotPlain.INSTANCE;
        try {
            return new Endpoint(AddressFamily.parse(family), sendPort, address == null ? "" : EndpointAddress.parse(address));
        } catch (IllegalArgumentException e) {
            throw NotPlain.INSTANCE;
        }
    }

    /** Whether the name at the cursor is {@code name} (the whole name, as the lexer reads it); moves past it when so. */
    private boolean key(byte[] name) {
        int n = name.length;
        if (at + n > text.length) return false;
        for (int i = 0; i < n; i++) if (text[at + i] != name[i]) return false;
        if (at + n < text.length && isNamePart(text[at + n])) return false;
        at += n;
        return true;
    }

    /** A '{', after spacing. */
    private void open() {
        skipSpace();
        if (at >= text.length || text[at] != '{') throw NotPlain.INSTANCE;
        at++;
        skipSpace();
    }

    /** Whether the block ends here (its '}' taken, spacing after it skipped); a block's keys follow otherwise. */
    private boolean close() {
        if (at >= text.length) throw NotPlain.INSTANCE;
        if (text[at] != '}') return false;
        at++;
        skipSpace();
        return true;
    }

    /** {@code = "text"} without escapes or line breaks, and the spacing after it. */
    private String stringValue() {
        equals();
        if (at >= text.length || text[at] != '"') throw NotPlain.INSTANCE;
        int start = ++at;
        while (at < text.length && text[at] != '"') {
            byte b = text[at];
            if (b == '\\' || b == '\n' || b < 0) throw NotPlain.INSTANCE;
            at++;
        }
        if (at >= text.length) throw NotPlain.INSTANCE;
        String value = new String(text, start, at - start, StandardCharsets.ISO_8859_1);
        at++;
        endOfValue();
        return value;
    }

    /** {@code = N}, 1 to 65535 in decimal digits (leading zeros read as Long.parseLong reads them), and the spacing after it. */
    private int portValue() {
        equals();
        int value = 0;
        int start = at;
        while (at < text.length && text[at] >= '0' && text[at] <= '9') {
            value = value * 10 + (text[at++] - '0');
            if (value > 65535) throw NotPlain.INSTANCE;
        }
        if (at == start || value < 1) throw NotPlain.INSTANCE;
        endOfValue();
        return value;
    }

    private void equals() {
        skipSpace();
        if (at >= text.length || text[at] != '=') throw NotPlain.INSTANCE;
        at++;
        skipSpace();
    }

    /** A value ends at spacing, a comment or the block's '}'; anything glued to it is for the general parser. */
    private void endOfValue() {
        if (at < text.length && text[at] != ' ' && text[at] != '\t' && text[at] != '\r' && text[at] != '\n'
                && text[at] != '}' && text[at] != '#' && text[at] != '/') {
            throw NotPlain.INSTANCE;
        }
        skipSpace();
    }

    /** Spaces, tabs, line breaks and comments ({@code #} or {@code //} to the end of the line), as the lexer skips them. */
    private void skipSpace() {
        while (at < text.length) {
            byte b = text[at];
            if (b == ' ' || b == '\n' || b == '\t' || b == '\r') {
                at++;
            } else if (b == '#' || (b == '/' && at + 1 < text.length && text[at + 1] == '/')) {
                while (at < text.length && text[at] != '\n') {
                    if (text[at] < 0) throw NotPlain.INSTANCE;
                    at++;
                }
            } else {
                return;
            }
        }
    }

    private static byte[] ascii(String key) {
        return key.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean isNamePart(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-';
    }

    /** Not the plain shape: the general parser reads the text. One instance, without a stack trace (it is no error). */
    private static final class NotPlain extends RuntimeException {
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super("not a plain peer list", null, false, false);
        }
    }
}
