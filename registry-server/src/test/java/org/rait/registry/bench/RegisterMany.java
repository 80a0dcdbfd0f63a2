package org.rait.registry.bench;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.registration.CertificatePin;
import org.rait.registration.NodeProver;
import org.rait.registration.RegistrationClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a running registry for testing/bench/registry.sh: registers COUNT nodes with fresh keys from
 * CLIENTS concurrent clients (default 1), each with a proof of its key and the same enrollment token
 * (so each is approved and published at once), the way {@code rait register} does, without a JVM
 * start per node. Prints the total time, the cost per registration (also apart for the first fifth,
 * when a fresh registry's JIT compilers are busiest, and the rest), and how long after the last answer a
 * snapshot listing all COUNT nodes was served. Keys are made before the clock starts.
 * <p>usage: RegisterMany URL PIN ENROLLMENT_TOKEN COUNT [CLIENTS]
 */
public final class RegisterMany {
    private RegisterMany() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: RegisterMany URL PIN ENROLLMENT_TOKEN COUNT [CLIENTS]");
            System.exit(2);
        }
        CertificatePin pin = CertificatePin.parse(args[1]);
        RegistrationClient client = new RegistrationClient(args[0], Optional.of(pin), Clock.systemUTC());
        int count = Integer.parseInt(args[3]);
        int clients = args.length == 5 ? Integer.parseInt(args[4]) : 1;
        List<WgKey> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) keys.add(X25519.generatePrivateKey());

        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int firstPart = count / 5;
        AtomicLong firstPartDone = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                for (int i = next.incrementAndGet(); i <= count; i = next.incrementAndGet()) {
                    WgKey privateKey = keys.get(i - 1);
                    Peer entry = new Peer(X25519.publicKey(privateKey), String.format("node%05d", i),
                            List.of(new Endpoint(AddressFamily.IP4, 20000 + i, "198.18." + (i / 250) + "." + (i % 250 + 1)),
                                    new Endpoint(AddressFamily.IP6, 40000 + i, "2001:db8::" + Integer.toHexString(i))));
                    client.register(new NodeProver(privateKey), entry, Optional.of(args[2]));
                    if (done.incrementAndGet() == firstPart) firstPartDone.set(System.nanoTime());
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : running) f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            System.err.println("registration failed after " + next.get() + " started: " + e.getCause());
            pool.shutdownNow();
            System.exit(1);
        }
        long finished = System.nanoTime();
        pool.shutdown();
        double seconds = (finished - started) / 1e9;
        System.out.printf("registered %d nodes from %d clients in %.1f s: %.2f ms per registration (amortised), %.0f/s%n",
                count, clients, seconds, seconds * 1000 / count, count / seconds);
        if (firstPart > 0) {
            System.out.printf("the first %d: %.2f ms per registration; the other %d: %.2f ms per registration%n",
                    firstPart, (firstPartDone.get() - started) / 1e6 / firstPart,
                    count - firstPart, (finished - firstPartDone.get()) / 1e6 / (count - firstPart));
        }
        long peers = peersServed(args[0], pin);
        System.out.printf("snapshot with %d peers served %.0f ms after the last registration's answer%n",
                peers, (System.nanoTime() - finished) / 1e6);
    }

    /** The number of peers in the served block-syntax peers.conf (at least COUNT, or the bench says so). */
    private static long peersServed(String url, CertificatePin pin) throws Exception {
        OkHttpClient http = pin.applyTo(new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30))).build();
        try (Response response = http.newCall(new Request.Builder().url(url + "/peers.conf").build()).execute()) {
            return response.body().string().lines().filter(l -> l.startsWith("peers")).count();
        }
    }
}
