package org.rait.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.rait.config.AddressFamily;
import org.rait.config.AgentSettings;
import org.rait.config.Backend;
import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;
import org.rait.plan.DesiredTunnel;
import org.rait.plan.Identity;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.Planner;
import org.rait.plan.ResolvedAddresses;
import org.rait.plan.TunnelChange;
import org.rait.plan.TunnelPlan;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerState;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The planner alone (no I/O) for N peers with one IPv4 endpoint each: a cold plan (nothing exists yet,
 * N creates) and a steady-state plan (every interface exists as planned, N no-ops: what every agent
 * pass computes). Run with testing/bench/planner.sh; figures go to docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlannerBenchmark {
    @Param({"1000", "10000"})
    int peers;

    RaitConfig config;
    Identity identity;
    PeerList peerList;
    ResolvedAddresses resolved;
    List<ObservedTunnel> asPlanned;

    @Setup
    public void setUp() throws UnknownHostException {
        identity = Identity.of(X25519.generatePrivateKey());
        Transport ip4 = new Transport(AddressFamily.IP4, 20000, 1420, "r4x", "198.18.0.1", "", 54, false, 0);
        config = new RaitConfig("bench", identity.privateKey(), "/etc/rait/peers.conf", List.of(ip4),
                new Isolation(IsolationType.NETNS, 54, "", "raitns", 0), Optional.empty(), Backend.USERSPACE,
                RaitConfig.DEFAULT_RUNTIME_DIR, AgentSettings.DEFAULT);
        List<Peer> list = new ArrayList<>();
        Map<ResolvedAddresses.Query, InetAddress> addresses = new HashMap<>();
        for (int i = 0; i < peers; i++) {
            String address = "198.18." + (i / 250) + "." + (i % 250 + 2);
            list.add(new Peer(X25519.publicKey(X25519.generatePrivateKey()), "node" + i,
                    List.of(new Endpoint(AddressFamily.IP4, 30000 + i, address))));
            addresses.put(new ResolvedAddresses.Query(address, AddressFamily.IP4), InetAddress.getByName(address));
        }
        peerList = new PeerList(list);
        resolved = new ResolvedAddresses(addresses, List.of());
        asPlanned = new ArrayList<>();
        int index = 1;
        for (TunnelChange.Create create : coldPlan().of(TunnelChange.Create.class)) {
            asPlanned.add(asBuilt(create.desired(), ++index));
        }
    }

    @Benchmark
    public TunnelPlan coldPlan() {
        return Planner.plan(config, identity, peerList, resolved, List.of());
    }

    @Benchmark
    public TunnelPlan steadyStatePlan() {
        return Planner.plan(config, identity, peerList, resolved, asPlanned);
    }

    private ObservedTunnel asBuilt(DesiredTunnel t, int index) {
        Link link = new Link(index, t.ifname(), "tun", t.group(), t.mtu(), true, 0, Link.ADDR_GEN_MODE_NONE);
        PeerState peer = new PeerState(t.peerKey(), t.endpoint(), Planner.ALLOWED_IPS, t.keepalive(), 0, 0, 0);
        DeviceState device = new DeviceState(t.ifname(), Optional.of(identity.publicKey()), t.listenPort(), t.fwmark(), List.of(peer));
        return new ObservedTunnel(link, List.of(new LinkAddress(index, t.linkLocal(), 64)), Optional.of(device));
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(PlannerBenchmark.class.getName()).build()).run();
    }
}
