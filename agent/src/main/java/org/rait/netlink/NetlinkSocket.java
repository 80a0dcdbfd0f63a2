package org.rait.netlink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * An AF_NETLINK socket. It belongs to the network namespace of the thread that opened it, for its whole
 * life, whichever thread uses it later. Requests are numbered; replies are matched by sequence number,
 * multipart dumps are read to NLMSG_DONE, and NLMSG_ERROR becomes a {@link NetlinkException}.
 * Not thread-safe: one pass uses it at a time.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** Large enough for any message the kernel sends in one datagram (it caps dump chunks at 32 KiB). */
    private static final int RECEIVE_BUFFER = 64 * 1024;
    /**
     * Unanswered requests of a batch at most. Each acknowledgement takes about 1 KiB of the receive
     * buffer's accounting (the kernel's default is 208 KiB), replies to gets more.
     */
    static final int IN_FLIGHT = 64;
    /**
     * Bytes of requests in one datagram at most: the kernel refuses a datagram larger than the socket's
     * send buffer (208 KiB by default) with EMSGSIZE, and WireGuard configurations run up to 4 KiB each.
     */
    static final int DATAGRAM_LIMIT = 64 * 1024;
    /**
     * Dumps sent in one datagram at most. Each finished dump waits in the receive queue as one buffer
     * of up to 32 KiB (the kernel sizes dump buffers by the largest read so far), and the kernel refuses
     * to start a dump, and drops acknowledgements, once the queue is over the socket's receive
     * buffer: the default 208 KiB holds 4 with room to spare, the enlarged one ({@link #DUMP_RECEIVE_BUFFER}) 24.
     */
    static final int DUMPS_IN_FLIGHT_DEFAULT = 4;
    static final int DUMPS_IN_FLIGHT_ENLARGED = 24;
    /** Asked for with SO_RCVBUFFORCE (needs CAP_NET_ADMIN, which every reader of WireGuard has); the kernel doubles it. */
    private static final int DUMP_RECEIVE_BUFFER = 1024 * 1024;

    private final int fd;
    /** Where the kernel writes a datagram; only what it wrote is copied out, into {@link #receiveBuffer}. */
    private final ByteBuffer landing = ByteBuffer.allocateDirect(RECEIVE_BUFFER);
    private final byte[] receiveBuffer = new byte[RECEIVE_BUFFER];
    /** Starts from the clock like iproute2, so that replies to an earlier process's requests never match. */
    private int seq = (int) (System.currentTimeMillis() / 1000);
    private boolean closed;
    private int dumpsInFlight;
    private long datagramsSent;

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    /**
     * {@link #open} as a task for a namespace's thread ({@link NetworkNamespace#call}): a class rather than a
     * lambda, which every one-shot would link at run time (docs/benchmarks.md, "Sixth round").
     */
    record Opening(int protocol, int groups) implements Callable<NetlinkSocket> {
        @Override
        public NetlinkSocket call() {
            return open(protocol, groups);
        }
    }

    /** Opens a socket of the protocol in the calling thread's namespace, joined to the multicast groups given. */
    public static NetlinkSocket open(int protocol, int groups) {
        LibC c = LibC.INSTANCE;
        int fd = (int) SystemCallException.check(c.socket(Nl.AF_NETLINK, Nl.SOCK_RAW | Nl.SOCK_CLOEXEC, protocol),
                "socket(AF_NETLINK, " + protocol + ")");
        try {
            byte[] address = new ByteWriter().u16(Nl.AF_NETLINK).u16(0).u32(0).u32(groups).toByteArray();
            SystemCallException.check(c.bind(fd, address, address.length), "bind(AF_NETLINK)");
            NetlinkSocket socket = new NetlinkSocket(fd);
            // Best effort: older kernels lack them, and errors still arrive, only without the kernel's text.
            socket.setIntOption(Nl.SOL_NETLINK, Nl.NETLINK_EXT_ACK, 1);
            socket.setIntOption(Nl.SOL_NETLINK, Nl.NETLINK_CAP_ACK, 1);
            return socket;
        } catch (RuntimeException e) {
            c.close(fd);
            throw e;
        }
    }

    private boolean setIntOption(int level, int option, int value) {
        byte[] bytes = new ByteWriter().u32(value).toByteArray();
        return LibC.INSTANCE.setsockopt(fd, level, option, bytes, bytes.length) == 0;
    }

    /** A receive buffer of {@code bytes} (SO_RCVBUFFORCE, so beyond rmem_max); false when the kernel refuses. */
    boolean forceReceiveBuffer(int bytes) {
        return setIntOption(Nl.SOL_SOCKET, Nl.SO_RCVBUFFORCE, bytes);
    }

    /** Makes {@link #receive()} return an empty list after this long without data, so a reader can stop. */
    void setReceiveTimeoutMillis(int millis) {
        byte[] timeval = new ByteWriter().u64(millis / 1000).u64((millis % 1000) * 1000L).toByteArray();
        SystemCallException.check(LibC.INSTANCE.setsockopt(fd, Nl.SOL_SOCKET, Nl.SO_RCVTIMEO, timeval, timeval.length),
                "setsockopt(SO_RCVTIMEO)");
    }

    /**
     * Sends the request and returns the replies (none for a plain acknowledged change). Requests that are
     * not dumps must carry NLM_F_ACK, so that the acknowledgement ends the wait.
     */
    public List<NetlinkMessage> request(NetlinkRequest request) {
        if (!request.isDump()) return batch(List.of(request)).get(0).repliesOrThrow();
        int mySeq = ++seq;
        byte[] wire = request.withSeq(mySeq).encode();
        send(wire, request.description());
        KernelRequests.sent(1);
        List<NetlinkMessage> replies = new ArrayList<>();
        while (true) {
            for (NetlinkMessage message : receiveFor(request)) {
                if (message.seq() != mySeq) continue; // a late answer to an earlier request
                switch (message.type()) {
                    case Nl.NLMSG_ERROR, Nl.NLMSG_DONE -> {
                        NetlinkException error = error(message, request.description());
                        if (error != null) throw error;
                        return replies;
                    }
                    case Nl.NLMSG_NOOP -> { }
                    case Nl.NLMSG_OVERRUN -> throw overrun(request);
                    default -> replies.add(message);
                }
            }
        }
    }

    /**
     * Sends acknowledged requests back to back, several to a datagram, and matches the answers by
     * sequence number: one round trip for a whole batch instead of one per request. The kernel goes on
     * after a request it refuses, so each request gets its own outcome, in the order given. At most
     * {@link #IN_FLIGHT} requests are unanswered at a time, so that the acknowledgements never overflow
     * the socket's receive buffer (the kernel would drop them). Dumps go through {@link #dumps}.
     */
    public List<Outcome> batch(List<NetlinkRequest> requests) {
        for (NetlinkRequest r : requests) {
            if (r.isDump() || (r.flags() & Nl.NLM_F_ACK) == 0) {
                throw new IllegalArgumentException("only acknowledged requests can be batched: " + r.description());
            }
        }
        int first = seq + 1;
        seq += requests.size();
        List<List<NetlinkMessage>> replies = new ArrayList<>();
        NetlinkException[] errors = new NetlinkException[requests.size()];
        boolean[] answered = new boolean[requests.size()];
        for (int i = 0; i < requests.size(); i++) replies.add(new ArrayList<>());
        int sent = 0;
        int done = 0;
        while (done < requests.size()) {
            if (sent < requests.size() && sent - done <= IN_FLIGHT / 2) {
                sent = sendAll(requests, first, sent, Math.min(requests.size(), done + IN_FLIGHT));
            }
            NetlinkRequest waitingFor = requests.get(firstUnanswered(answered));
            for (NetlinkMessage message : receiveFor(waitingFor)) {
                int i = message.seq() - first;
                if (i < 0 || i >= sent || answered[i]) continue; // a late answer to an earlier request
                switch (message.type()) {
                    case Nl.NLMSG_ERROR -> {
                        errors[i] = error(message, requests.get(i).description());
                        answered[i] = true;
                        done++;
                    }
                    case Nl.NLMSG_NOOP -> { }
                    case Nl.NLMSG_OVERRUN -> throw overrun(requests.get(i));
                    default -> replies.get(i).add(message);
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) outcomes.add(new Outcome(requests.get(i), replies.get(i), errors[i]));
        return outcomes;
    }

    /**
     * Runs dumps back to back, several to a datagram, and matches the answers by sequence number; each
     * request gets its own outcome, in the order given. A socket runs one dump at a time: a dump that
     * arrives while another is still running is refused with EBUSY, and is sent again in the next
     * round. A dump whose answer fits in one buffer (a WireGuard device with a few peers) is finished
     * before the kernel reads the next request of the datagram, so such dumps take one round trip per
     * {@link #DUMPS_IN_FLIGHT_ENLARGED} instead of one each.
     */
    public List<Outcome> dumps(List<NetlinkRequest> requests) {
        for (NetlinkRequest r : requests) {
            if (!r.isDump()) throw new IllegalArgumentException("not a dump: " + r.description());
        }
        int window = dumpsInFlight();
        List<List<NetlinkMessage>> replies = new ArrayList<>();
        NetlinkException[] errors = new NetlinkException[requests.size()];
        for (int i = 0; i < requests.size(); i++) replies.add(new ArrayList<>());
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) pending.add(i);
        while (!pending.isEmpty()) {
            List<Integer> round = List.copyOf(pending.subList(0, Math.min(window, pending.size())));
            pending.subList(0, round.size()).clear();
            pending.addAll(0, dumpRound(requests, round, replies, errors));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) outcomes.add(new Outcome(requests.get(i), replies.get(i), errors[i]));
        return outcomes;
    }

    /**
     * Sends the dumps of {@code round} in one datagram and reads until each is done or refused; returns
     * those refused as busy, to be sent again. The first of a round always runs (no dump of this socket
     * is running when a round starts), so every round makes progress.
     */
    private List<Integer> dumpRound(List<NetlinkRequest> requests, List<Integer> round,
                                    List<List<NetlinkMessage>> replies, NetlinkException[] errors) {
        int first = seq + 1;
        seq += round.size();
        ByteWriter wire = new ByteWriter();
        for (int k = 0; k < round.size(); k++) wire.bytes(requests.get(round.get(k)).withSeq(first + k).encode());
        NetlinkRequest head = requests.get(round.get(0));
        KernelRequests.sent(round.size());
        send(wire.toByteArray(), round.size() == 1 ? head.description() : round.size() + " dumps from " + head.description());
        boolean[] answered = new boolean[round.size()];
        List<Integer> busy = new ArrayList<>();
        int done = 0;
        while (done < round.size()) {
            for (NetlinkMessage message : receiveFor(requests.get(round.get(firstUnanswered(answered))))) {
                int k = message.seq() - first;
                if (k < 0 || k >= round.size() || answered[k]) continue; // a late answer to an earlier request
                int i = round.get(k);
                switch (message.type()) {
                    case Nl.NLMSG_ERROR, Nl.NLMSG_DONE -> {
                        NetlinkException error = error(message, requests.get(i).description());
                        if (error != null && error.errno() == Errno.EBUSY && k > 0) busy.add(i);
                        else errors[i] = error;
                        answered[k] = true;
                        done++;
                    }
                    case Nl.NLMSG_NOOP -> { }
                    case Nl.NLMSG_OVERRUN -> throw overrun(requests.get(i));
                    default -> replies.get(i).add(message);
                }
            }
        }
        return busy;
    }

    private int dumpsInFlight() {
        if (dumpsInFlight == 0) {
            dumpsInFlight = setIntOption(Nl.SOL_SOCKET, Nl.SO_RCVBUFFORCE, DUMP_RECEIVE_BUFFER)
                    ? DUMPS_IN_FLIGHT_ENLARGED : DUMPS_IN_FLIGHT_DEFAULT;
        }
        return dumpsInFlight;
    }

    /** Datagrams sent so far: the round trips this socket made, for benchmarks and request-count checks. */
    public long datagramsSent() {
        return datagramsSent;
    }

    /**
     * One datagram with requests [from, to) numbered from {@code first}, or fewer when they would exceed
     * {@link #DATAGRAM_LIMIT} (always at least one); returns the index after the last one sent.
     */
    private int sendAll(List<NetlinkRequest> requests, int first, int from, int to) {
        ByteWriter wire = new ByteWriter();
        int end = from;
        while (end < to) {
            byte[] one = requests.get(end).withSeq(first + end).encode();
            if (end > from && wire.size() + one.length > DATAGRAM_LIMIT) break;
            wire.bytes(one);
            end++;
        }
        KernelRequests.sent(end - from);
        send(wire.toByteArray(), end - from == 1 ? requests.get(from).description()
                : (end - from) + " requests from " + requests.get(from).description());
        return end;
    }

    private static int firstUnanswered(boolean[] answered) {
        for (int i = 0; i < answered.length; i++) if (!answered[i]) return i;
        return answered.length - 1;
    }

    private static NetlinkException overrun(NetlinkRequest request) {
        return new NetlinkException(request.description(), Errno.ENOBUFS, Errno.name(Errno.ENOBUFS), "netlink overrun");
    }

    private void send(byte[] wire, String description) {
        long sent = LibC.INSTANCE.sendto(fd, wire, wire.length, 0, null, 0);
        datagramsSent++;
        if (sent < 0) {
            int errno = LibC.errno();
            throw new NetlinkException(description, errno, Errno.name(errno), "sendto: " + Errno.describe(errno));
        }
    }

    private List<NetlinkMessage> receiveFor(NetlinkRequest request) {
        try {
            return receive();
        } catch (SystemCallException e) {
            throw new NetlinkException(request.description(), e.errno(), e.errnoName(), e.getMessage());
        }
    }

    /** Reads one datagram; empty on a receive timeout. Throws {@link SystemCallException} on other errors (ENOBUFS...). */
    public List<NetlinkMessage> receive() {
        long received = LibC.INSTANCE.recvfrom(fd, landing, 0);
        if (received < 0) {
            int errno = LibC.errno();
            if (errno == Errno.EAGAIN || errno == Errno.EINTR) return List.of();
            throw new SystemCallException("recvfrom(netlink)", errno);
        }
        landing.get(0, receiveBuffer, 0, (int) received);
        return NetlinkMessage.parseAll(receiveBuffer, (int) received);
    }

    /**
     * The error an answer carries, null for an acknowledgement or an errno of 0.
     * NLMSG_ERROR carries a negative errno (0 = ACK), then the echoed request header (all of the request
     * unless capped), then, with NLM_F_ACK_TLVS, attributes such as the kernel's message. NLMSG_DONE of a
     * dump may carry an errno too.
     */
    static NetlinkException error(NetlinkMessage message, String description) {
        if (message.payload().length < 4) return null;
        int error = -message.u32(0);
        if (error == 0) return null;
        String detail = "";
        if (message.type() == Nl.NLMSG_ERROR && (message.flags() & Nl.NLM_F_ACK_TLVS) != 0
                && message.payload().length >= 4 + Nl.NLMSG_HDRLEN) {
            int echoed = (message.flags() & Nl.NLM_F_CAPPED) != 0 ? Nl.NLMSG_HDRLEN : Nl.align(message.u32(4));
            int tlvStart = 4 + echoed;
            if (tlvStart <= message.payload().length) {
                detail = Attributes.parse(message.payload(), tlvStart, message.payload().length)
                        .get(Nl.NLMSGERR_ATTR_MSG).map(Attributes.Attribute::string).orElse("");
            }
        }
        String text = Errno.describe(error) + (detail.isEmpty() ? "" : "; kernel says: " + detail);
        return new NetlinkException(description, error, Errno.name(error), text);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.INSTANCE.close(fd);
        }
    }
}
