package org.rait.config;

/** Which WireGuard implementation makes the tunnels. */
public enum Backend {
    AUTO("auto"),
    KERNEL("kernel"),
    USERSPACE("userspace");

    private final String spelling;

    Backend(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public static Backend parse(String text) {
        for (Backend b : values()) {
            if (b.spelling.equals(text)) return b;
        }
        throw new IllegalArgumentException("backend must be \"auto\", \"kernel\" or \"userspace\", got \"" + text + "\"");
    }
}
