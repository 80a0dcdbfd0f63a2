package org.rait.configfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one file so that all of them are reported, not just the first. */
final class Problems {
    private final String source;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    void add(Position position, String key, String message) {
        found.add(ConfigProblem.at(source, position, key, message));
    }

    /** Throws when anything was found: nothing is ever built from a file with a problem. */
    void throwIfAny() throws ConfigException {
        if (found.isEmpty()) return;
        List<ConfigProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
        throw new ConfigException(sorted);
    }
}
