package org.rait.demo;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools the demo needs on the host and the Debian packages that bring them. As root with apt-get
 * present, missing ones are installed; otherwise the one command to run is printed.
 */
public final class Prerequisites {
    /** tool -> Debian package */
    private static final Map<String, String> TOOLS = new LinkedHashMap<>();

    static {
        TOOLS.put("ip", "iproute2");
        TOOLS.put("ping", "iputils-ping");
        TOOLS.put("wireguard-go", "wireguard-go");
        TOOLS.put("wg", "wireguard-tools");
        TOOLS.put("babeld", "babeld");
    }

    /** Thrown when the demo cannot run on this host; the message says what to do. */
    public static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message);
        }
    }

    private Prerequisites() {
    }

    public static List<String> missingPackages() {
        return TOOLS.entrySet().stream().filter(e -> !Host.onPath(e.getKey())).map(Map.Entry::getValue).distinct().toList();
    }

    public static String installCommand(List<String> packages) {
        return "apt-get update && apt-get install -y --no-install-recommends " + String.join(" ", packages);
    }

    /** Makes sure we are root and every tool is there, installing packages when we can. */
    public static void ensure(PrintStream out) {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new Missing("the demo creates network namespaces and needs root: sudo bin/rait demo");
        }
        List<String> missing = missingPackages();
        if (missing.isEmpty()) return;
        if (!Host.onPath("apt-get")) {
            throw new Missing("missing tools; install the Debian/Ubuntu packages " + String.join(" ", missing) + " (or your distribution's equivalent)");
        }
        out.println("installing " + String.join(" ", missing) + " (" + installCommand(missing) + ")");
        Host.Result update = Host.exec("apt-get", "update", "-qq");
        Host.Result install = update.ok()
                ? Host.exec(List.of("sh", "-c", "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends " + String.join(" ", missing)), Map.of())
                : update;
        List<String> still = missingPackages();
        if (!install.ok() || !still.isEmpty()) {
            throw new Missing("could not install " + String.join(" ", missing) + "; run: " + installCommand(still.isEmpty() ? missing : still)
                    + "\n" + install.output().strip());
        }
    }
}
