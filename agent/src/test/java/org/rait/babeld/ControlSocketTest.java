package org.rait.babeld;

import org.junit.jupiter.api.Test;
import org.rait.config.BabeldConfig;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ControlSocketTest {
    private static ControlSocket of(String type, String addr) {
        return ControlSocket.of(new BabeldConfig(type, addr, BabeldConfig.DEFAULT_PARAM, ""));
    }

    @Test
    void unixSocketIsThePathBabeldWasGivenWithG() {
        assertEquals(new ControlSocket.Unix(Path.of("/run/babeld.ctl")), of("unix", "/run/babeld.ctl"));
        assertEquals("unix:/run/babeld.ctl", of("unix", "/run/babeld.ctl").toString());
    }

    @Test
    void bareTcpPortMeansIpv6LoopbackLikeBabeldsMinusGPort() {
        assertEquals(new ControlSocket.Tcp("::1", 33123), of("tcp", "33123"));
        assertEquals("tcp:[::1]:33123", of("tcp", "33123").toString());
    }

    @Test
    void tcpAddressMayNameABracketedIpv6AnIpv4OrAHost() {
        assertEquals(new ControlSocket.Tcp("::1", 33123), of("tcp", "[::1]:33123"));
        assertEquals(new ControlSocket.Tcp("127.0.0.1", 999), of("tcp", "127.0.0.1:999"));
        assertEquals(new ControlSocket.Tcp("localhost", 33123), of("tcp", "localhost:33123"));
    }

    @Test
    void unreadableTcpAddressesNameTheKeyAndTheAcceptedForms() {
        for (String bad : new String[] {"::1:33123", "[::1]", "[::1]33123", "host:", ":80", "0", "65536", "port"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of("tcp", bad), bad);
            assertEquals("babeld.socket_addr \"" + bad + "\" is not a TCP address: use PORT (meaning [::1]:PORT),"
                    + " [IPv6]:PORT or HOST:PORT", e.getMessage());
        }
    }

    @Test
    void unknownSocketTypeIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of("udp", "1"));
        assertEquals("babeld.socket_type must be \"unix\" or \"tcp\", got \"udp\"", e.getMessage());
    }

    @Test
    void emptyUnixPathIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> of("unix", " "));
    }
}
