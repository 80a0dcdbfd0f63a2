package org.rait.registry.bench;

import org.rait.config.AddressFamily;
import org.rait.keys.X25519;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.registration.CertificatePin;
import org.rait.registration.NodeProver;
import org.rait.registration.RegistrationClient;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Fills a running registry for testing/bench/registry.sh: registers COUNT nodes with fresh keys, each with a
 * proof of its key and the same enrollment token (so each is approved and published at once), the way
 * {@code rait register} does, without a JVM start per node.
 * <p>usage: RegisterMany URL PIN ENROLLMENT_TOKEN COUNT
 */
public final class RegisterMany {
    private RegisterMany() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: RegisterMany URL PIN ENROLLMENT_TOKEN COUNT");
            System.exit(2);
        }
        RegistrationClient client = new RegistrationClient(args[0], Optional.of(CertificatePin.parse(args[1])), Clock.systemUTC());
        int count = Integer.parseInt(args[3]);
        long started = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            WgKey privateKey = X25519.generatePrivateKey();
            Peer entry = new Peer(X25519.publicKey(privateKey), String.format("node%05d", i),
                    List.of(new Endpoint(AddressFamily.IP4, 20000 + i, "198.18." + (i / 250) + "." + (i % 250 + 1)),
                            new Endpoint(AddressFamily.IP6, 40000 + i, "2001:db8::" + Integer.toHexString(i))));
            client.register(new NodeProver(privateKey), entry, Optional.of(args[2]));
        }
        System.out.printf("registered %d nodes in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
    }
}
