package org.rait.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our minisign format against the real minisign binary, both ways. */
class MinisignInteropTest {
    private static final byte[] BODY = "peers {\n  public_key = \"x\"\n}\n".getBytes(StandardCharsets.UTF_8);
    private final TrustedComment comment = new TrustedComment(42, Instant.ofEpochSecond(1764160000L), SnapshotFormat.BLOCK);

    @TempDir
    Path dir;

    @Test
    void minisignVerifiesOurSignatureWithTheBase64PublicKey() throws Exception {
        MinisignSecretKey key = MinisignSecretKey.generate(new SecureRandom());
        Files.write(dir.resolve("peers.conf"), BODY);
        Files.writeString(dir.resolve("peers.conf.minisig"), key.sign(BODY, comment.render()).render());

        Minisign.Result result = Minisign.run(dir, "-V", "-P", key.publicKey().render(), "-m", "peers.conf");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Trusted comment: serial:42 expires:1764160000 format:block"), result.output());
    }

    @Test
    void minisignQuietModePrintsExactlyOurTrustedComment() throws Exception {
        MinisignSecretKey key = MinisignSecretKey.generate(new SecureRandom());
        Files.write(dir.resolve("peers.conf"), BODY);
        Files.writeString(dir.resolve("peers.conf.minisig"), key.sign(BODY, comment.render()).render());
        Files.writeString(dir.resolve("registry.pub"), key.publicKey().renderFile());

        Minisign.Result result = Minisign.run(dir, "-V", "-Q", "-p", "registry.pub", "-m", "peers.conf");

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(comment.render() + "\n", result.output());
    }

    @Test
    void minisignRejectsOurSignatureOverAnAlteredBody() throws Exception {
        MinisignSecretKey key = MinisignSecretKey.generate(new SecureRandom());
        Files.writeString(dir.resolve("peers.conf.minisig"), key.sign(BODY, comment.render()).render());
        Files.writeString(dir.resolve("peers.conf"), "peers {}\n");

        Minisign.Result result = Minisign.run(dir, "-V", "-P", key.publicKey().render(), "-m", "peers.conf");

        assertEquals(1, result.exitCode(), result.output());
    }

    @Test
    void weVerifySignaturesMadeByMinisignWithAnUnencryptedKey() throws Exception {
        assertEquals(0, Minisign.run(dir, "-G", "-W", "-p", "k.pub", "-s", "k.key").exitCode());
        Files.write(dir.resolve("peers.conf"), BODY);
        Minisign.Result signed = Minisign.run(dir, "-S", "-s", "k.key", "-m", "peers.conf", "-t", comment.render());
        assertEquals(0, signed.exitCode(), signed.output());

        MinisignPublicKey publicKey = MinisignPublicKey.parseFile(Files.readString(dir.resolve("k.pub")));
        VerifiedSnapshot verified = new SignatureVerifier(List.of(publicKey))
                .verifySnapshot(BODY, Files.readString(dir.resolve("peers.conf.minisig")));

        assertEquals(comment, verified.comment());
        assertEquals(publicKey.keyId(), verified.keyId());
    }

    @Test
    void minisignGeneratedSecretKeyLoadsAndItsPublicHalfMatchesTheirPubFile() throws Exception {
        assertEquals(0, Minisign.run(dir, "-G", "-W", "-p", "k.pub", "-s", "k.key").exitCode());

        MinisignSecretKey secret = MinisignSecretKey.parseFile(Files.readString(dir.resolve("k.key")));

        assertEquals(Files.readString(dir.resolve("k.pub")), secret.publicKey().renderFile());
    }

    @Test
    void minisignSignsWithOurSecretKeyFileAndWeVerify() throws Exception {
        MinisignSecretKey key = MinisignSecretKey.generate(new SecureRandom());
        Files.writeString(dir.resolve("ours.key"), key.renderFile());
        Files.write(dir.resolve("peers.conf"), BODY);

        Minisign.Result signed = Minisign.run(dir, "-S", "-s", "ours.key", "-m", "peers.conf", "-t", comment.render());

        assertEquals(0, signed.exitCode(), signed.output());
        VerifiedSignature verified = new SignatureVerifier(List.of(key.publicKey()))
                .verify(BODY, Files.readString(dir.resolve("peers.conf.minisig")));
        assertEquals(comment.render(), verified.trustedComment());
    }
}
