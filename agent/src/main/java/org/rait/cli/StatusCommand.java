package org.rait.cli;

import org.rait.config.RaitConfig;
import org.rait.log.EventLog;
import org.rait.peers.PeerList;
import org.rait.snapshot.MinisignFormatException;
import org.rait.snapshot.MinisignSignature;
import org.rait.snapshot.TrustedComment;
import org.rait.state.CachedSnapshot;
import org.rait.state.StateDirectory;
import org.rait.status.SnapshotStatus;
import org.rait.status.StatusReport;
import org.rait.tunnels.KernelTunnels;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/** `rait status`. */
final class StatusCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final GlobalOptions config;
    private final OptionSpec json = CommandOptions.flag("One JSON document, for machines", "--json");

    private StatusCommand(GlobalOptions beforeCommand) {
        spec.usageMessage().description("The applied snapshot (serial, age), how the agent's latest pass ended, then one line per tunnel: "
                + "peer, endpoint, handshake age, traffic");
        config = new GlobalOptions(spec, beforeCommand);
        CommandOptions.withHelp(spec.addOption(json));
    }

    static CommandSpec model(GlobalOptions beforeCommand) {
        return new StatusCommand(beforeCommand).spec;
    }

    @Override
    public Integer call() {
        RaitConfig raitConfig = RaitFiles.config(config.location());
        Instant now = Instant.now();
        StateDirectory state = new StateDirectory(Path.of(raitConfig.agent().stateDir()));
        Optional<CachedSnapshot> cached = state.snapshot();
        PeerList peers = RaitFiles.appliedPeers(raitConfig);
        StatusReport report = StatusReport.of(KernelTunnels.list(raitConfig, new EventLog(System.err, false)), peers,
                cached.map(c -> new SnapshotStatus(c.url(), serialOf(c), Math.max(0, now.getEpochSecond() - c.acceptedAt().getEpochSecond()))),
                state.lastPass().map(p -> new StatusReport.LastPass(Math.max(0, now.getEpochSecond() - p.at().getEpochSecond()),
                        p.news(), p.action(), p.detail())),
                now).withAgentOutlook(state.nextFetch().map(n -> new StatusReport.NextFetch(n.at().getEpochSecond() - now.getEpochSecond(),
                        n.reason())), state.conflicts());
        var out = spec.commandLine().getOut();
        boolean json = this.json.getValue();
        if (json) {
            out.println(report.json());
        } else {
            report.lines().forEach(out::println);
            // With several peers URLs: what each answered in the agent's latest pass.
            for (StateDirectory.SourceResult source : state.sources()) {
                out.println("url " + source.url() + " last=" + source.result() + " age="
                        + Math.max(0, now.getEpochSecond() - source.at().getEpochSecond()) + "s");
            }
        }
        out.flush();
        return ExitStatus.OK;
    }

    private static OptionalLong serialOf(CachedSnapshot cached) {
        try {
            return cached.signature()
                    .map(s -> OptionalLong.of(TrustedComment.parse(MinisignSignature.parse(s).trustedComment()).serial()))
                    .orElse(OptionalLong.empty());
        } catch (MinisignFormatException e) {
            return OptionalLong.empty();
        }
    }
}
