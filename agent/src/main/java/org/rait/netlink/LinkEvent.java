package org.rait.netlink;

import java.util.Objects;
import java.util.Optional;

/**
 * A change the kernel announced on RTNLGRP_LINK. {@code LOST} means the socket overflowed and events
 * were dropped (no link attached): the listener should re-read the whole state.
 */
public record LinkEvent(Kind kind, Optional<Link> link) {
    public enum Kind { NEW, DELETED, LOST }

    public LinkEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(link, "link");
    }

    static LinkEvent of(NetlinkMessage message) {
        Kind kind = message.type() == Nl.RTM_DELLINK ? Kind.DELETED : Kind.NEW;
        return new LinkEvent(kind, Optional.of(LinkParser.link(message)));
    }
}
