package org.rait.configfile;

import org.rait.keys.WgKey;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses peers.conf again after a change, taking the peers of every piece of text that has not changed since the
 * last parse: the running agent parses the whole list at each change, and a change is mostly a peer more or less.
 *
 * <p>Block syntax only. The text is cut before each line that starts with {@code peers}; each piece must parse and
 * bind on its own without any problem. Strings and comments end at their line and no token spans one, so a piece
 * that parses on its own begins and ends at the top level, and the whole text reads as its pieces one after the
 * other (the binder takes nothing but {@code peers} blocks there). Anything else (TOML, a problem in any piece, one
 * public key in two pieces, a byte order mark, a text beyond the parse budget) is parsed whole, exactly as
 * {@link ConfigFiles#parsePeers} does, with its problems and their positions. Not thread-safe (one agent loop).
 */
public final class PeerListReuse {
    private static final String BLOCK_START = "\npeers";

    /** The pieces of the last parse that parsed, and their peers. */
    private Map<String, List<Peer>> pieces = Map.of();

    public PeerList parse(byte[] bytes, String source) throws ConfigException {
        String text = ConfigFiles.decode(bytes, source);
        Optional<PeerList> byPieces = byPieces(text, source);
        return byPieces.isPresent() ? byPieces.get() : ConfigFiles.parsePeers(text, source);
    }

    private Optional<PeerList> byPieces(String text, String source) {
        if (text.startsWith("\uFEFF") || ParseBudget.tooLarge(text, source) != null || Syntax.detect(text) != Syntax.BLOCK) {
            pieces = Map.of();
            return Optional.empty();
        }
        Map<String, List<Peer>> kept = new HashMap<>();
        List<Peer> peers = new ArrayList<>();
        Set<WgKey> keys = new HashSet<>();
        boolean whole = true;
        for (String piece : cut(text)) {
            List<Peer> parsed = kept.containsKey(piece) ? kept.get(piece) : pieces.get(piece);
            if (parsed == null) {
                parsed = alone(piece, source);
                if (parsed == null) {
                    whole = false;
                    continue;
                }
            }
            kept.put(piece, parsed);
            for (Peer peer : parsed) whole &= keys.add(peer.publicKey());
            peers.addAll(parsed);
        }
        pieces = kept;
        return whole ? Optional.of(new PeerList(peers)) : Optional.empty();
    }

    /** The peers of one piece parsed on its own; null when it has any problem. */
    private static List<Peer> alone(String piece, String source) {
        try {
            return PeerListBinder.bind(BlockParser.parse(piece, source), source).peers();
        } catch (ConfigException e) {
            return null;
        }
    }

    /** Cut before each line that starts with "peers"; every piece but the last ends with its newline. */
    static List<String> cut(String text) {
        List<String> cut = new ArrayList<>();
        int start = 0;
        for (int at = text.indexOf(BLOCK_START); at >= 0; at = text.indexOf(BLOCK_START, at + 1)) {
            if (at + 1 > start) cut.add(text.substring(start, at + 1));
            start = at + 1;
        }
        cut.add(text.substring(start));
        return cut;
    }
}
