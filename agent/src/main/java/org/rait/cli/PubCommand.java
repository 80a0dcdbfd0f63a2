package org.rait.cli;

import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigFiles;
import org.rait.configfile.Syntax;
import org.rait.location.Location;
import org.rait.location.LocationException;
import org.rait.peers.OwnEntry;
import org.rait.peers.PeerList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "pub", aliases = "p", mixinStandardHelpOptions = true,
        description = "Write this node's own peers entry (public key, name, one endpoint per transport) to DEST")
final class PubCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions config;

    @Option(names = "--format", paramLabel = "SYNTAX", defaultValue = "block",
            description = "block (RAIT's syntax, default) or toml")
    Syntax format;

    @Parameters(paramLabel = "DEST", arity = "0..1", defaultValue = "-",
            description = "where to write it: a path, '-' for stdout (default), or an http(s) URL (PUT)")
    String destination;

    @Override
    public Integer call() throws ConfigException, LocationException {
        RaitConfig raitConfig = ConfigFiles.readRaitConfig(config.location());
        PeerList entry = new PeerList(List.of(OwnEntry.of(raitConfig)));
        Location.of(destination).write(ConfigFiles.render(entry, format).getBytes(StandardCharsets.UTF_8));
        return ExitStatus.OK;
    }
}
