package org.rait.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedCommentTest {
    @Test
    void rendersTheExactForm() {
        TrustedComment comment = new TrustedComment(42, Instant.ofEpochSecond(1764160000L), SnapshotFormat.BLOCK);

        assertEquals("serial:42 expires:1764160000 format:block", comment.render());
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial:0 expires:0 format:block", "serial:9223372036854775807 expires:1764160000 format:toml"})
    void parsesAndRendersBackToTheSameText(String text) {
        assertEquals(text, TrustedComment.parse(text).render());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "serial:42 expires:1764160000",
            "expires:1764160000 serial:42 format:block",
            "serial:42  expires:1764160000 format:block",
            "serial:042 expires:1764160000 format:block",
            "serial:-1 expires:1764160000 format:block",
            "serial:42 expires:1764160000 format:yaml",
            "serial:42 expires:1764160000 format:block extra:1",
            "serial:99999999999999999999 expires:1 format:block",
            "timestamp:1764160000\tfile:peers.conf"})
    void anythingButTheExactFormIsMalformed(String text) {
        assertThrows(MinisignFormatException.class, () -> TrustedComment.parse(text));
    }

    @Test
    void expiresAtTheStatedSecond() {
        TrustedComment comment = new TrustedComment(1, Instant.ofEpochSecond(1000), SnapshotFormat.BLOCK);

        assertFalse(comment.isExpiredAt(Instant.ofEpochSecond(999)));
        assertTrue(comment.isExpiredAt(Instant.ofEpochSecond(1000)));
    }
}
