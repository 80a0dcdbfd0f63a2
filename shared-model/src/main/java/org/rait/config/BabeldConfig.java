package org.rait.config;

import java.util.Objects;

/** How to reach babeld's control socket and what to tell it about each managed interface. */
public record BabeldConfig(String socketType, String socketAddr, String param, String extraCmd) {
    /** What the original tool sent when the block is present but `param` is not. */
    public static final String DEFAULT_PARAM =
            "type tunnel link-quality true split-horizon false rxcost 32 hello-interval 20 max-rtt-penalty 1024 rtt-max 1024";
    public static final String DEFAULT_SOCKET_TYPE = "unix";
    public static final String DEFAULT_SOCKET_ADDR = "/run/babeld.ctl";

    public BabeldConfig {
        Objects.requireNonNull(socketType, "socketType");
        Objects.requireNonNull(socketAddr, "socketAddr");
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(extraCmd, "extraCmd");
    }
}
