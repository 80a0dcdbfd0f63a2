package org.rait.registry.cli;

import org.rait.keys.WgKey;

import java.util.List;
import java.util.Optional;

/** Admins name nodes by name or by key: a text that is a WireGuard key is the key, anything else a name. */
final class NodeNames {
    record Named(String name, String key) {
    }

    private NodeNames() {
    }

    /** The key this text is, in standard or URL-safe base64; empty when it is not one. */
    static Optional<WgKey> asKey(String text) {
        try {
            return Optional.of(WgKey.parseBase64(text.replace('-', '+').replace('_', '/')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @throws IllegalArgumentException when no node, or more than one, has this name */
    static String resolve(String name, List<Named> nodes) {
        List<Named> matches = nodes.stream().filter(n -> n.name().equals(name)).toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no node is named '" + name + "' (and it is not a WireGuard key)");
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("several nodes are named '" + name + "': give the key, one of "
                    + matches.stream().map(Named::key).toList());
        }
        return matches.get(0).key();
    }
}
