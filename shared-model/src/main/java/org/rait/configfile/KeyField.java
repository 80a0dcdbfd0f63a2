package org.rait.configfile;

import org.rait.keys.WgKey;

/** A WireGuard key value: 32 bytes of base64. The message never echoes the (maybe secret) value. */
final class KeyField {
    private KeyField() {
    }

    static WgKey required(TableBinding table, String key) {
        String text = table.requiredString(key);
        if (text == null) return null;
        try {
            return WgKey.parseBase64(text);
        } catch (IllegalArgumentException e) {
            table.problem(key, "not a WireGuard key (32 bytes of base64): " + e.getMessage());
            return null;
        }
    }
}
