package org.rait.netlink;

/**
 * A request before it has a sequence number; {@code flags} are the complete nlmsg_flags.
 * {@code description} names it for errors and logs ("RTM_NEWLINK name=rait4x50180 kind=wireguard");
 * {@code write} says whether it changes kernel state.
 */
public record NetlinkRequest(int type, int flags, byte[] payload, String description, boolean write) {
    public static final int CHANGE = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK;
    public static final int CREATE = CHANGE | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;
    public static final int DUMP = Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP;
    /** A query for one object, answered by the object and then an acknowledgement. */
    public static final int GET = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK;

    public boolean isDump() {
        return (flags & Nl.NLM_F_DUMP) == Nl.NLM_F_DUMP;
    }

    public NetlinkMessage withSeq(int seq) {
        return new NetlinkMessage(type, flags, seq, 0, payload);
    }
}
