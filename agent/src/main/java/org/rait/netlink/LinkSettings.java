package org.rait.netlink;

/**
 * The settings rait gives each of its links, sent as attributes of one RTM_NEWLINK (the kernel takes
 * them together, at creation or on an existing link): MTU, interface group, and IPv6 address generation
 * off, so that the kernel adds no link-local address of its own.
 */
public record LinkSettings(int mtu, long group, boolean addrGenModeNone) {
}
