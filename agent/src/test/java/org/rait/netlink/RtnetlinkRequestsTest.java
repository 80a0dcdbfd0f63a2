package org.rait.netlink;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request is compared byte for byte with what iproute2 6.1 sent for the same operation, captured
 * with `ip netns exec NS strace -e trace=sendmsg -e write=3 ip ...` in a throwaway namespace where br0
 * had index 2 (so ip used sequence number 1795697389 and, for netns, descriptor 4).
 */
class RtnetlinkRequestsTest {
    private static final int SEQ = 1795697389;
    private static final int BR0 = 2;

    private static void assertWire(String capturedHex, NetlinkRequest request) {
        assertEquals(capturedHex, HexFormat.of().formatHex(request.withSeq(SEQ).encode()));
    }

    @Test
    void setMtuMatchesIpLinkSetMtu() {
        // ip link set dev br0 mtu 1400
        assertWire("2800000010000500ed2a086b00000000000000000200000000000000000000000800040078050000",
                RtnetlinkRequests.setMtu(BR0, 1400, "index=2"));
    }

    @Test
    void setGroupMatchesIpLinkSetGroup() {
        // ip link set dev br0 group 54
        assertWire("2800000010000500ed2a086b000000000000000002000000000000000000000008001b0036000000",
                RtnetlinkRequests.setGroup(BR0, 54, "index=2"));
    }

    @Test
    void setUpMatchesIpLinkSetUp() {
        // ip link set dev br0 up
        assertWire("2000000010000500ed2a086b0000000000000000020000000100000001000000",
                RtnetlinkRequests.setUp(BR0, true, "index=2"));
    }

    @Test
    void addrGenModeNoneMatchesIpLinkSetAddrgenmodeNone() {
        // ip link set dev br0 addrgenmode none
        assertWire("3000000010000500ed2a086b000000000000000002000000000000000000000010001a000c000a000500080001000000",
                RtnetlinkRequests.setAddrGenModeNone(BR0, "index=2"));
    }

    @Test
    void linkLocalAddressIsAddedWithoutDuplicateDetectionLikeIpAddrAddNodad() throws Exception {
        // ip addr add fe80::1/64 dev br0 nodad
        assertWire("4000000014000506ed2a086b000000000a4002000200000014000200fe80000000000000000000000000000114000100fe800000000000000000000000000001",
                RtnetlinkRequests.addAddress(BR0, InetAddress.getByName("fe80::1"), 64, "index=2"));
    }

    @Test
    void ipv4AddressMatchesIpAddrAdd() throws Exception {
        // ip addr add 10.1.2.3/24 dev br0
        assertWire("2800000014000506ed2a086b000000000218000002000000080002000a010203080001000a010203",
                RtnetlinkRequests.addAddress(BR0, InetAddress.getByName("10.1.2.3"), 24, "index=2"));
    }

    @Test
    void deleteAddressMatchesIpAddrDel() throws Exception {
        // ip addr del 10.1.2.3/24 dev br0
        assertWire("2800000015000500ed2a086b000000000218000002000000080002000a010203080001000a010203",
                RtnetlinkRequests.deleteAddress(BR0, InetAddress.getByName("10.1.2.3"), 24, "index=2"));
    }

    @Test
    void createLinkOfAKindMatchesIpLinkAdd() {
        // ip link add br1 type bridge
        assertWire("3800000010000506ed2a086b00000000000000000000000000000000000000000800030062723100100012000a0001006272696467650000",
                RtnetlinkRequests.createLink("br1", "bridge"));
    }

    @Test
    void deleteLinkMatchesIpLinkDel() {
        // ip link del br1 (br1 had index 7)
        assertWire("2000000011000500ed2a086b0000000000000000070000000000000000000000",
                RtnetlinkRequests.deleteLink(7, "index=7"));
    }

    @Test
    void deleteLinkByNameCarriesTheNameAndNoIndex() {
        // RTM_DELLINK, index 0, IFLA_IFNAME "br1": the kernel's rtnl_dellink looks the name up (ENODEV when there is none)
        assertWire("2800000011000500ed2a086b000000000000000000000000000000000000000008000300" + "62723100",
                RtnetlinkRequests.deleteLink("br1"));
    }

    @Test
    void moveToNamespaceSendsTheDescriptorLikeIpLinkSetNetns() {
        // ip link set vx0 netns NAME (vx0 had index 6; ip had the namespace open as descriptor 4)
        assertWire("2800000010000500ed2a086b000000000000000006000000000000000000000008001c0004000000",
                RtnetlinkRequests.moveToNamespace(6, 4, "index=6", "NAME"));
    }

    @Test
    void vrfCarriesItsTableInsideInfoData() {
        NetlinkRequest request = RtnetlinkRequests.createVrf("vrf-rait", 54);
        Attributes linkInfo = new NetlinkMessage(request.type(), request.flags(), 0, 0, request.payload())
                .attributes(Nl.IFINFOMSG_LEN).get(Nl.IFLA_LINKINFO).orElseThrow().nested();
        assertEquals("vrf", linkInfo.get(Nl.IFLA_INFO_KIND).orElseThrow().string());
        assertEquals(54, linkInfo.get(Nl.IFLA_INFO_DATA).orElseThrow().nested().get(Nl.IFLA_VRF_TABLE).orElseThrow().u32());
    }

    @Test
    void changesAreMarkedAsWritesAndReadsAreNot() {
        assertTrue(RtnetlinkRequests.setMtu(1, 1420, "index=1").write());
        assertTrue(RtnetlinkRequests.createLink("x", "veth").write());
        assertFalse(RtnetlinkRequests.dumpLinks().write());
        assertFalse(RtnetlinkRequests.getLink("x").write());
        assertFalse(RtnetlinkRequests.dumpAddresses().write());
    }

    @Test
    void descriptionNamesTheMessageAndTheInterface() {
        assertEquals("RTM_NEWLINK name=rait4x50180 kind=wireguard",
                RtnetlinkRequests.createLink("rait4x50180", "wireguard").description());
        assertEquals("RTM_NEWLINK index=7 name=rait4x50180 mtu=1420",
                RtnetlinkRequests.setMtu(7, 1420, "index=7 name=rait4x50180").description());
    }
}
