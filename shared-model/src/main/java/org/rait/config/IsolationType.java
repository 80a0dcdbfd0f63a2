package org.rait.config;

/** How tunnels are kept apart from the underlay: network namespaces (default) or a VRF device. */
public enum IsolationType {
    NETNS("netns"),
    VRF("vrf");

    private final String spelling;

    IsolationType(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public static IsolationType parse(String text) {
        for (IsolationType t : values()) {
            if (t.spelling.equals(text)) return t;
        }
        throw new IllegalArgumentException("type must be \"netns\" or \"vrf\", got \"" + text + "\"");
    }
}
