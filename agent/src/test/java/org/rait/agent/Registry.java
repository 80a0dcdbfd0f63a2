package org.rait.agent;

import org.rait.configfile.ConfigFiles;
import org.rait.configfile.Syntax;
import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;
import org.rait.snapshot.MinisignPublicKey;
import org.rait.snapshot.MinisignSecretKey;
import org.rait.snapshot.SnapshotFormat;
import org.rait.snapshot.TrustedComment;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A registry's signing side for tests: peer lists rendered as the registry publishes them, and signed. */
final class Registry {
    static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MinisignSecretKey key = MinisignSecretKey.generate(RANDOM);

    MinisignPublicKey publicKey() {
        return key.publicKey();
    }

    /** A body and its detached signature. */
    record Signed(byte[] body, String signature, long serial) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Signed sign(PeerList peers, long serial) {
        return sign(body(peers), serial, FAR_FUTURE);
    }

    Signed sign(byte[] body, long serial, Instant expires) {
        String comment = new TrustedComment(serial, expires, SnapshotFormat.BLOCK).render();
        return new Signed(body, key.sign(body, comment).render(), serial);
    }

    static byte[] body(PeerList peers) {
        return ConfigFiles.render(peers, Syntax.BLOCK).getBytes(StandardCharsets.UTF_8);
    }

    /** A peer with a fixed key derived from its number and one IPv6 endpoint with send_port 50000+n. */
    static Peer peer(int n) {
        byte[] key = new byte[WgKey.LENGTH];
        Arrays.fill(key, (byte) n);
        key[0] = (byte) 0x40;
        return new Peer(WgKey.of(key), "node" + n, List.of(new Endpoint(AddressFamily.IP6, 50000 + n, "")));
    }

    static PeerList peers(int... numbers) {
        return new PeerList(Arrays.stream(numbers).mapToObj(Registry::peer).toList());
    }
}
