package org.rait.registry.snapshot;

import org.rait.configfile.ConfigFiles;
import org.rait.configfile.Syntax;
import org.rait.peers.PeerList;
import org.rait.registry.store.PublishedNode;
import org.rait.snapshot.SnapshotFormat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot's text kept peer by peer: each peer's block and TOML text is rendered once, when its
 * stored row first appears or changes, and a body is the listed peers' texts in list order. Both renderers
 * write a peer list one peer after the other (TOML with a blank line between two peers' tables), so
 * the concatenation is byte for byte what rendering the whole list gives (PeerFragmentsTest). Only
 * the listed peers' texts are kept.
 */
final class PeerFragments {
    private static final byte[] TOML_SEPARATOR = {'\n'};
    private Map<PublishedNode, Fragment> fragments = new HashMap<>();

    /** The whole list in both syntaxes. */
    record Bodies(byte[] block, byte[] toml) {
        byte[] in(SnapshotFormat format) {
            return format == SnapshotFormat.BLOCK ? block : toml;
        }
    }

    private record Fragment(byte[] block, byte[] toml) {
        static Fragment of(PublishedNode node) {
            PeerList one = new PeerList(List.of(node.peer()));
            return new Fragment(ConfigFiles.render(one, Syntax.BLOCK).getBytes(StandardCharsets.UTF_8),
                    ConfigFiles.render(one, Syntax.TOML).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Called from the publication thread and from renewal, hence one at a time. */
    synchronized Bodies render(List<PublishedNode> peers) {
        Map<PublishedNode, Fragment> listed = new HashMap<>(peers.size() * 4 / 3 + 1);
        Fragment[] ordered = new Fragment[peers.size()];
        int blockLength = 0;
        int tomlLength = Math.max(0, peers.size() - 1) * TOML_SEPARATOR.length;
        for (int i = 0; i < ordered.length; i++) {
            PublishedNode peer = peers.get(i);
            Fragment fragment = fragments.get(peer);
            if (fragment == null) fragment = listed.computeIfAbsent(peer, Fragment::of);
            listed.put(peer, fragment);
            ordered[i] = fragment;
            blockLength += fragment.block.length;
            tomlLength += fragment.toml.length;
        }
        fragments = listed;
        byte[] block = new byte[blockLength];
        byte[] toml = new byte[tomlLength];
        int b = 0;
        int t = 0;
        for (int i = 0; i < ordered.length; i++) {
            System.arraycopy(ordered[i].block, 0, block, b, ordered[i].block.length);
            b += ordered[i].block.length;
            if (i > 0) {
                System.arraycopy(TOML_SEPARATOR, 0, toml, t, TOML_SEPARATOR.length);
                t += TOML_SEPARATOR.length;
            }
            System.arraycopy(ordered[i].toml, 0, toml, t, ordered[i].toml.length);
            t += ordered[i].toml.length;
        }
        return new Bodies(block, toml);
    }
}
