package org.rait.cli;

import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigFiles;
import org.rait.peers.PeerList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads rait.conf and the peer list it names for the tunnel commands. A file that does not parse is a
 * {@link UsageProblem} listing every problem with file, line and column; nothing is applied.
 */
final class RaitFiles {
    private RaitFiles() {
    }

    static RaitConfig config(String location) {
        try {
            return ConfigFiles.parseRaitConfig(read(location), location);
        } catch (ConfigException e) {
            throw new UsageProblem(e.getMessage(), e);
        }
    }

    static PeerList peers(RaitConfig config) {
        try {
            return ConfigFiles.parsePeers(read(config.peers()), config.peers());
        } catch (ConfigException e) {
            throw new UsageProblem(e.getMessage(), e);
        }
    }

    private static byte[] read(String location) {
        try {
            if (location.equals("-")) return System.in.readAllBytes();
            if (location.startsWith("http://") || location.startsWith("https://")) {
                throw new UsageProblem(location + ": reading over http(s) is done by `rait agent` (with signature checks); "
                        + "for `rait up`, give a path or '-'");
            }
            return Files.readAllBytes(Path.of(location));
        } catch (IOException e) {
            throw new UsageProblem("cannot read " + location + ": " + e.getMessage(), e);
        }
    }
}
