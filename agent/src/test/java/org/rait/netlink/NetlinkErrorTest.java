package org.rait.netlink;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetlinkErrorTest {
    /**
     * The kernel's answer to `ip link add wg0 type wireguard` on a kernel without WireGuard, captured with
     * `strace -e trace=recvmsg -e read=3`: NLMSG_ERROR, EOPNOTSUPP, the whole request echoed (not capped),
     * then NLMSGERR_ATTR_MSG "Unknown device type".
     */
    private static final String UNKNOWN_KIND = ""
            + "6800000002000002732b086b6b250000"
            + "a1ffffff3c00000010000506732b086b"
            + "00000000000000000000000000000000"
            + "00000000080003007767300014001200"
            + "0d000100776972656775617264000000"
            + "18000100556e6b6e6f776e2064657669"
            + "6365207479706500";

    /** The acknowledgement of `ip link set dev lo mtu 10`: errno 0, capped echo. */
    private static final String ACK = "2400000002000001732b086b70250000000000002800000010000500732b086b00000000";

    private static NetlinkMessage single(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        List<NetlinkMessage> messages = NetlinkMessage.parseAll(bytes, bytes.length);
        assertEquals(1, messages.size());
        return messages.get(0);
    }

    @Test
    void kernelErrorCarriesErrnoItsNameTheRequestAndTheKernelsMessage() {
        NetlinkException e = NetlinkSocket.error(single(UNKNOWN_KIND), "RTM_NEWLINK name=wg0 kind=wireguard");
        assertEquals(Errno.EOPNOTSUPP, e.errno());
        assertEquals("EOPNOTSUPP", e.errnoName());
        assertEquals("RTM_NEWLINK name=wg0 kind=wireguard", e.request());
        assertTrue(e.getMessage().startsWith("RTM_NEWLINK name=wg0 kind=wireguard failed: EOPNOTSUPP (errno 95)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("kernel says: Unknown device type"), e.getMessage());
    }

    @Test
    void acknowledgementIsNotAnError() {
        assertNull(NetlinkSocket.error(single(ACK), "RTM_NEWLINK index=1 mtu=10"));
    }

    @Test
    void errnoNamesCoverTheErrorsRaitMeets() {
        assertEquals("EEXIST", Errno.name(17));
        assertEquals("ENODEV", Errno.name(19));
        assertEquals("EOPNOTSUPP", Errno.name(95));
        assertEquals("EPERM", Errno.name(1));
        assertEquals("EBUSY", Errno.name(16));
        assertEquals("EINVAL", Errno.name(22));
        assertEquals("ENOENT", Errno.name(2));
        assertEquals("errno 4242", Errno.name(4242));
    }
}
