package org.rait.registry.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The mesh matrix as `rait-registry admin health` prints it: one row per reporting node, one column per peer,
 * the handshake age in each cell; "!" marks a stale cell, "~" an asymmetric one; then why each stale pair is stale. Works on the API's body, so the
 * command prints the same from a remote registry and from a local data directory.
 */
public final class MatrixText {
    private MatrixText() {
    }

    public static List<String> lines(HealthBodies.MatrixBody matrix) {
        List<String> names = matrix.nodes();
        int width = Math.max(10, names.stream().mapToInt(String::length).max().orElse(4) + 2);
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(pad("from \\ to", width));
        names.forEach(n -> header.append(pad(n, width)));
        lines.add(header.toString().stripTrailing());
        for (String from : names) {
            StringBuilder row = new StringBuilder(pad(from, width));
            for (String to : names) {
                row.append(pad(from.equals(to) ? "-" : matrix.pairs().stream()
                        .filter(p -> p.from().equals(from) && p.to().equals(to)).findFirst().map(MatrixText::cell).orElse("?"), width));
            }
            lines.add(row.toString().stripTrailing());
        }
        long fresh = matrix.pairs().stream().filter(p -> p.state().equals(MeshMatrix.State.FRESH.word())).count();
        long marked = matrix.pairs().stream().filter(p -> !p.state().equals(MeshMatrix.State.FRESH.word()) || p.asymmetric()).count();
        lines.add(fresh + " of " + matrix.pairs().size() + " directed pairs fresh, " + marked + " marked");
        lines.add("cell = age of the latest handshake the row's node reports with the column's; ! stale (no handshake for "
                + matrix.staleAfterSeconds() + " s, babeld hears no neighbour on it, or nothing arrives though the peer keeps it alive),"
                + " ~ asymmetric (fresh one way only), never = no handshake yet, no-tunnel, silent = the row's node does not report");
        matrix.pairs().stream().filter(p -> !p.reason().isEmpty())
                .forEach(p -> lines.add("! " + p.from() + " -> " + p.to() + ": " + p.reason()));
        return lines;
    }

    /** 42s, 3m12s, 5h3m, 2d4h. */
    public static String age(long seconds) {
        if (seconds < 60) return seconds + "s";
        if (seconds < 3600) return seconds / 60 + "m" + seconds % 60 + "s";
        if (seconds < 86400) return seconds / 3600 + "h" + seconds % 3600 / 60 + "m";
        return seconds / 86400 + "d" + seconds % 86400 / 3600 + "h";
    }

    private static String cell(HealthBodies.PairBody p) {
        String text;
        if (p.state().equals(MeshMatrix.State.FRESH.word())) text = age(Objects.requireNonNull(p.handshakeAgeSeconds()));
        else if (p.state().equals(MeshMatrix.State.STALE.word())) text = age(Objects.requireNonNull(p.handshakeAgeSeconds())) + "!";
        else text = p.state();
        return p.asymmetric() ? text + "~" : text;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
