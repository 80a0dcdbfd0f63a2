package org.rait.testbed;

import org.junit.jupiter.api.Assumptions;
import org.rait.demo.Host;

import java.util.List;

/**
 * Which link kinds this kernel can make. Kernel WireGuard and VRF exist only in the test VM
 * (testing/vm/run-kernel-tests.sh); elsewhere the tests that need them skip with the reason printed.
 */
public final class KernelFeatures {
    private KernelFeatures() {
    }

    /**
     * Skips the calling test unless running as root on a kernel that can create every given link kind.
     * The probe creates each kind once in a throwaway namespace, never in the namespace rait runs in.
     */
    public static void requireLinkKinds(String... kinds) {
        Testbed.requireRoot("ip");
        for (String kind : kinds) {
            boolean supported = canCreate(kind);
            if (!supported) {
                System.out.println("SKIPPED: this kernel cannot create " + kind
                        + " links (kernel tests run in the VM: testing/vm/run-kernel-tests.sh)");
            }
            Assumptions.assumeTrue(supported, "kernel has no " + kind + " link kind");
        }
    }

    static boolean canCreate(String kind) {
        String ns = Testbed.PREFIX + ProcessHandle.current().pid() + "-probe-" + kind;
        Host.exec("ip", "netns", "del", ns);
        if (!Host.exec(List.of("ip", "netns", "add", ns)).ok()) return false;
        try {
            List<String> add = switch (kind) {
                case "vrf" -> List.of("ip", "-n", ns, "link", "add", "probe0", "type", "vrf", "table", "10");
                default -> List.of("ip", "-n", ns, "link", "add", "probe0", "type", kind);
            };
            return Host.exec(add).ok();
        } finally {
            Host.exec("ip", "netns", "del", ns);
        }
    }
}
