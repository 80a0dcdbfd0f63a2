package org.rait.registry.store;

import java.util.Arrays;

/** Where a node stands with the admins; only approved nodes are published. */
public enum NodeState {
    PENDING, APPROVED, REJECTED, REVOKED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static NodeState fromWord(String word) {
        return Arrays.stream(values()).filter(s -> s.word().equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown node state '" + word
                        + "' (pending, approved, rejected, revoked)"));
    }
}
