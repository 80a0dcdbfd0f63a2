package org.rait.peers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointAddressTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "192.0.2.1", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::", "::1", "1::", "fe80::1:2:3:4",
            "2001:db8:0:0:0:0:0:1", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "example.com", "example.com.", "node-1.example.net",
            "a", "xn--bcher-kva.example", "1.example", "3com.net"})
    void ipLiteralsAndRfc1123NamesAreAddresses(String address) {
        assertEquals(address, EndpointAddress.parse(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"host:1234", "_", "-", ":::::", "...", "a..b", ".a", "-a.example", "a-.example", "under_score.example",
            "1.2.3", "256.1.1.1", "01.2.3.4", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", "1::2::3", "::g", "[::1]", "fe80::1%eth0",
            "192.0.2.1:51820", "exa mple.com", "x\" }", "peers {", "a\nb", "ex\u00e4mple.com", "::ffff:192.0.2", "1:2:3:4:5:6:7::8:9"})
    void anythingElseIsRefused(String address) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> EndpointAddress.parse(address));
        assertTrue(refused.getMessage().startsWith("must be an IP address or DNS name"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "10.0.0.255", "0.0.0.0", "9.99.199.249"})
    void anIpv4LiteralIsFourDecimalOctetsOfAtMost255WithoutLeadingZeros(String text) {
        assertTrue(EndpointAddress.isIpv4(text));
        assertTrue(EndpointAddress.isIpv6("::ffff:" + text), "as the tail of an IPv6 literal too");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4.", ".1.2.3.4", "1.2.3.", ".1.2.3", "1..2.3", "1.2.3.04", "1.2.3.256", "1.2.3.1000", "1.2.3.-1",
            "1.2.3.+1", "1.2.3.4a", "1.2.3.\u0664", "....", "", "1.2", "1.2.3.4.5"})
    void anythingElseIsNoIpv4Literal(String text) {
        assertTrue(!EndpointAddress.isIpv4(text), text);
        assertTrue(!EndpointAddress.isIpv6("::ffff:" + text), "nor the tail of an IPv6 literal: " + text);
    }

    @Test
    void aNameIsAtMost253BytesAndALabelAtMost63() {
        String label = "a".repeat(63);
        String longest = String.join(".", label, label, label, "a".repeat(61));
        assertEquals(253, longest.length());
        assertEquals(longest, EndpointAddress.parse(longest));
        assertEquals(longest + ".", EndpointAddress.parse(longest + "."));
        assertThrows(IllegalArgumentException.class, () -> EndpointAddress.parse(longest + "a"));
        assertThrows(IllegalArgumentException.class, () -> EndpointAddress.parse("a".repeat(64) + ".example"));
        assertEquals("must be an IP address or DNS name of at most 253 bytes, got 4000 characters",
                EndpointAddress.problem("a".repeat(4000)).orElseThrow());
    }
}
