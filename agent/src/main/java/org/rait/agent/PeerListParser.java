package org.rait.agent;

import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigFiles;
import org.rait.peers.PeerList;

/** Turns an accepted snapshot body into a peer list; any syntax or validation problem is an exception. */
@FunctionalInterface
public interface PeerListParser {
    /**
     * The whole list at once, as a single run reads it (the running agent reads a changed list by its changed
     * pieces, PeerListReuse). A class rather than ConfigFiles::parsePeers: linking a method reference costs a
     * short command's start-up ~0.3-1.5 ms (docs/benchmarks.md, "Start-up").
     */
    PeerListParser WHOLE = new PeerListParser() {
        @Override
        public PeerList parse(byte[] body, String source) throws ConfigException {
            return ConfigFiles.parsePeers(body, source);
        }
    };

    PeerList parse(byte[] body, String source) throws Exception;
}
