package org.rait.cli;

import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigFiles;
import org.rait.location.LocationException;
import org.rait.peers.PeerList;

/**
 * Reads rait.conf and the peer list it names for the tunnel commands. A file that does not parse is a
 * {@link UsageProblem} around its {@link ConfigException}, which the error handler prints one problem
 * per line with file, line and column; nothing is applied.
 */
final class RaitFiles {
    private RaitFiles() {
    }

    static RaitConfig config(String location) {
        try {
            return ConfigFiles.readRaitConfig(location);
        } catch (ConfigException e) {
            throw new UsageProblem(e.getMessage(), e);
        } catch (LocationException e) {
            throw new UsageProblem("cannot read rait.conf: " + e.getMessage(), e);
        }
    }

    /** A local peer list, for `rait status` before any agent ran (a remote one is only ever read by the pass). */
    static PeerList localPeers(RaitConfig config) {
        String location = config.peers();
        try {
            return ConfigFiles.readPeers(location);
        } catch (ConfigException e) {
            throw new UsageProblem(e.getMessage(), e);
        } catch (LocationException e) {
            throw new UsageProblem("cannot read the peer list: " + e.getMessage(), e);
        }
    }
}
