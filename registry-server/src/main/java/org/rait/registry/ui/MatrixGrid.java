package org.rait.registry.ui;

import org.rait.registry.health.HealthBodies;
import org.rait.registry.health.MatrixText;
import org.rait.registry.health.MeshMatrix;

/**
 * The mesh matrix as an HTML grid coloured by handshake age: green under a minute, pale green when older but fresh,
 * red when stale (by any of {@link MeshMatrix}'s rules; the cell's title says why), grey where nothing is known. The page fetches it again every few seconds.
 */
final class MatrixGrid {
    private MatrixGrid() {
    }

    static String html(HealthBodies.MatrixBody matrix) {
        if (matrix.nodes().isEmpty()) return "<p class=\"muted\">No approved nodes yet.</p>";
        StringBuilder out = new StringBuilder("<table class=\"matrix\"><thead><tr><th>from \\ to</th>");
        matrix.nodes().forEach(n -> out.append("<th>").append(Html.escape(n)).append("</th>"));
        out.append("</tr></thead><tbody>");
        for (String from : matrix.nodes()) {
            out.append("<tr><th>").append(Html.escape(from)).append("</th>");
            for (String to : matrix.nodes()) {
                if (from.equals(to)) {
                    out.append("<td class=\"self\">&ndash;</td>");
                    continue;
                }
                HealthBodies.PairBody pair = matrix.pairs().stream().filter(p -> p.from().equals(from) && p.to().equals(to)).findFirst()
                        .orElse(null);
                out.append(cell(from, to, pair));
            }
            out.append("</tr>");
        }
        long fresh = matrix.pairs().stream().filter(p -> p.state().equals(MeshMatrix.State.FRESH.word())).count();
        out.append("</tbody></table><p class=\"muted\">").append(fresh).append(" of ").append(matrix.pairs().size())
                .append(" directed pairs fresh; a cell is the age of the latest handshake the row's node reports with the column's"
                        + " (red = stale: no handshake for ").append(matrix.staleAfterSeconds()).append(" s, babeld hears no neighbour on it,"
                        + " or nothing arrives though the peer keeps it alive; hover for why; &#8646; = asymmetric).</p>");
        return out.toString();
    }

    private static String cell(String from, String to, HealthBodies.PairBody pair) {
        String state = pair == null ? "unknown" : pair.state();
        String text = pair == null || pair.handshakeAgeSeconds() == null ? state : MatrixText.age(pair.handshakeAgeSeconds());
        String css = switch (state) {
            case "fresh" -> pair.handshakeAgeSeconds() < 60 ? "hs-fresh" : "hs-ok";
            case "stale" -> "hs-stale";
            default -> "hs-none";
        };
        boolean asymmetric = pair != null && pair.asymmetric();
        return "<td class=\"" + css + (asymmetric ? " asym" : "") + "\" data-from=\"" + Html.escape(from) + "\" data-to=\""
                + Html.escape(to) + "\" data-state=\"" + Html.escape(state) + "\" title=\"" + Html.escape(from + " -> " + to + ": " + state
                + (pair == null || pair.reason().isEmpty() ? "" : " (" + pair.reason() + ")"))
                + "\">" + Html.escape(text) + (asymmetric ? " &#8646;" : "") + "</td>";
    }
}
