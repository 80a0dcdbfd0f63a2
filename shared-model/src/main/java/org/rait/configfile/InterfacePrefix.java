package org.rait.configfile;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The rule for {@code ifprefix}: interface names are prefix + send_port (up to 5 digits) and Linux
 * allows 15 bytes (IFNAMSIZ - 1), so the prefix has at most 10 bytes. Only characters that are
 * safe in interface names everywhere (ip, babeld, systemd) are accepted.
 */
final class InterfacePrefix {
    static final int MAX_BYTES = 15 - 5;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");

    private InterfacePrefix() {
    }

    /** Null when the prefix is fine, otherwise what is wrong. */
    static String problemWith(String prefix) {
        if (prefix.isEmpty()) return "must not be empty";
        if (!SAFE.matcher(prefix).matches()) {
            return "may only hold letters, digits, '_', '.' and '-' (it becomes part of interface names)";
        }
        int bytes = prefix.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return "is " + bytes + " bytes; with up to 5 port digits an interface name must fit in 15 bytes, so at most "
                    + MAX_BYTES;
        }
        return null;
    }
}
