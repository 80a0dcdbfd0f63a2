package org.rait.configfile;

import java.nio.charset.StandardCharsets;

/**
 * The rule for {@code ifprefix}: interface names are prefix + send_port (up to 5 digits) and Linux
 * allows 15 bytes (IFNAMSIZ - 1), so the prefix has at most 10 bytes. Only characters that are
 * safe in interface names everywhere (ip, babeld, systemd) are accepted.
 */
final class InterfacePrefix {
    static final int MAX_BYTES = 15 - 5;

    private InterfacePrefix() {
    }

    /** Null when the prefix is fine, otherwise what is wrong. */
    static String problemWith(String prefix) {
        if (prefix.isEmpty()) return "must not be empty";
        if (!safe(prefix)) {
            return "may only hold letters, digits, '_', '.' and '-' (it becomes part of interface names)";
        }
        int bytes = prefix.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return "is " + bytes + " bytes; with up to 5 port digits an interface name must fit in 15 bytes, so at most "
                    + MAX_BYTES;
        }
        return null;
    }

    /** Letters, digits, '_', '.' and '-' only; checked by hand, not by a pattern compiled at every command's start. */
    private static boolean safe(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
            if (!ok) return false;
        }
        return true;
    }
}
