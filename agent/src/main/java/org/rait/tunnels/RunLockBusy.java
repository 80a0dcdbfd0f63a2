package org.rait.tunnels;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/** Another rait run held the node's run lock for longer than this one was willing to wait. */
public final class RunLockBusy extends RuntimeException {
    private final Path file;
    private final OptionalLong holderPid;

    RunLockBusy(Path file, OptionalLong holderPid, Duration waited) {
        super("another rait run" + (holderPid.isPresent() ? " (pid " + holderPid.getAsLong() + ")" : "") + " holds " + file
                + "; gave up after waiting " + seconds(waited) + " s");
        this.file = file;
        this.holderPid = holderPid;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
    }

    public Path file() {
        return file;
    }

    public OptionalLong holderPid() {
        return holderPid;
    }
}
