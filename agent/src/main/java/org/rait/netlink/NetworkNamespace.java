package org.rait.netlink;

import java.util.concurrent.Callable;

/**
 * A network namespace held open by a file descriptor, named the way iproute2 names them
 * (a bind mount at /run/netns/NAME). The empty name means the namespace rait itself runs in.
 *
 * <p>Contract (implemented in this package): {@code current()}, {@code open(name)} (fails with a clear
 * message when /run/netns/NAME is absent), {@code openOrCreate(name)} (creates it like `ip netns add`),
 * {@code ofPid(pid)}, {@code delete(name)}.
 */
public interface NetworkNamespace extends AutoCloseable {
    /** "" for the namespace rait runs in. */
    String name();

    /** An open descriptor of the namespace (for RTM_NEWLINK with IFLA_NET_NS_FD, setns...). */
    int fd();

    /** Runs the action on a thread that has entered this namespace; the caller's thread is untouched. */
    <T> T call(Callable<T> action) throws Exception;

    @Override
    void close();
}
