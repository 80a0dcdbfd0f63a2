package org.rait.plan;

import org.rait.config.AddressFamily;
import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Looks up every endpoint address the plan will need, in the family of the transport that uses it,
 * all at once with one deadline. A name that does not resolve in time gives no endpoint and a warning:
 * the peer can still reach us, so it is not a failure.
 */
public final class EndpointResolver {
    /** How one name becomes addresses; the JDK resolver in production, a map in tests. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] all(String name) throws UnknownHostException;
    }

    private final Lookup lookup;
    private final Duration timeout;
    /**
     * The literals read at the last call, and what they gave: a literal always reads the same, and the running agent
     * resolves every endpoint at every pass. Replaced at each call, so it holds no more than the current peer list.
     */
    private volatile Map<ResolvedAddresses.Query, Optional<InetAddress>> literals = Map.of();

    public EndpointResolver(Lookup lookup, Duration timeout) {
        this.lookup = lookup;
        this.timeout = timeout;
    }

    public static EndpointResolver system(Duration timeout) {
        return new EndpointResolver(new SystemLookup(), timeout);
    }

    /** The system resolver; a class rather than a method reference, which every `rait up` would link at run time. */
    private static final class SystemLookup implements Lookup {
        @Override
        public InetAddress[] all(String name) throws UnknownHostException {
            return InetAddress.getAllByName(name);
        }
    }

    public ResolvedAddresses resolve(RaitConfig config, PeerList peers) {
        Set<ResolvedAddresses.Query> queries = new LinkedHashSet<>();
        for (Transport transport : config.transports()) {
            for (Peer peer : peers.peers()) {
                for (Endpoint endpoint : peer.endpoints()) {
                    if (endpoint.addressFamily() == transport.addressFamily() && !endpoint.address().isEmpty()) {
                        queries.add(new ResolvedAddresses.Query(endpoint.address(), transport.addressFamily()));
                    }
                }
            }
        }
        return resolve(queries);
    }

    /**
     * Address literals are read in this thread (the JDK parses them without asking DNS): only names go to
     * a pool, and a peer list of literals makes no pool, no future and no thread at all (the pool cost
     * `rait up` 10-90 ms; the futures' classes a few ms of a short command).
     */
    public ResolvedAddresses resolve(Set<ResolvedAddresses.Query> queries) {
        List<ResolvedAddresses.Query> names = new ArrayList<>();
        for (var query : queries) {
            if (!isLiteral(query.address())) names.add(query);
        }
        ExecutorService pool = names.isEmpty() ? null : Executors.newFixedThreadPool(Math.min(16, names.size()), r -> {
            Thread t = new Thread(r, "rait-resolve");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<ResolvedAddresses.Query, Optional<InetAddress>> readBefore = literals;
            Map<ResolvedAddresses.Query, Optional<InetAddress>> read = new HashMap<>();
            Map<ResolvedAddresses.Query, CompletableFuture<Optional<InetAddress>>> pending = new HashMap<>();
            for (var query : names) {
                pending.put(query, CompletableFuture.supplyAsync(() -> first(query), pool));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<ResolvedAddresses.Query, InetAddress> found = new HashMap<>();
            List<PlanWarning> warnings = new ArrayList<>();
            for (var query : queries) {
                String problem;
                try {
                    Optional<InetAddress> address;
                    if (pending.containsKey(query)) {
                        long left = Math.max(0, deadline - System.nanoTime());
                        address = pending.get(query).get(left, TimeUnit.NANOSECONDS);
                    } else {
                        address = literal(query, readBefore, read);
                    }
                    if (address.isPresent()) {
                        found.put(query, address.get());
                        continue;
                    }
                    problem = "no " + query.family() + " address";
                } catch (TimeoutException e) {
                    problem = "no answer within " + timeout.toMillis() + " ms";
                } catch (ExecutionException e) {
                    problem = String.valueOf(e.getCause().getMessage());
                } catch (RuntimeException e) {
                    problem = String.valueOf(e.getMessage()); // a literal's lookup, in this thread
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    problem = "interrupted";
                }
                warnings.add(new PlanWarning.Unresolved(query.address(), query.family(), problem));
            }
            literals = read;
            return new ResolvedAddresses(found, warnings);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    /**
     * An IPv6 literal (a name never has a ':'; the JDK rejects a malformed one without a lookup) or an IPv4
     * one in dotted-quad form; anything else, "10.1" included, goes to the resolver under the deadline.
     */
    static boolean isLiteral(String address) {
        if (address.indexOf(':') >= 0) return true;
        // four runs of one to three digits, each at most 255, between dots (read in one scan, no split)
        int parts = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i <= address.length(); i++) {
            char c = i < address.length() ? address.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255) return false;
                parts++;
                digits = 0;
                value = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    /** A literal as the last call read it, or read now (the JDK parses it without asking DNS). */
    private Optional<InetAddress> literal(ResolvedAddresses.Query query, Map<ResolvedAddresses.Query, Optional<InetAddress>> readBefore,
                                          Map<ResolvedAddresses.Query, Optional<InetAddress>> read) {
        Optional<InetAddress> address = readBefore.get(query);
        if (address == null) address = first(query);
        read.put(query, address);
        return address;
    }

    private Optional<InetAddress> first(ResolvedAddresses.Query query) {
        try {
            Class<? extends InetAddress> wanted = query.family() == AddressFamily.IP4 ? Inet4Address.class : Inet6Address.class;
            for (InetAddress address : lookup.all(query.address())) {
                if (wanted.isInstance(address)) return Optional.of(address);
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            throw new java.io.UncheckedIOException("does not resolve", e);
        }
    }
}
