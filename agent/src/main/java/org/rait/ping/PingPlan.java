package org.rait.ping;

import org.rait.babeld.Dump;
import org.rait.babeld.Route;
import org.rait.keys.WgKey;
import org.rait.plan.AddressText;
import org.rait.plan.LinkLocalAddress;
import org.rait.status.TunnelStatus;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Which addresses `rait ping PEER` tries, in order. Pure. */
public final class PingPlan {
    private PingPlan() {
    }

    /**
     * First the peer's link-local address over each of our tunnels to it, then every address babeld installed a
     * route to that the peer itself announces (a host route learned from the peer with reference metric 0: its
     * loopback or overlay address).
     *
     * @param tunnels our tunnels to this peer
     */
    public static List<Probe> probes(WgKey own, WgKey peer, List<TunnelStatus> tunnels, Optional<Dump> babeld) {
        List<Probe> probes = new ArrayList<>();
        String linkLocal = AddressText.of(LinkLocalAddress.of(peer, own));
        Set<String> peerAddressOn = new TreeSet<>();
        for (TunnelStatus t : tunnels) {
            probes.add(new Probe("link-local", t.ifname(), linkLocal + "%" + t.ifname()));
            peerAddressOn.add(t.ifname());
        }
        if (babeld.isPresent()) {
            for (Route r : babeld.get().routes()) {
                if (!r.installed() || r.refmetric() != 0 || !peerAddressOn.contains(r.interfaceName())) continue;
                if (!sameAddress(r.via(), linkLocal)) continue;
                hostAddress(r.prefix()).ifPresent(a -> probes.add(new Probe("babeld", r.interfaceName(), a)));
            }
        }
        return probes;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The address of a /32 or /128 prefix; wider prefixes name networks, not the peer. */
    static Optional<String> hostAddress(String prefix) {
        int slash = prefix.indexOf('/');
        if (slash < 0) return Optional.of(prefix);
        String length = prefix.substring(slash + 1);
        String address = prefix.substring(0, slash);
        boolean host = address.contains(":") ? length.equals("128") : length.equals("32");
        return host ? Optional.of(address) : Optional.empty();
    }
}
