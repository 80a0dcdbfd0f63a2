package org.rait.snapshot;

import java.util.Arrays;

/** Which syntax a signed peers.conf body is in; named in the trusted comment so a verifier knows how to parse it. */
public enum SnapshotFormat {
    /** The seed's `peers { ... }` block syntax (the default: the original tool reads it). */
    BLOCK("block"),
    TOML("toml");

    private final String word;

    SnapshotFormat(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static SnapshotFormat fromWord(String word) {
        return Arrays.stream(values()).filter(f -> f.word.equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown snapshot format '" + word + "' (block or toml)"));
    }
}
