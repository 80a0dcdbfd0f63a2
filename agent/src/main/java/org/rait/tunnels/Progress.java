package org.rait.tunnels;

/** Told after each interface of an apply, so that a long apply can show how far it is. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total, ifname) -> {
    };

    static Progress none() {
        return NONE;
    }

    void step(int done, int total, String ifname);
}
