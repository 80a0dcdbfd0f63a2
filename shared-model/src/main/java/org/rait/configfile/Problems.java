package org.rait.configfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one file so that all of them are reported, not just the first. */
final class Problems {
    /** Past this, the input is garbage (a binary file, say) and more lines help nobody. */
    static final int MAX = 50;

    private final String source;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    void add(Position position, String key, String message) {
        if (found.size() < MAX) {
            found.add(ConfigProblem.at(source, position, key, message));
        } else if (found.size() == MAX) {
            found.add(ConfigProblem.at(source, position, "", "too many problems; stopped here"));
        }
    }

    boolean full() {
        return found.size() > MAX;
    }

    /** Throws when anything was found: nothing is ever built from a file with a problem. */
    void throwIfAny() throws ConfigException {
        if (found.isEmpty()) return;
        List<ConfigProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
        throw new ConfigException(sorted);
    }
}
