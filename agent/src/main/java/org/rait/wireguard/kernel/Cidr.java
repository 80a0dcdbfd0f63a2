package org.rait.wireguard.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An allowed IP range. Text is "address/prefix" with IPv6 in its RFC 5952 short form ("::/0"), the way
 * `wg` and wireguard-go print it, so that what is read compares equal to what is configured.
 */
record Cidr(byte[] address, int prefixLength) {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    Cidr {
        address = address.clone();
        int bits = address.length * 8;
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, got " + address.length);
        }
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix /" + prefixLength + " is out of range for a " + bits + "-bit address");
        }
    }

    int family() {
        return address.length == 4 ? AF_INET : AF_INET6;
    }

    /** Parses "10.0.0.0/8", "::/0"; only literals, never a DNS lookup. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("allowed IP \"" + text + "\" has no /prefix");
        String host = text.substring(0, slash);
        if (!isAddressLiteral(host)) {
            throw new IllegalArgumentException("allowed IP \"" + text + "\" is not an address literal");
        }
        try {
            byte[] address = InetAddress.getByName(host).getAddress();
            return new Cidr(address, Integer.parseInt(text.substring(slash + 1)));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("allowed IP \"" + text + "\" is not address/prefix");
        }
    }

    /** Only hex digits, colons and dots: what getByName reads as a literal, never a name to look up. */
    private static boolean isAddressLiteral(String host) {
        if (host.isEmpty()) return false;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != ':' && c != '.') return false;
        }
        return true;
    }

    String text() {
        return format(address) + "/" + prefixLength;
    }

    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') out.append(':');
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
