package org.rait.snapshot;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignatureVerifierTest {
    private static final byte[] BODY = "peers {}\n".getBytes(StandardCharsets.UTF_8);
    private final SecureRandom random = new SecureRandom();
    private final MinisignSecretKey registry = MinisignSecretKey.generate(random);
    private final SignatureVerifier verifier = new SignatureVerifier(List.of(registry.publicKey()));
    private final String comment = new TrustedComment(7, Instant.ofEpochSecond(1800000000L), SnapshotFormat.TOML).render();

    @Test
    void aGoodSignatureYieldsTheKeyIdAndTheParsedComment() throws Exception {
        VerifiedSnapshot verified = verifier.verifySnapshot(BODY, registry.sign(BODY, comment).render());

        assertEquals(registry.keyId(), verified.keyId());
        assertEquals(7, verified.comment().serial());
        assertEquals(SnapshotFormat.TOML, verified.comment().format());
    }

    @Test
    void aSignatureOverAnotherBodyIsABadSignature() {
        String signature = registry.sign("peers { }\n".getBytes(StandardCharsets.UTF_8), comment).render();

        assertEquals(SignatureRejected.Reason.BAD_SIGNATURE, reasonFor(BODY, signature));
    }

    @Test
    void aSignatureByAnUntrustedKeyIsAnUnknownKeyId() {
        String signature = MinisignSecretKey.generate(random).sign(BODY, comment).render();

        assertEquals(SignatureRejected.Reason.UNKNOWN_KEY_ID, reasonFor(BODY, signature));
    }

    @Test
    void anEditedTrustedCommentBreaksTheGlobalSignature() {
        String signature = registry.sign(BODY, comment).render().replace("serial:7", "serial:8");

        assertEquals(SignatureRejected.Reason.BAD_TRUSTED_COMMENT_SIGNATURE, reasonFor(BODY, signature));
    }

    @Test
    void aTrustedCommentTakenFromAnotherSignatureIsRejected() {
        MinisignSignature first = registry.sign(BODY, comment);
        MinisignSignature second = registry.sign("peers { }\n".getBytes(StandardCharsets.UTF_8), new TrustedComment(8, Instant.ofEpochSecond(1800000000L),
                SnapshotFormat.TOML).render());
        MinisignSignature spliced = new MinisignSignature(first.untrustedComment(), first.keyId(), first.signature(),
                second.trustedComment(), second.globalSignature());

        assertEquals(SignatureRejected.Reason.BAD_TRUSTED_COMMENT_SIGNATURE, reasonFor(BODY, spliced.render()));
    }

    @Test
    void textThatIsNoSignatureIsMalformed() {
        assertEquals(SignatureRejected.Reason.MALFORMED, reasonFor(BODY, "<html>502 Bad Gateway</html>\n"));
        assertEquals(SignatureRejected.Reason.MALFORMED, reasonFor(BODY, ""));
    }

    @Test
    void aValidSignatureWithAForeignTrustedCommentIsMalformedAsASnapshot() {
        String signature = registry.sign(BODY, "timestamp:1700000000\tfile:peers.conf").render();

        SignatureRejected rejected = assertThrows(SignatureRejected.class, () -> verifier.verifySnapshot(BODY, signature));
        assertEquals(SignatureRejected.Reason.MALFORMED, rejected.reason());
    }

    @Test
    void theUntrustedCommentMayBeEditedFreely() throws Exception {
        String signature = registry.sign(BODY, comment).render().replace("signature from rait-registry", "anything");

        assertEquals(comment, verifier.verify(BODY, signature).trustedComment());
    }

    @Test
    void crlfLineEndingsAreTolerated() throws Exception {
        String signature = registry.sign(BODY, comment).render().replace("\n", "\r\n");

        assertEquals(comment, verifier.verify(BODY, signature).trustedComment());
    }

    private SignatureRejected.Reason reasonFor(byte[] body, String signature) {
        return assertThrows(SignatureRejected.class, () -> verifier.verify(body, signature)).reason();
    }
}
