package org.rait.vm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.demo.Host;
import org.rait.testbed.KernelFeatures;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel behaviour rait's kernel backend and isolation rely on, checked with iproute2 and wg alone,
 * so that a failure here points at the kernel or the VM rather than at rait.
 */
@Tag("vm")
class KernelWireGuardFactsTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    @BeforeAll
    static void needsKernelWireGuardAndVrf() {
        KernelFeatures.requireLinkKinds("wireguard", "vrf");
        Testbed.requireRoot("wg", "ping");
    }

    @Test
    void kernelMakesWireGuardLinksAndVrfsBoundToATable() {
        Netns ns = bed.namespace("kinds");
        ns.sh("ip link add wgk type wireguard && ip link add vrfk type vrf table 4242");
        assertTrue(ns.sh("ip -d link show wgk").contains("wireguard"), "wgk is a wireguard link");
        assertTrue(ns.sh("ip -d link show vrfk").contains("vrf table 4242"), "vrfk is bound to table 4242");
    }

    @Test
    void tunnelBetweenTwoNamespacesCarriesPing6() {
        Netns a = bed.namespace("ta");
        Netns b = bed.namespace("tb");
        bed.veth(a, "ua", "192.0.2.1/24", b, "ub", "192.0.2.2/24");
        Pair keys = Pair.generate();
        wireGuard(a, "wga", keys.privateA(), 51820, keys.publicB(), "192.0.2.2:51820", "fd00:1::1/64");
        wireGuard(b, "wgb", keys.privateB(), 51820, keys.publicA(), "192.0.2.1:51820", "fd00:1::2/64");

        a.sh("ping -6 -c 2 -i 0.3 -W 3 fd00:1::2");
        assertTrue(a.sh("wg show wga latest-handshakes").matches("(?s)\\S+\\s+[1-9]\\d*\\s*"), "a handshake happened");
    }

    /** The transit/target split: the UDP socket stays where the device was created, the interface moves. */
    @Test
    void deviceMovedToAnotherNamespaceKeepsItsSocketInTheNamespaceItWasCreatedIn() {
        Netns transitA = bed.namespace("xa");
        Netns targetA = bed.namespace("ya");
        Netns b = bed.namespace("xb");
        bed.veth(transitA, "ua", "198.51.100.1/24", b, "ub", "198.51.100.2/24");
        Pair keys = Pair.generate();
        transitA.sh("ip link add wgm type wireguard && ip link set wgm netns " + targetA.name());
        wireGuard(targetA, "wgm", keys.privateA(), 51821, keys.publicB(), "198.51.100.2:51821", "fd00:2::1/64");
        wireGuard(b, "wgb", keys.privateB(), 51821, keys.publicA(), "198.51.100.1:51821", "fd00:2::2/64");

        targetA.sh("ping -6 -c 2 -i 0.3 -W 3 fd00:2::2");
        assertFalse(targetA.trySh("ip link show ua").ok(), "the underlay is not visible in the target namespace");
        assertTrue(transitA.sh("ss -uln").contains(":51821"), "the socket listens in the transit namespace");
    }

    /** VRF isolation: an interface enslaved to a VRF is routed by the VRF's table, not the main one. */
    @Test
    void interfaceEnslavedToVrfIsReachedOnlyThroughTheVrf() {
        Netns a = bed.namespace("va");
        Netns b = bed.namespace("vb");
        bed.veth(a, "ua", "203.0.113.1/24", b, "ub", "203.0.113.2/24");
        Pair keys = Pair.generate();
        wireGuard(a, "wga", keys.privateA(), 51822, keys.publicB(), "203.0.113.2:51822", "fd00:3::1/64");
        b.sh("ip link add wgb type wireguard && ip link add rait-vrf type vrf table 4243 && ip link set rait-vrf up"
                + " && ip link set wgb master rait-vrf");
        wireGuard(b, "wgb", keys.privateB(), 51822, keys.publicA(), "203.0.113.1:51822", "fd00:3::2/64");

        b.sh("ping -6 -c 2 -i 0.3 -W 3 -I rait-vrf fd00:3::1");
        assertFalse(b.trySh("ping -6 -c 1 -W 1 fd00:3::1").ok(), "the main table has no route into the VRF");
        assertTrue(b.sh("ip -6 route show table 4243").contains("fd00:3::/64"), "the tunnel's route is in the VRF table");
        assertEquals("rait-vrf", masterOf(b, "wgb"));
    }

    private static String masterOf(Netns ns, String ifname) {
        String line = ns.sh("ip -o link show " + ifname);
        int at = line.indexOf(" master ");
        return at < 0 ? "" : line.substring(at + 8).split(" ")[0];
    }

    /** Creates (when missing), configures and brings up a WireGuard link with an IPv6 address. */
    private static void wireGuard(Netns ns, String ifname, String privateKey, int port, String peer, String endpoint,
                                  String cidr) {
        ns.sh("ip link show " + ifname + " >/dev/null 2>&1 || ip link add " + ifname + " type wireguard");
        ns.sh("echo " + privateKey + " > /tmp/" + ns.name() + ".key && wg set " + ifname
                + " private-key /tmp/" + ns.name() + ".key listen-port " + port
                + " peer " + peer + " endpoint " + endpoint + " allowed-ips ::/0,0.0.0.0/0 && rm /tmp/" + ns.name() + ".key");
        ns.sh("ip addr add " + cidr + " dev " + ifname + " nodad && ip link set " + ifname + " up");
    }

    private record Pair(String privateA, String publicA, String privateB, String publicB) {
        static Pair generate() {
            String a = Host.run("wg", "genkey").trim();
            String b = Host.run("wg", "genkey").trim();
            return new Pair(a, publicOf(a), b, publicOf(b));
        }

        private static String publicOf(String privateKey) {
            return Host.run("sh", "-c", "echo " + privateKey + " | wg pubkey").trim();
        }
    }
}
