package org.rait.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code rait} and {@code rait-registry} launchers of the tree this code runs from: a source checkout
 * (classes in {@code agent/target/classes}, launchers in {@code bin/}) or an installed tree
 * ({@code /usr/share/rait/lib/rait/*.jar}, launchers in {@code /usr/share/rait/bin}).
 */
public record Launchers(Path rait, Path registry) {
    public static Launchers ofThisTree() {
        Path start;
        try {
            start = Path.of(Launchers.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot tell where rait is installed: " + e.getMessage(), e);
        }
        return find(start).orElseThrow(() -> new IllegalStateException(
                "no bin/rait and bin/rait-registry above " + start + ": run the demo from a source checkout or an installed tree"));
    }

    /** The nearest directory above {@code start} that has both launchers in its bin/. */
    public static Optional<Launchers> find(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path rait = dir.resolve("bin/rait");
            Path registry = dir.resolve("bin/rait-registry");
            if (Files.isExecutable(rait) && Files.isExecutable(registry)) return Optional.of(new Launchers(rait, registry));
        }
        return Optional.empty();
    }
}
