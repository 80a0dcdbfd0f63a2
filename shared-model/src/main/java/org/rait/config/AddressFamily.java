package org.rait.config;

/** The underlay address family of a transport or endpoint, spelled as RAIT spells it: ip4 or ip6. */
public enum AddressFamily {
    IP4("ip4"),
    IP6("ip6");

    private final String spelling;

    AddressFamily(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public static AddressFamily parse(String text) {
        for (AddressFamily f : values()) {
            if (f.spelling.equals(text)) return f;
        }
        throw new IllegalArgumentException("address_family must be \"ip4\" or \"ip6\", got \"" + text + "\"");
    }

    @Override
    public String toString() {
        return spelling;
    }
}
