package org.rait.configfile;

import org.junit.jupiter.api.Test;
import org.rait.config.AddressFamily;
import org.rait.config.BabeldConfig;
import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The seed's two example files, copied byte for byte, are the reference for the block syntax. */
class SeedFilesTest {
    static byte[] seed(String name) throws IOException {
        try (InputStream in = SeedFilesTest.class.getResourceAsStream("/seed/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void seedRaitConfParsesToEveryKeyItShows() throws Exception {
        RaitConfig config = ConfigFiles.parseRaitConfig(seed("rait.conf"), "seed/rait.conf");

        assertEquals(WgKey.parseBase64("KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI="), config.privateKey());
        assertEquals("/etc/rait/peers.conf", config.peers());
        assertEquals(List.of(
                new Transport(AddressFamily.IP4, 50153, 1420, "rait4x", "", "1.1.1.1", 54, false, 0),
                new Transport(AddressFamily.IP6, 50154, 1420, "rait6x", "", "", 54, true, 0)),
                config.transports());
        assertEquals(new Isolation(IsolationType.NETNS, 54, "", "raitns", 0), config.isolation());
        assertEquals(new BabeldConfig("unix", "/run/babeld.ctl", "type tunnel link-quality true",
                "interface host type wireless"), config.babeld().orElseThrow());
    }

    @Test
    void seedPeersConfParsesToBothPeersWithTheirEndpoints() throws Exception {
        PeerList peers = ConfigFiles.parsePeers(seed("peers.conf"), "seed/peers.conf");

        assertEquals(new PeerList(List.of(
                new Peer(WgKey.parseBase64("rCOdBo/VRxc2ulTM3TzQ9UmHYRAGR4mkN15rs7rmMiY="), "", List.of(
                        new Endpoint(AddressFamily.IP4, 50180, "1.1.1.1"),
                        new Endpoint(AddressFamily.IP6, 50181, "example.com"))),
                new Peer(WgKey.parseBase64("GMi1N+cqxgplru+WvQgAYFmC1SdpFljptGbLS2gL80g="), "", List.of(
                        new Endpoint(AddressFamily.IP6, 50342, "example.net"))))), peers);
    }

    @Test
    void tomlRenderingOfTheSeedFilesParsesBackEqual() throws Exception {
        RaitConfig config = ConfigFiles.parseRaitConfig(seed("rait.conf"), "seed/rait.conf");
        PeerList peers = ConfigFiles.parsePeers(seed("peers.conf"), "seed/peers.conf");

        String configToml = ConfigFiles.render(config, Syntax.TOML);
        String peersToml = ConfigFiles.render(peers, Syntax.TOML);

        assertEquals(Syntax.TOML, Syntax.detect(configToml));
        assertEquals(config, ConfigFiles.parseRaitConfig(configToml, "rendered.toml"));
        assertEquals(peers, ConfigFiles.parsePeers(peersToml, "rendered.toml"));
    }

    @Test
    void blockRenderingOfTheSeedLooksLikeTheSeed() throws Exception {
        RaitConfig config = ConfigFiles.parseRaitConfig(seed("rait.conf"), "seed/rait.conf");

        assertEquals("""
                private_key = "KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI="
                peers = "/etc/rait/peers.conf"
                transport {
                  address_family = "ip4"
                  send_port = 50153
                  mtu = 1420
                  ifprefix = "rait4x"
                  bind_addr = "1.1.1.1"
                  fwmark = 54
                }
                transport {
                  address_family = "ip6"
                  send_port = 50154
                  mtu = 1420
                  ifprefix = "rait6x"
                  fwmark = 54
                  random_port = true
                }
                isolation {
                  ifgroup = 54
                  transit = ""
                  target = "raitns"
                }
                babeld {
                  socket_type = "unix"
                  socket_addr = "/run/babeld.ctl"
                  param = "type tunnel link-quality true"
                  extra_cmd = "interface host type wireless"
                }
                """, ConfigFiles.render(config, Syntax.BLOCK));
    }

    @Test
    void tomlRenderingOfTheSeedPeersUsesArraysOfTables() throws Exception {
        PeerList peers = ConfigFiles.parsePeers(seed("peers.conf"), "seed/peers.conf");

        assertEquals("""
                [[peers]]
                public_key = "rCOdBo/VRxc2ulTM3TzQ9UmHYRAGR4mkN15rs7rmMiY="

                [[peers.endpoint]]
                address_family = "ip4"
                send_port = 50180
                address = "1.1.1.1"

                [[peers.endpoint]]
                address_family = "ip6"
                send_port = 50181
                address = "example.com"

                [[peers]]
                public_key = "GMi1N+cqxgplru+WvQgAYFmC1SdpFljptGbLS2gL80g="

                [[peers.endpoint]]
                address_family = "ip6"
                send_port = 50342
                address = "example.net"
                """, ConfigFiles.render(peers, Syntax.TOML));
    }

    @Test
    void handWrittenTomlGivesTheSameModelAsTheSeedBlocks() throws Exception {
        String toml = """
                # /etc/rait/rait.conf in TOML
                private_key = "KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI="
                peers = "/etc/rait/peers.conf"

                [[transport]]
                address_family = "ip4"
                send_port = 50153
                mtu = 1420
                ifprefix = "rait4x"
                bind_addr = "1.1.1.1"
                fwmark = 54

                [[transport]]
                address_family = 'ip6'
                send_port = 50154
                fwmark = 54
                random_port = true

                [isolation]
                ifgroup = 54
                transit = ""
                target = "raitns"

                [babeld]
                socket_type = "unix"
                socket_addr = "/run/babeld.ctl"
                param = "type tunnel link-quality true"
                extra_cmd = "interface host type wireless"
                """;
        assertEquals(ConfigFiles.parseRaitConfig(seed("rait.conf"), "seed"), ConfigFiles.parseRaitConfig(toml, "toml"));
    }
}
