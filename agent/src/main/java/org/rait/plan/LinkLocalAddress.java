package org.rait.plan;

import org.rait.keys.Sha256;
import org.rait.keys.WgKey;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The stable IPv6 link-local address of our end of a tunnel: fe80::/64 with an interface id taken from
 * SHA-256(own public key || peer public key). Own key first, so the two ends get different addresses;
 * derived from keys only, so a restart or a re-created interface keeps the routing daemon's neighbour.
 */
public final class LinkLocalAddress {
    public static final int PREFIX_LENGTH = 64;

    private LinkLocalAddress() {
    }

    public static Inet6Address of(WgKey own, WgKey peer) {
        byte[] digest = Sha256.of(own.bytes(), peer.bytes());
        byte[] address = new byte[16];
        address[0] = (byte) 0xfe;
        address[1] = (byte) 0x80;
        System.arraycopy(digest, 0, address, 8, 8);
        try {
            return (Inet6Address) InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }
}
