package org.rait.plan;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AddressTextTest {
    private static String text(String literal) throws Exception {
        return AddressText.of(InetAddress.getByName(literal));
    }

    @Test
    void ipv6IsWrittenInTheShortFormWithTheLongestZeroRunAsDoubleColon() throws Exception {
        assertEquals("fe80::11b1:288f:4c6a:bcee", text("fe80:0:0:0:11b1:288f:4c6a:bcee"));
        assertEquals("fd54::2", text("fd54:0:0:0:0:0:0:2"));
        assertEquals("::", text("::"));
        assertEquals("::1", text("::1"));
        assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1"));
        assertEquals("2001:0:0:1::1", text("2001:0:0:1:0:0:0:1"));
    }

    @Test
    void ipv4IsUnchanged() throws Exception {
        assertEquals("192.0.2.1", text("192.0.2.1"));
    }
}
