package org.rait.netlink;

import java.util.Objects;
import java.util.Optional;

/**
 * A change the kernel announced on RTNLGRP_LINK (a link, for NEW and DELETED) or on the address groups (an
 * address, for ADDRESS_ADDED and ADDRESS_REMOVED). {@code LOST} means the socket overflowed and events were
 * dropped (nothing attached): the listener should re-read the whole state.
 */
public record LinkEvent(Kind kind, Optional<Link> link, Optional<LinkAddress> address) {
    public enum Kind { NEW, DELETED, ADDRESS_ADDED, ADDRESS_REMOVED, LOST }

    public LinkEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(address, "address");
    }

    /** A link event, or LOST. */
    public LinkEvent(Kind kind, Optional<Link> link) {
        this(kind, link, Optional.empty());
    }

    /** An address added to or removed from a link. */
    public static LinkEvent address(Kind kind, LinkAddress address) {
        return new LinkEvent(kind, Optional.empty(), Optional.of(address));
    }

    static LinkEvent of(NetlinkMessage message) {
        Kind kind = message.type() == Nl.RTM_DELLINK ? Kind.DELETED : Kind.NEW;
        return new LinkEvent(kind, Optional.of(LinkParser.link(message)));
    }

    static Optional<LinkEvent> ofAddress(NetlinkMessage message) {
        Kind kind = message.type() == Nl.RTM_DELADDR ? Kind.ADDRESS_REMOVED : Kind.ADDRESS_ADDED;
        return LinkParser.address(message).map(a -> address(kind, a));
    }
}
