package org.rait.wireguard.kernel;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.keys.WgKey;
import org.rait.netlink.GenericNetlink;
import org.rait.netlink.NetlinkException;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;
import org.rait.testbed.Testbed;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.WireGuardException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** On a kernel without WireGuard (the development machines), every operation says so plainly. */
@Tag("root")
class KernelWireGuardRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    @BeforeEach
    void needsRootAndAKernelWithoutWireGuard() {
        Testbed.requireRoot("ip");
        try (NetworkNamespace current = NetworkNamespace.current(); GenericNetlink genl = GenericNetlink.open(current)) {
            boolean absent = genl.familyId("wireguard").isEmpty();
            if (!absent) System.out.println("SKIPPED: this kernel has WireGuard; KernelWireGuardVmTest covers it");
            assumeTrue(absent, "this kernel has WireGuard");
        }
    }

    @Test
    void createSaysTheKernelHasNoWireGuardAndLeavesNothingBehind() {
        try (NetworkNamespace transit = NetworkNamespace.open(bed.namespace("wgt").name());
             KernelWireGuard wg = new KernelWireGuard();
             RouteNetlink rtnl = RouteNetlink.open(transit)) {
            WireGuardException e = assertThrows(WireGuardException.class, () -> wg.create("rait4x50180", transit, transit));
            assertTrue(e.getMessage().startsWith("kernel has no WireGuard module"), e.getMessage());
            assertTrue(e.getMessage().contains("rait4x50180"), e.getMessage());
            assertEquals("EOPNOTSUPP", ((NetlinkException) e.getCause()).errnoName());
            assertTrue(rtnl.link("rait4x50180").isEmpty());
        }
    }

    @Test
    void configureAndReadSayTheFamilyIsMissing() {
        DeviceConfig config = new DeviceConfig(WgKey.parseBase64("KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI="), 0, 54, List.of());
        try (NetworkNamespace target = NetworkNamespace.open(bed.namespace("wgc").name());
             KernelWireGuard wg = new KernelWireGuard()) {
            WireGuardException configure = assertThrows(WireGuardException.class, () -> wg.configure("rait4x50180", target, config));
            assertTrue(configure.getMessage().contains("generic netlink family \"wireguard\" does not exist"), configure.getMessage());
            WireGuardException read = assertThrows(WireGuardException.class, () -> wg.read("rait4x50180", target));
            assertTrue(read.getMessage().startsWith("kernel has no WireGuard module"), read.getMessage());
            assertEquals(0, wg.writeRequests(), "nothing reached the kernel");
        }
    }
}
