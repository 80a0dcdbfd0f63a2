package org.rait.netlink;

/**
 * Requests sent to the kernel (each rtnetlink or generic netlink message, a dump counts one) and to wireguard-go's
 * UAPI (which stands in for the kernel's WireGuard), reads and writes alike: the agent logs how many a pass made, so
 * that "a pass with nothing new reads nothing" can be checked from outside.
 *
 * <p>Counted per thread: a pass sends all of its requests from the thread it runs on, while a metrics scrape, on
 * the HTTP server's thread, may read every tunnel at the same time (about 200 requests at 200 tunnels), and those
 * are not the pass's.
 */
public final class KernelRequests {
    /** A subclass rather than {@code ThreadLocal.withInitial}'s lambda, linked at run time (see NetlinkSockets.Real). */
    private static final ThreadLocal<long[]> SENT_BY_THIS_THREAD = new ThreadLocal<>() {
        @Override
        protected long[] initialValue() {
            return new long[1];
        }
    };

    private KernelRequests() {
    }

    /** Called by the sockets for every request they send. */
    public static void sent(int requests) {
        SENT_BY_THIS_THREAD.get()[0] += requests;
    }

    /** Requests sent so far by the calling thread; the difference over a pass is what the pass asked. */
    public static long byThisThread() {
        return SENT_BY_THIS_THREAD.get()[0];
    }
}
