/**
 * Linux netlink through jnr-ffi: rtnetlink links and addresses, link events, generic netlink, and named
 * network namespaces kept the way iproute2 keeps them.
 *
 * <p>Namespaces and threads: setns(2) moves only the calling thread, so each open
 * {@link org.rait.netlink.NetworkNamespace} owns one thread inside it and {@code call} runs work there.
 * A netlink socket belongs to the namespace it was opened in for its whole life, so sockets are opened
 * through {@code call} once and then used from any thread. Kernel refusals surface as
 * {@link org.rait.netlink.NetlinkException} (errno, its name, the request, the kernel's own message);
 * failed system calls as {@link org.rait.netlink.SystemCallException}; namespace problems as
 * {@link org.rait.netlink.NamespaceException}.
 */
package org.rait.netlink;
