package org.rait.cli;

import org.rait.configfile.ConfigException;
import org.rait.log.EventLog;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.Planner;
import org.rait.status.StatusReport;
import org.rait.tunnels.KernelTunnels;
import org.rait.wireguard.PeerState;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** `rait list`. */
final class ListCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final GlobalOptions config;
    private final OptionSpec json = CommandOptions.flag(
            "A JSON array, one object per interface (fields: deploy/docs/cli-output.md)", "--json");

    private ListCommand(GlobalOptions beforeCommand) {
        spec.usageMessage().description("List the interfaces rait manages, one line each");
        config = new GlobalOptions(spec, beforeCommand);
        CommandOptions.withHelp(spec.addOption(json));
    }

    static CommandSpec model(GlobalOptions beforeCommand) {
        return new ListCommand(beforeCommand).spec;
    }

    @Override
    public Integer call() throws ConfigException {
        var raitConfig = RaitFiles.config(config.location());
        var out = spec.commandLine().getOut();
        List<ObservedTunnel> tunnels = KernelTunnels.list(raitConfig, new EventLog(System.err, false));
        Instant now = Instant.now();
        boolean json = this.json.getValue();
        if (json) {
            List<Map<String, Object>> objects = new ArrayList<>(tunnels.size());
            for (ObservedTunnel t : tunnels) objects.add(object(t, now));
            out.println(JsonOutput.write(objects));
        } else {
            for (ObservedTunnel t : tunnels) out.println(line(t, now));
        }
        out.flush();
        return ExitStatus.OK;
    }

    static String line(ObservedTunnel t, Instant now) {
        StringBuilder s = new StringBuilder(t.ifname());
        s.append(" up=").append(t.link().up()).append(" mtu=").append(t.link().mtu());
        if (t.device().isEmpty()) return s.append(" device=missing").toString();
        var device = t.device().get();
        s.append(" listen_port=").append(device.listenPort()).append(" fwmark=").append(device.fwmark());
        for (PeerState p : device.peers()) {
            s.append(" peer=").append(p.publicKey())
                    .append(" endpoint=").append(p.endpoint().isPresent() ? Planner.endpointText(p.endpoint().get()) : "none")
                    .append(" handshake_age=").append(p.lastHandshakeEpochSeconds() == 0 ? "never"
                            : StatusReport.age(handshakeAge(p, now)))
                    .append(" rx_bytes=").append(p.rxBytes()).append(" tx_bytes=").append(p.txBytes());
        }
        return s.toString();
    }

    /** The fields are part of the interface (documented in cli-output.md): add, never rename. */
    static Map<String, Object> object(ObservedTunnel t, Instant now) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("interface", t.ifname());
        o.put("up", t.link().up());
        o.put("mtu", t.link().mtu());
        if (t.device().isEmpty()) {
            o.put("device", null);
            return o;
        }
        var device = t.device().get();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("listen_port", device.listenPort());
        d.put("fwmark", device.fwmark());
        List<Map<String, Object>> peers = new ArrayList<>(device.peers().size());
        for (PeerState p : device.peers()) {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("public_key", p.publicKey().base64());
            peer.put("endpoint", p.endpoint().isPresent() ? Planner.endpointText(p.endpoint().get()) : null);
            boolean never = p.lastHandshakeEpochSeconds() == 0;
            peer.put("last_handshake", never ? null : Instant.ofEpochSecond(p.lastHandshakeEpochSeconds()).toString());
            peer.put("last_handshake_age_seconds", never ? null : handshakeAge(p, now));
            peer.put("rx_bytes", p.rxBytes());
            peer.put("tx_bytes", p.txBytes());
            peers.add(peer);
        }
        d.put("peers", List.copyOf(peers));
        o.put("device", d);
        return o;
    }

    private static long handshakeAge(PeerState p, Instant now) {
        return Math.max(0, now.getEpochSecond() - p.lastHandshakeEpochSeconds());
    }
}
