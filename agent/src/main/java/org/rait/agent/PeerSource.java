package org.rait.agent;

import java.util.Optional;
import java.util.OptionalLong;

/** Where the peer list comes from: the registry over HTTP(S), a local file, or stdin. */
public interface PeerSource {
    /** No source: `rait down` wants no peers and asks no one. */
    PeerSource NONE = new PeerSource() {
        @Override
        public SourceOutcome obtain(Optional<String> etag, OptionalLong floor) {
            return new SourceOutcome.Unreachable("none", "this pass asks no peer source", Optional.empty());
        }

        @Override
        public String location() {
            return "none";
        }

        @Override
        public boolean unverifiedRemote() {
            return false;
        }
    };

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
