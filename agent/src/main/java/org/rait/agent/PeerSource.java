package org.rait.agent;

import java.util.Optional;
import java.util.OptionalLong;

/** Where the peer list comes from: the registry over HTTP(S), or a local file. */
public interface PeerSource {
    /**
     * @param etag  the ETag of the snapshot the agent holds, for a conditional request
     * @param floor the rollback floor (highest serial accepted before)
     */
    SourceOutcome obtain(Optional<String> etag, OptionalLong floor);

    /** For logs: the URL or path. */
    String location();

    /** True for a remote URL whose snapshots are applied without a signature check (the agent warns each pass). */
    boolean unverifiedRemote();
}
