package org.rait.plan;

/** One setting of an interface that differs from what is wanted, in the operator's key names. */
public record FieldDifference(Field field, String was, String wanted) {
    /** What the planner compares; the spelling is what `--diff` prints. */
    public enum Field {
        PRIVATE_KEY("private_key", true),
        LISTEN_PORT("listen_port", true),
        FWMARK("fwmark", true),
        PEER_KEY("peer_key", true),
        ENDPOINT("endpoint", true),
        ALLOWED_IPS("allowed_ips", true),
        KEEPALIVE("keepalive", true),
        GROUP("group", false),
        ADDRGENMODE("addrgenmode", false),
        MTU("mtu", false),
        LINK_LOCAL("link_local", false),
        MASTER("master", false),
        UP("up", false);

        private final String spelling;
        private final boolean device;

        Field(String spelling, boolean device) {
            this.spelling = spelling;
            this.device = device;
        }

        public String spelling() {
            return spelling;
        }

        /** True for WireGuard settings (written through the backend), false for link settings (rtnetlink). */
        public boolean ofDevice() {
            return device;
        }
    }

    @Override
    public String toString() {
        return field.spelling + ": " + was + " -> " + wanted;
    }
}
