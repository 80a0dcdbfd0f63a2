package org.rait.cli;

import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigFiles;
import org.rait.configfile.Syntax;
import org.rait.location.Location;
import org.rait.location.LocationException;
import org.rait.peers.OwnEntry;
import org.rait.peers.PeerList;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/** `rait pub`. */
final class PubCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final GlobalOptions config;
    private final OptionSpec format = CommandOptions.value(Syntax.class, "SYNTAX", "block (RAIT's syntax, default) or toml", "--format")
            .defaultValue("block").build();
    private final PositionalParamSpec destination = PositionalParamSpec.builder().index("0").arity("0..1").type(String.class)
            .paramLabel("DEST").defaultValue("-")
            .description("where to write it: a path, '-' for stdout (default), or an http(s) URL (PUT)").build();

    private PubCommand(GlobalOptions beforeCommand) {
        spec.usageMessage().description("Write this node's own peers entry (public key, name, one endpoint per transport) to DEST");
        config = new GlobalOptions(spec, beforeCommand);
        CommandOptions.withHelp(spec.addOption(format).addPositional(destination));
    }

    static CommandSpec model(GlobalOptions beforeCommand) {
        return new PubCommand(beforeCommand).spec;
    }

    @Override
    public Integer call() throws ConfigException, LocationException {
        RaitConfig raitConfig = ConfigFiles.readRaitConfig(config.location());
        PeerList entry = new PeerList(List.of(OwnEntry.of(raitConfig)));
        String destination = this.destination.getValue();
        Syntax format = this.format.getValue();
        Location.of(destination).write(ConfigFiles.render(entry, format).getBytes(StandardCharsets.UTF_8));
        return ExitStatus.OK;
    }
}
