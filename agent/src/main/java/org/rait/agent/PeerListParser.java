package org.rait.agent;

import org.rait.peers.PeerList;

/** Turns an accepted snapshot body into a peer list; any syntax or validation problem is an exception. */
@FunctionalInterface
public interface PeerListParser {
    PeerList parse(byte[] body, String source) throws Exception;
}
