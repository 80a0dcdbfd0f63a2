package org.rait.cli;

import org.rait.configfile.ConfigException;
import org.rait.log.EventLog;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.Planner;
import org.rait.tunnels.KernelTunnels;
import org.rait.wireguard.PeerState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "list", aliases = "l", mixinStandardHelpOptions = true,
        description = "List the interfaces rait manages, one line each")
final class ListCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ConfigException {
        var raitConfig = RaitFiles.config(config.location());
        var out = spec.commandLine().getOut();
        for (ObservedTunnel t : KernelTunnels.list(raitConfig, new EventLog(System.err, false))) {
            out.println(line(t));
        }
        out.flush();
        return ExitStatus.OK;
    }

    static String line(ObservedTunnel t) {
        StringBuilder s = new StringBuilder(t.ifname());
        s.append(" up=").append(t.link().up()).append(" mtu=").append(t.link().mtu());
        if (t.device().isEmpty()) return s.append(" device=missing").toString();
        var device = t.device().get();
        s.append(" listen_port=").append(device.listenPort()).append(" fwmark=").append(device.fwmark());
        for (PeerState p : device.peers()) {
            s.append(" peer=").append(p.publicKey())
                    .append(" endpoint=").append(p.endpoint().map(Planner::endpointText).orElse("none"))
                    .append(" last_handshake=").append(p.lastHandshakeEpochSeconds())
                    .append(" rx_bytes=").append(p.rxBytes()).append(" tx_bytes=").append(p.txBytes());
        }
        return s.toString();
    }
}
