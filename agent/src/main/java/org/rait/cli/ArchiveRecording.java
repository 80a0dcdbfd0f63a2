package org.rait.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM run bin/rait-cds-archive records the AppCDS archive from: several `rait` commands, one after
 * the other in one JVM, so that the archive (JDK 17 records one run) holds what each of them loads, e.g.
 * a cold `up`, a no-op `up`, `list` and `down` on a throwaway node. Every command runs even when one
 * before it failed (a `down` still cleans up after a failed `up`).
 * <pre>  ArchiveRecording up -c FILE --then list -c FILE --then down -c FILE</pre>
 */
public final class ArchiveRecording {
    /** The argument that ends one command and starts the next. */
    static final String THEN = "--then";

    private ArchiveRecording() {
    }

    public static void main(String[] args) {
        System.exit(firstFailure(run(commands(args))));
    }

    /** The commands in these arguments, split at {@value #THEN}; an empty one is left out. */
    static List<String[]> commands(String... args) {
        List<String[]> commands = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || args[i].equals(THEN)) {
                if (i > start) commands.add(Arrays.copyOfRange(args, start, i));
                start = i + 1;
            }
        }
        return commands;
    }

    /** Runs each command through {@link Main#run}, in order; their exit statuses, in the same order. */
    static int[] run(List<String[]> commands) {
        int[] statuses = new int[commands.size()];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = Main.run(commands.get(i));
        }
        return statuses;
    }

    /** The first status that is not 0, or 0. */
    static int firstFailure(int... statuses) {
        for (int status : statuses) {
            if (status != 0) return status;
        }
        return 0;
    }
}
