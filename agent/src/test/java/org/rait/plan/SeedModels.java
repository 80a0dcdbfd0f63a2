package org.rait.plan;

import org.rait.config.AddressFamily;
import org.rait.config.AgentSettings;
import org.rait.config.Backend;
import org.rait.config.BabeldConfig;
import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The seed README's rait.conf and peers.conf (copied verbatim in test resources seed/), as models. */
final class SeedModels {
    static final WgKey PRIVATE_KEY = WgKey.parseBase64("KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=");
    static final WgKey FIRST_PEER = WgKey.parseBase64("rCOdBo/VRxc2ulTM3TzQ9UmHYRAGR4mkN15rs7rmMiY=");
    static final WgKey SECOND_PEER = WgKey.parseBase64("GMi1N+cqxgplru+WvQgAYFmC1SdpFljptGbLS2gL80g=");

    static final Transport IP4 = new Transport(AddressFamily.IP4, 50153, 1420, "rait4x", "", "1.1.1.1", 54, false, 0);
    static final Transport IP6 = new Transport(AddressFamily.IP6, 50154, 1420, "rait6x", "", "", 54, true, 0);

    static final RaitConfig CONFIG = new RaitConfig("", PRIVATE_KEY, "/etc/rait/peers.conf", List.of(IP4, IP6),
            new Isolation(IsolationType.NETNS, 54, "", "raitns", 0),
            Optional.of(new BabeldConfig("unix", "/run/babeld.ctl", "type tunnel link-quality true", "interface host type wireless")),
            Backend.AUTO, RaitConfig.DEFAULT_RUNTIME_DIR, AgentSettings.DEFAULT);

    static final PeerList PEERS = new PeerList(List.of(
            new Peer(FIRST_PEER, "", List.of(
                    new Endpoint(AddressFamily.IP4, 50180, "1.1.1.1"),
                    new Endpoint(AddressFamily.IP6, 50181, "example.com"))),
            new Peer(SECOND_PEER, "", List.of(
                    new Endpoint(AddressFamily.IP6, 50342, "example.net")))));

    static final InetAddress EXAMPLE_COM_6 = address("2001:db8::c0");
    static final InetAddress EXAMPLE_NET_6 = address("2001:db8::2e");

    /** What a resolver would answer for the seed's names (documentation addresses, no real DNS in unit tests). */
    static final ResolvedAddresses RESOLVED = new ResolvedAddresses(Map.of(
            new ResolvedAddresses.Query("1.1.1.1", AddressFamily.IP4), address("1.1.1.1"),
            new ResolvedAddresses.Query("example.com", AddressFamily.IP6), EXAMPLE_COM_6,
            new ResolvedAddresses.Query("example.net", AddressFamily.IP6), EXAMPLE_NET_6), List.of());

    static final Identity IDENTITY = Identity.of(PRIVATE_KEY);

    private SeedModels() {
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
