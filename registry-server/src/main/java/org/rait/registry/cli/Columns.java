package org.rait.registry.cli;

import java.io.PrintStream;
import java.util.List;

/** Rows printed as left-aligned columns, two spaces apart; the last column is not padded. */
final class Columns {
    private Columns() {
    }

    static void print(List<String[]> rows, PrintStream out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], row[c].length());
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) line.append(" ".repeat(width[c] - row[c].length() + 2));
            }
            out.println(line);
        }
    }
}
