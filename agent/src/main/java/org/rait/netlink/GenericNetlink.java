package org.rait.netlink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A NETLINK_GENERIC socket inside one namespace. Families (such as "wireguard") have ids the kernel
 * assigns at load time; {@link #familyId} asks the controller (CTRL_CMD_GETFAMILY) and remembers them.
 */
public final class GenericNetlink implements AutoCloseable {
    private static final int CTRL_VERSION = 1;

    private final NetlinkSocket socket;
    private final Map<String, Integer> families = new HashMap<>();

    private GenericNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static GenericNetlink open(NetworkNamespace namespace) {
        try {
            return new GenericNetlink(namespace.call(new NetlinkSocket.Opening(Nl.NETLINK_GENERIC, 0)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open generic netlink in " + namespace, e);
        }
    }

    /** The family's id, or empty when the kernel has no such family (its module is not loaded or not built). */
    public synchronized Optional<Integer> familyId(String name) {
        Integer known = families.get(name);
        if (known != null) return Optional.of(known);
        NetlinkRequest request = new NetlinkRequest(Nl.GENL_ID_CTRL, NetlinkRequest.GET,
                payload(Nl.CTRL_CMD_GETFAMILY, CTRL_VERSION, Attr.string(Nl.CTRL_ATTR_FAMILY_NAME, name)),
                "CTRL_CMD_GETFAMILY name=" + name, false);
        try {
            for (NetlinkMessage reply : socket.request(request)) {
                Optional<Attributes.Attribute> id = reply.attributes(Nl.GENLMSG_HDRLEN).get(Nl.CTRL_ATTR_FAMILY_ID);
                if (id.isPresent()) {
                    families.put(name, id.get().u16());
                    return Optional.of(id.get().u16());
                }
            }
            return Optional.empty();
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) return Optional.empty();
            throw e;
        }
    }

    /** Sends a request whose payload starts with the genlmsghdr; replies are returned whole. */
    public synchronized List<NetlinkMessage> request(NetlinkRequest request) {
        return socket.request(request);
    }

    /** Acknowledged requests back to back ({@link NetlinkSocket#batch}); an outcome per request, in order. */
    public synchronized List<Outcome> batch(List<NetlinkRequest> requests) {
        return socket.batch(requests);
    }

    /** Dumps several to a datagram ({@link NetlinkSocket#dumps}); an outcome per request, in order. */
    public synchronized List<Outcome> dumps(List<NetlinkRequest> requests) {
        return socket.dumps(requests);
    }

    /** Round trips made so far (datagrams sent). */
    public synchronized long datagramsSent() {
        return socket.datagramsSent();
    }

    /** struct genlmsghdr (u8 cmd, u8 version, u16 reserved) followed by the attributes. */
    public static byte[] payload(int command, int version, byte[] attributes) {
        return new ByteWriter().u8(command).u8(version).u16(0).bytes(attributes).toByteArray();
    }

    /** The attributes of a reply, after its genlmsghdr. */
    public static Attributes attributes(NetlinkMessage reply) {
        return reply.attributes(Nl.GENLMSG_HDRLEN);
    }

    @Override
    public void close() {
        socket.close();
    }
}
