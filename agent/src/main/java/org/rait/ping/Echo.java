package org.rait.ping;

import java.util.OptionalDouble;

/** Sends echo requests to one probe's address from inside a network namespace. */
public interface Echo {
    /** How one probe went: echoes sent and answered, and the average round trip when any came back. */
    record Reply(Probe probe, int sent, int received, OptionalDouble averageMillis, String detail) {
        public boolean reached() {
            return received > 0;
        }
    }

    /** @param namespace the target namespace ("" = the one rait runs in) */
    Reply ping(String namespace, Probe probe);
}
