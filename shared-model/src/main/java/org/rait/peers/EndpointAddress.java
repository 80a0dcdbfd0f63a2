package org.rait.peers;

import java.util.Optional;

/**
 * What an endpoint's {@code address} may be: an IPv4 literal (dotted quad), an IPv6 literal (RFC 4291
 * text form, without brackets or zone), or a DNS name of RFC 1123 labels, at most 253 bytes; "" means
 * the node has no reachable address. Nothing else, so that a published entry never turns into a tunnel
 * without endpoint on every agent. The registry and both config parsers use this one rule.
 */
public final class EndpointAddress {
    public static final int MAX_NAME_BYTES = 253;
    private static final int MAX_LABEL_BYTES = 63;

    private EndpointAddress() {
    }

    /** The address as given when it is valid. @throws IllegalArgumentException saying what is wrong */
    public static String parse(String address) {
        Optional<String> problem = problem(address);
        if (problem.isPresent()) throw new IllegalArgumentException(problem.get());
        return address;
    }

    /** Why the address is not acceptable, or empty when it is. */
    public static Optional<String> problem(String address) {
        if (address.isEmpty() || isIpv4(address) || isIpv6(address) || isDnsName(address)) return Optional.empty();
        if (address.length() > MAX_NAME_BYTES + 1) {
            return Optional.of("must be an IP address or DNS name of at most " + MAX_NAME_BYTES + " bytes, got "
                    + address.length() + " characters");
        }
        return Optional.of("must be an IP address or DNS name, got '" + address.replace("\n", "\\n").replace("\r", "\\r") + "'");
    }

    /**
     * Four dot-separated decimal octets (0-255, no leading zero), in one scan reading each character once: every
     * endpoint of a peer list is checked, interpreted in a short command.
     */
    static boolean isIpv4(String text) {
        int length = text.length();
        int octets = 0;
        int digits = 0;
        int value = 0;
        boolean leadingZero = false;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? text.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || (leadingZero && digits > 1) || value > 255 || ++octets > 4) return false;
                digits = 0;
                value = 0;
            } else if (c >= '0' && c <= '9') {
                if (++digits > 3) return false;
                if (digits == 1) leadingZero = c == '0';
                value = value * 10 + (c - '0');
            } else {
                return false;
            }
        }
        return octets == 4;
    }

    static boolean isIpv6(String text) {
        if (text.length() < 2 || text.length() > 45 || !text.contains(":")) return false;
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) return false;
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int headGroups = groups(head, doubleColon < 0);
        int tailGroups = groups(tail, true);
        if (headGroups < 0 || tailGroups < 0) return false;
        return doubleColon >= 0 ? headGroups + tailGroups <= 7 : headGroups == 8;
    }

    /** 16-bit groups in a colon-separated run, -1 when malformed; an IPv4 tail counts two and may end the address only. */
    private static int groups(String run, boolean endsAddress) {
        if (run.isEmpty()) return 0;
        String[] parts = run.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            if (endsAddress && i == parts.length - 1 && parts[i].contains(".")) {
                if (!isIpv4(parts[i])) return -1;
                groups += 2;
            } else if (isHexGroup(parts[i])) {
                groups += 1;
            } else {
                return -1;
            }
        }
        return groups;
    }

    private static boolean isHexGroup(String part) {
        if (part.isEmpty() || part.length() > 4) return false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) return false;
        }
        return true;
    }

    /** RFC 1123 host name; a trailing dot (fully qualified) is allowed, and the last label is not all digits. */
    static boolean isDnsName(String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.isEmpty() || name.length() > MAX_NAME_BYTES) return false;
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!isLabel(label)) return false;
        }
        // "1.2.3" or "300.1.1.1" is a mistyped address, not a name (RFC 1123 section 2.1).
        return !labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isLabel(String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL_BYTES) return false;
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') return false;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) return false;
        }
        return true;
    }
}
