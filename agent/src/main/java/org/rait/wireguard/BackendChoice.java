package org.rait.wireguard;

import org.rait.config.Backend;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which WireGuard implementation to use for `backend = auto|kernel|userspace`. auto prefers the kernel
 * when it knows WireGuard (module loaded: /sys/module/wireguard; or built in or loadable on demand, as
 * listed in /lib/modules/RELEASE/modules.builtin or modules.dep), else wireguard-go when it is on PATH,
 * else fails with what to install.
 */
public record BackendChoice(boolean kernelHasWireGuard, boolean wireguardGoOnPath) {

    /**
     * The backend for {@code configured}, looking only at what that choice needs: every pass of the agent opens its
     * session through here, and the PATH search is a stat per directory (tens of ms in the VM, where / is 9p).
     */
    public static Backend chosen(Backend configured) {
        boolean kernel = configured != Backend.USERSPACE && kernelKnowsWireGuard();
        boolean wireguardGo = (configured == Backend.USERSPACE || configured == Backend.AUTO && !kernel) && onPath("wireguard-go");
        return new BackendChoice(kernel, wireguardGo).choose(configured);
    }

    private static boolean kernelKnowsWireGuard() {
        if (Files.isDirectory(Path.of("/sys/module/wireguard"))) return true;
        Path modules = Path.of("/lib/modules", System.getProperty("os.version"));
        return lists(modules.resolve("modules.builtin")) || lists(modules.resolve("modules.dep"));
    }

    private static boolean lists(Path moduleIndex) {
        try (BufferedReader lines = Files.newBufferedReader(moduleIndex)) {
            for (String l = lines.readLine(); l != null; l = lines.readLine()) if (l.contains("/wireguard.ko")) return true;
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The backend to use: {@link Backend#KERNEL} or {@link Backend#USERSPACE}. */
    public Backend choose(Backend configured) {
        return switch (configured) {
            case KERNEL -> {
                if (!kernelHasWireGuard) {
                    throw new WireGuardException("backend = \"kernel\" but this kernel has no WireGuard "
                            + "(/sys/module/wireguard is absent; try `modprobe wireguard` or backend = \"userspace\")");
                }
                yield Backend.KERNEL;
            }
            case USERSPACE -> {
                if (!wireguardGoOnPath) {
                    throw new WireGuardException("backend = \"userspace\" but wireguard-go is not on PATH "
                            + "(install the wireguard-go package)");
                }
                yield Backend.USERSPACE;
            }
            case AUTO -> {
                if (kernelHasWireGuard) yield Backend.KERNEL;
                if (wireguardGoOnPath) yield Backend.USERSPACE;
                throw new WireGuardException("no WireGuard available: the kernel has no wireguard module "
                        + "and wireguard-go is not on PATH (install wireguard-go or load the wireguard module)");
            }
        };
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, tool).canExecute()) return true;
        }
        return false;
    }
}
