package org.rait.netlink;

import java.nio.file.Files;
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
    /** The namespace rait runs in (name ""). */
    static NetworkNamespace current() {
        return NetnsDirectory.current();
    }

    /** /run/netns/NAME, or the current namespace for ""; a {@link NamespaceException} when it does not exist. */
    static NetworkNamespace open(String name) {
        return NetnsDirectory.open(name);
    }

    /** Whether /run/netns/NAME is there (always true for "", the current namespace); opens nothing. */
    static boolean exists(String name) {
        return name.isEmpty() || Files.exists(NetnsDirectory.file(name));
    }

    /** Opens /run/netns/NAME, creating it first the way `ip netns add` does when it is missing. */
    static NetworkNamespace openOrCreate(String name) {
        return NetnsDirectory.openOrCreate(name);
    }

    /** The namespace a process runs in. */
    static NetworkNamespace ofPid(long pid) {
        return NetnsDirectory.ofPid(pid);
    }

    /** Like `ip netns del NAME`; namespaces still held open elsewhere live on until closed. */
    static void delete(String name) {
        NetnsDirectory.delete(name);
    }

    /** Whether two handles refer to the same kernel namespace (compares the nsfs inodes). */
    static boolean same(NetworkNamespace a, NetworkNamespace b) {
        return identity(a).equals(identity(b));
    }

    /** The kernel's identity of the namespace (device and inode of its nsfs file), stable while it exists. */
    static String identity(NetworkNamespace namespace) {
        return NetnsDirectory.identity(namespace);
    }

    /** "" for the namespace rait runs in. */
    String name();

    /** An open descriptor of the namespace (for RTM_NEWLINK with IFLA_NET_NS_FD, setns...). */
    int fd();

    /** Runs the action on a thread that has entered this namespace; the caller's thread is untouched. */
    <T> T call(Callable<T> action) throws Exception;

    @Override
    void close();
}
