package org.rait.cli;

import org.rait.babeld.Babeld;
import org.rait.babeld.BabeldClient;
import org.rait.babeld.BabeldException;
import org.rait.babeld.BabeldInterface;
import org.rait.babeld.BabeldStep;
import org.rait.babeld.ControlSocket;
import org.rait.babeld.StepResult;
import org.rait.babeld.SyncStep;
import org.rait.babeld.Timeouts;
import org.rait.config.BabeldConfig;
import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigException;
import org.rait.log.EventLog;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** `rait babeld list` and `rait babeld sync`. */
final class BabeldCommand implements Runnable {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

    private BabeldCommand(GlobalOptions beforeCommand) {
        spec.usageMessage().description("Talk to babeld over its control socket");
        CommandOptions.withHelp(spec)
                .addSubcommand("list", new ListInterfaces(beforeCommand).spec)
                .addSubcommand("sync", new Sync(beforeCommand).spec);
    }

    static CommandSpec model(GlobalOptions beforeCommand) {
        return new BabeldCommand(beforeCommand).spec;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "babeld needs a subcommand: list or sync");
    }

    /** The babeld block of rait.conf; without one there is no babeld to talk to. */
    static BabeldConfig babeldBlock(RaitConfig config, String location) {
        BabeldConfig babeld = config.babeld().orElseThrow(() -> new UsageProblem(location + " has no babeld block: add"
                + " babeld { socket_type = \"unix\" socket_addr = \"/run/babeld.ctl\" } to use rait babeld"));
        try {
            ControlSocket.of(babeld);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(location + ": " + e.getMessage(), e);
        }
        return babeld;
    }

    static final class ListInterfaces implements Callable<Integer> {
        private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).aliases("l");
        private final GlobalOptions config;
        private final OptionSpec json = CommandOptions.flag("A JSON array of {name, up, ipv6} (deploy/docs/cli-output.md)", "--json");

        private ListInterfaces(GlobalOptions beforeCommand) {
            spec.usageMessage().description("Interfaces babeld runs on: name, up or down, IPv6 link-local address");
            config = new GlobalOptions(spec, beforeCommand);
            CommandOptions.withHelp(spec.addOption(json));
        }

        @Override
        public Integer call() throws ConfigException {
            RaitConfig rait = RaitFiles.config(config.location());
            BabeldConfig babeld = babeldBlock(rait, config.location());
            try (BabeldClient client = Babeld.connect(babeld, rait.isolation(), Timeouts.DEFAULT)) {
                List<BabeldInterface> interfaces = client.dump().interfaces();
                boolean json = this.json.getValue();
                if (json) {
                    System.out.println(JsonOutput.write(interfaces.stream().map(ListInterfaces::object).toList()));
                } else {
                    for (BabeldInterface i : interfaces) {
                        System.out.println(i.name() + "\t" + (i.up() ? "up" : "down") + "\t" + i.ipv6().orElse("-"));
                    }
                }
            }
            return ExitStatus.OK;
        }

        private static Map<String, Object> object(BabeldInterface i) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", i.name());
            o.put("up", i.up());
            o.put("ipv6", i.ipv6().orElse(null));
            return o;
        }
    }

    static final class Sync implements Callable<Integer> {
        private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).aliases("s");
        private final GlobalOptions config;

        private Sync(GlobalOptions beforeCommand) {
            spec.usageMessage().description("Add managed interfaces to babeld, flush the ones rait no longer manages, send extra_cmd");
            config = new GlobalOptions(spec, beforeCommand);
            CommandOptions.withHelp(spec);
        }

        @Override
        public Integer call() throws ConfigException {
            RaitConfig rait = RaitFiles.config(config.location());
            babeldBlock(rait, config.location());
            BabeldStep.Result result = BabeldStep.sync(rait, () -> Babeld.links(rait.isolation()),
                    babeld -> Babeld.connect(babeld, rait.isolation(), Timeouts.DEFAULT), EventLog.quiet());
            // babeld not reached at all: an error that names the socket, not a recap of nothing
            if (result.failed() && result.sent().isEmpty()) throw new BabeldException(result.error());
            report(result, System.out);
            return result.failed() ? ExitStatus.FAILED : ExitStatus.OK;
        }
    }

    /** One line per command sent, then a recap line. */
    static void report(BabeldStep.Result result, PrintStream out) {
        int added = 0;
        int flushed = 0;
        for (StepResult r : result.sent()) {
            out.println(r.logLine());
            if (r.succeeded() && r.step() instanceof SyncStep.AddInterface) added++;
            if (r.succeeded() && r.step() instanceof SyncStep.FlushInterface) flushed++;
        }
        out.println("babeld=" + (result.failed() ? "failed" : "synced") + " added=" + added + " flushed=" + flushed
                + " failed=" + result.failures().size());
    }
}
