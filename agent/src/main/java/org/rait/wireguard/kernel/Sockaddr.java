package org.rait.wireguard.kernel;

import org.rait.netlink.ByteWriter;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** struct sockaddr_in / sockaddr_in6 as WGPEER_A_ENDPOINT carries them (family in host order, port in network order). */
final class Sockaddr {
    private Sockaddr() {
    }

    static byte[] encode(InetSocketAddress endpoint) {
        InetAddress address = endpoint.getAddress();
        if (address == null) {
            throw new IllegalArgumentException("endpoint " + endpoint + " is not resolved");
        }
        ByteWriter out = new ByteWriter();
        if (address instanceof Inet4Address) {
            return out.u16(Cidr.AF_INET).u16BigEndian(endpoint.getPort()).bytes(address.getAddress()).zeros(8).toByteArray();
        }
        int scope = ((java.net.Inet6Address) address).getScopeId();
        return out.u16(Cidr.AF_INET6).u16BigEndian(endpoint.getPort()).u32(0).bytes(address.getAddress()).u32(scope)
                .toByteArray();
    }

    /** Empty for AF_UNSPEC (a peer that has no endpoint yet). */
    static Optional<InetSocketAddress> decode(byte[] raw) {
        // read by hand, not through a ByteBuffer: every device of a one-shot `rait up` has one, parsed interpreted
        int family = (raw[0] & 0xff) | (raw[1] & 0xff) << 8;
        int port = (raw[2] & 0xff) << 8 | (raw[3] & 0xff);
        byte[] address;
        if (family == Cidr.AF_INET && raw.length >= 8) {
            address = new byte[4];
            System.arraycopy(raw, 4, address, 0, 4);
        } else if (family == Cidr.AF_INET6 && raw.length >= 24) {
            address = new byte[16];
            System.arraycopy(raw, 8, address, 0, 16);
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(address), port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
