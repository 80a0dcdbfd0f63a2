package org.rait.cli;

import org.rait.babeld.Babeld;
import org.rait.babeld.BabeldClient;
import org.rait.babeld.BabeldException;
import org.rait.babeld.Dump;
import org.rait.babeld.Timeouts;
import org.rait.config.RaitConfig;
import org.rait.keys.X25519;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;
import org.rait.ping.Echo;
import org.rait.ping.IputilsPing;
import org.rait.ping.PingPlan;
import org.rait.ping.Probe;
import org.rait.log.EventLog;
import org.rait.status.StatusReport;
import org.rait.status.TunnelStatus;
import org.rait.tunnels.KernelTunnels;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

final class PingCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final GlobalOptions config;
    private final PositionalParamSpec peer = PositionalParamSpec.builder().index("0").arity("1").required(true).type(String.class).paramLabel("PEER")
            .description("The peer's name or public key, as the applied peer list has it").build();
    private final OptionSpec count = CommandOptions.value(int.class, "N", "Echo requests per address (default: ${DEFAULT-VALUE})",
            "--count").defaultValue("3").build();

    private PingCommand(GlobalOptions beforeCommand) {
        spec.usageMessage().description("Ping a peer over its tunnels from the target namespace: its link-local address on each tunnel,"
                        + " then the addresses babeld routes to it. Prints round trips, the interface and the handshake age.",
                "Exit status 1 when nothing answered.");
        config = new GlobalOptions(spec, beforeCommand);
        CommandOptions.withHelp(spec.addOption(count).addPositional(peer));
    }

    static CommandSpec model(GlobalOptions beforeCommand) {
        return new PingCommand(beforeCommand).spec;
    }

    @Override
    public Integer call() {
        int count = this.count.getValue();
        if (count < 1) throw new UsageProblem("--count must be at least 1, got " + count);
        RaitConfig raitConfig = RaitFiles.config(config.location());
        PeerList peers = RaitFiles.appliedPeers(raitConfig);
        Peer target = find(peers, peer.getValue());
        EventLog log = new EventLog(System.err, config.debug());
        List<TunnelStatus> tunnels = StatusReport.tunnels(KernelTunnels.list(raitConfig, log), peers, Instant.now()).stream()
                .filter(t -> t.peerKey().equals(target.publicKey().base64())).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (tunnels.isEmpty()) {
            out.println("peer " + describe(target) + " has no tunnel on this node (run rait up?)");
            out.flush();
            return ExitStatus.FAILED;
        }
        List<Probe> probes = PingPlan.probes(X25519.publicKey(raitConfig.privateKey()), target.publicKey(), tunnels, babeldRoutes(raitConfig, log));
        Echo echo = new IputilsPing(count);
        String namespace = Babeld.namespaceOfInterfaces(raitConfig.isolation());
        boolean reached = false;
        for (Probe probe : probes) {
            Echo.Reply reply = echo.ping(namespace, probe);
            reached |= reply.reached();
            out.println(line(reply, tunnels));
            out.flush();
        }
        return reached ? ExitStatus.OK : ExitStatus.FAILED;
    }

    /** By name first (what operators type), then by key. */
    static Peer find(PeerList peers, String wanted) {
        List<Peer> named = peers.peers().stream().filter(p -> p.name().equals(wanted)).toList();
        if (named.size() == 1) return named.get(0);
        if (named.size() > 1) {
            throw new UsageProblem("several peers are named '" + wanted + "': give the public key instead");
        }
        return peers.peers().stream().filter(p -> p.publicKey().base64().equals(wanted)).findFirst()
                .orElseThrow(() -> new UsageProblem("no peer named or keyed '" + wanted + "' in the applied peer list ("
                        + peers.peers().size() + " peers)"));
    }

    private static Optional<Dump> babeldRoutes(RaitConfig raitConfig, EventLog log) {
        if (raitConfig.babeld().isEmpty()) return Optional.empty();
        try (BabeldClient client = Babeld.connect(raitConfig.babeld().get(), raitConfig.isolation(), Timeouts.DEFAULT)) {
            return Optional.of(client.dump());
        } catch (BabeldException e) {
            log.warn("babeld_unreachable", "reason", "babeld routes not known; only the tunnels are pinged", "detail", e.getMessage());
            return Optional.empty();
        }
    }

    static String line(Echo.Reply reply, List<TunnelStatus> tunnels) {
        Probe probe = reply.probe();
        String handshake = tunnels.stream().filter(t -> t.ifname().equals(probe.ifname())).findFirst()
                .map(t -> t.handshakeAgeSeconds().isPresent() ? t.handshakeAgeSeconds().getAsLong() + "s ago" : "never").orElse("?");
        String result = reply.reached()
                ? "reached received=" + reply.received() + "/" + reply.sent()
                        + reply.averageMillis().stream().mapToObj(ms -> String.format(Locale.ROOT, " rtt=%.3fms", ms)).findFirst().orElse("")
                : "unreachable received=0/" + reply.sent() + (reply.detail().isEmpty() ? "" : " detail=\"" + reply.detail() + "\"");
        return probe.kind() + " " + probe.address() + " interface=" + probe.ifname() + " handshake=" + handshake + " " + result;
    }

    private static String describe(Peer p) {
        return p.name().isEmpty() ? p.publicKey().base64() : p.name() + " (" + p.publicKey().base64() + ")";
    }
}
