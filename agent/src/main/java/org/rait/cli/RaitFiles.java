package org.rait.cli;

import org.rait.agent.Agent;
import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigFiles;
import org.rait.location.LocationException;
import org.rait.peers.PeerList;
import org.rait.state.CachedSnapshot;
import org.rait.state.StateDirectory;

import java.nio.file.Path;
import java.util.Optional;

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

    /**
     * The peer list the tunnels follow, for names: the cached snapshot when it came from one of this
     * configuration's sources (verified when it was accepted; another configuration sharing the state directory
     * may have left one from elsewhere), else a local peers file; EMPTY when neither is there.
     */
    static PeerList appliedPeers(RaitConfig config) {
        Optional<CachedSnapshot> cached = new StateDirectory(Path.of(config.agent().stateDir())).snapshot();
        if (cached.isPresent() && config.peerUrls().contains(cached.get().url())) {
            try {
                return ConfigFiles.parsePeers(cached.get().body(), cached.get().url());
            } catch (ConfigException e) {
                return PeerList.EMPTY;
            }
        }
        return Agent.isRemote(config.peers()) ? PeerList.EMPTY : peers(config);
    }

    /** A local peer list (a remote one is only ever read by the pass). */
    static PeerList peers(RaitConfig config) {
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
