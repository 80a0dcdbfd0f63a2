package org.rait.netlink;

import java.util.ArrayList;
import java.util.List;

/**
 * Deletes links from several rtnetlink sockets at once, each socket's share sent from its own thread.
 * The kernel frees a deleted link in the thread that asked, once RTNL is released, one link after the
 * other; for a WireGuard device that is mostly waiting (its socket released after an RCU grace period,
 * its workqueues drained, an rcu_barrier). Requests from several threads wait side by side and share the
 * grace periods, where one group delete waits for each of its links in turn. Each acknowledgement comes
 * after the kernel has freed that link, so when this returns every link asked for is gone and its UDP
 * port free. Each request keeps its own outcome.
 */
public final class ParallelLinkDeletes {
    /**
     * Sockets (and threads) for a mass removal. In the project's VM (one vCPU), 200 WireGuard devices with a peer
     * each went in 7.3 s from 8 deleters at once (medians of 3; 4: 7.5, 16: 8.1, 2: 11.1), against 15.0 s as one group
     * delete (docs/benchmarks.md, "`rait down`: deletes from several sockets at once"); from 4 on the CPU is busy.
     * Not fewer for a few deletes: at 10 devices 2, 4 and 8 sockets deleted in the same time (0.87-0.88 s, one
     * socket 1.10; "`rait down` at N = 10 and the kernel's serial part at N = 200"), the threads' start lost in the kernel's waits.
     */
    public static final int SOCKETS = 8;

    private ParallelLinkDeletes() {
    }

    /**
     * Sends {@code deletes} (RTM_DELLINK requests built by {@link RtnetlinkRequests#deleteLink(String)}) over up to
     * {@code sockets} sockets in {@code namespace}, consecutive shares of the list: the first share over
     * {@code own} (the caller's socket, already open there) from the caller's thread, each other one from a
     * thread and socket of its own. Returns each request's outcome in the order given. A share whose socket
     * cannot be opened or fails as a whole fails each of its requests with why.
     */
    public static List<Outcome> delete(RouteNetlink own, NetworkNamespace namespace, List<NetlinkRequest> deletes, int sockets) {
        // threads and loops, not an executor and lambdas: `rait down` runs this once, interpreted
        int k = Math.max(1, Math.min(sockets, deletes.size()));
        List<Share> shares = new ArrayList<>(k - 1);
        for (int i = 1; i < k; i++) {
            Share share = new Share(namespace, deletes.subList(deletes.size() * i / k, deletes.size() * (i + 1) / k));
            shares.add(share);
            share.start();
        }
        List<Outcome> outcomes = new ArrayList<>(deletes.size());
        List<NetlinkRequest> first = deletes.subList(0, deletes.size() / k);
        try {
            outcomes.addAll(own.batch(first));
        } catch (RuntimeException e) {
            outcomes.addAll(unanswered(first, "rtnetlink in " + namespace + " failed: " + e.getMessage()));
        }
        boolean interrupted = false;
        for (Share share : shares) {
            if (!interrupted) {
                try {
                    share.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            // the workers' requests count as the caller's: the pass that asked logs them (KernelRequests is per thread)
            if (!interrupted) KernelRequests.sent(share.sent);
            if (interrupted) outcomes.addAll(unanswered(share.requests, "interrupted while waiting for the kernel in " + namespace));
            else if (share.failure != null) outcomes.addAll(unanswered(share.requests, "rtnetlink in " + namespace + " failed: " + share.failure.getMessage()));
            else outcomes.addAll(share.outcomes);
        }
        if (interrupted) Thread.currentThread().interrupt();
        return outcomes;
    }

    /** A share that has no answer: each of its requests fails with why, so that no link is counted as gone. */
    private static List<Outcome> unanswered(List<NetlinkRequest> share, String why) {
        List<Outcome> outcomes = new ArrayList<>(share.size());
        for (NetlinkRequest request : share) {
            outcomes.add(new Outcome(request, List.of(), new NetlinkException(request.description(), 0, "not answered", why)));
        }
        return outcomes;
    }

    /** One socket's share, sent from its own thread; the socket is closed when the kernel has answered. */
    private static final class Share extends Thread {
        private final NetworkNamespace namespace;
        private final List<NetlinkRequest> requests;
        private List<Outcome> outcomes;
        private RuntimeException failure;
        private int sent;

        Share(NetworkNamespace namespace, List<NetlinkRequest> requests) {
            super("link-deletes");
            setDaemon(true);
            this.namespace = namespace;
            this.requests = requests;
        }

        @Override
        public void run() {
            try (RouteNetlink rtnl = RouteNetlink.open(namespace)) {
                outcomes = rtnl.batch(requests);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                sent = (int) KernelRequests.byThisThread();
            }
        }
    }
}
