package org.rait.netlink;

import java.util.concurrent.atomic.LongAdder;

/**
 * Requests sent to the kernel (each rtnetlink or generic netlink message, a dump counts one) and to wireguard-go's
 * UAPI (which stands in for the kernel's WireGuard), reads and writes alike, by this process since it started: the
 * agent logs how many a pass made, so that "a pass with nothing new reads nothing" can be checked from outside.
 */
public final class KernelRequests {
    private static final LongAdder SENT = new LongAdder();

    private KernelRequests() {
    }

    /** Called by the sockets for every request they send. */
    public static void sent(int requests) {
        SENT.add(requests);
    }

    /** Requests sent so far; the difference over a pass is what it asked. */
    public static long total() {
        return SENT.sum();
    }
}
