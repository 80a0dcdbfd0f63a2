package org.rait.isolation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.netlink.Link;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;
import org.rait.testbed.KernelFeatures;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** VRF isolation against the kernel (VM only): the VRF is made on demand and takes the interfaces. */
@Tag("vm")
class VrfIsolationVmTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private static final Isolation VRF_RAIT = new Isolation(IsolationType.VRF, 54, "", "rait", 4254);

    @BeforeAll
    static void needsKernelVrf() {
        KernelFeatures.requireLinkKinds("wireguard", "vrf");
    }

    @Test
    void firstAttachCreatesTheVrfWithItsTableUpAndEnslavesTheInterface() {
        Netns ns = bed.namespace("vrf-new");
        ns.sh("ip link add wgv type wireguard");
        try (VrfIsolation scope = VrfIsolation.in(NetworkNamespace.open(ns.name()), VRF_RAIT);
             RouteNetlink links = RouteNetlink.open(scope.target())) {
            assertTrue(links.link("rait").isEmpty(), "opening the scope creates nothing");

            scope.attach(links, links.link("wgv").orElseThrow());

            Link vrf = links.link("rait").orElseThrow();
            assertEquals("vrf", vrf.kind());
            assertTrue(vrf.up(), "the VRF is up");
            assertTrue(ns.sh("ip -d link show rait").contains("vrf table 4254"), "bound to vrf_table");
            assertEquals(vrf.index(), links.link("wgv").orElseThrow().masterIndex());
            assertTrue(ns.sh("ip -o link show wgv").contains(" master rait "), "ip agrees: " + ns.sh("ip -o link show wgv"));
        }
    }

    @Test
    void attachingAnInterfaceThatIsAlreadyEnslavedWritesNothing() {
        Netns ns = bed.namespace("vrf-again");
        ns.sh("ip link add wgv type wireguard");
        try (VrfIsolation scope = VrfIsolation.in(NetworkNamespace.open(ns.name()), VRF_RAIT);
             RouteNetlink links = RouteNetlink.open(scope.target())) {
            scope.attach(links, links.link("wgv").orElseThrow());
            long writes = links.writeRequests();

            scope.attach(links, links.link("wgv").orElseThrow());

            assertEquals(writes, links.writeRequests());
        }
    }

    @Test
    void anExistingVrfIsUsedAndSetUpWhenDown() {
        Netns ns = bed.namespace("vrf-old");
        ns.sh("ip link add rait type vrf table 77 && ip link add wgv type wireguard");
        try (VrfIsolation scope = VrfIsolation.in(NetworkNamespace.open(ns.name()), VRF_RAIT);
             RouteNetlink links = RouteNetlink.open(scope.target())) {
            scope.attach(links, links.link("wgv").orElseThrow());

            assertTrue(links.link("rait").orElseThrow().up());
            assertTrue(ns.sh("ip -d link show rait").contains("vrf table 77"), "the existing VRF is kept as it is");
            assertTrue(ns.sh("ip -o link show wgv").contains(" master rait "));
        }
    }

    @Test
    void aTargetThatIsNotAVrfIsRefusedAndLeftAlone() {
        Netns ns = bed.namespace("vrf-clash");
        ns.sh("ip link add rait type dummy && ip link add wgv type wireguard");
        try (VrfIsolation scope = VrfIsolation.in(NetworkNamespace.open(ns.name()), VRF_RAIT);
             RouteNetlink links = RouteNetlink.open(scope.target())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> scope.attach(links, links.link("wgv").orElseThrow()));

            assertEquals("isolation target \"rait\" is an interface of kind \"dummy\", not a VRF; rename it or choose"
                    + " another target", e.getMessage());
            assertEquals(0, links.link("wgv").orElseThrow().masterIndex());
        }
    }
}
