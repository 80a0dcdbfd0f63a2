package org.rait.netlink;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Named network namespaces the iproute2 way: a namespace is kept alive by a bind mount of its nsfs
 * file onto /run/netns/NAME, so `ip netns` and rait see the same ones.
 */
final class NetnsDirectory {
    static final Path RUN_NETNS = Path.of("/run/netns");
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final long MS_BIND = 4096;
    private static final long MS_REC = 16384;
    private static final long MS_SHARED = 1 << 20;
    private static final int MNT_DETACH = 2;

    private NetnsDirectory() {
    }

    static NetworkNamespace current() {
        return new OpenNamespace("", openFile("/proc/self/ns/net", "current namespace"));
    }

    static NetworkNamespace ofPid(long pid) {
        return new OpenNamespace("pid:" + pid, openFile("/proc/" + pid + "/ns/net", "netns of pid " + pid));
    }

    static NetworkNamespace open(String name) {
        if (name.isEmpty()) return current();
        Path file = file(name);
        if (!Files.exists(file)) {
            throw new NamespaceException("network namespace \"" + name + "\" does not exist (no " + file + ")");
        }
        return new OpenNamespace(name, openFile(file.toString(), "network namespace \"" + name + "\""));
    }

    static synchronized NetworkNamespace openOrCreate(String name) {
        if (!name.isEmpty() && !Files.exists(file(name))) {
            create(name);
        }
        return open(name);
    }

    /** Like `ip netns add NAME`: fails when it exists. */
    static synchronized void create(String name) {
        Path file = file(name);
        makeRunDirShared();
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new NamespaceException("network namespace \"" + name + "\" already exists (" + file + ")");
        } catch (IOException e) {
            throw new NamespaceException("cannot create " + file + ": " + e.getMessage());
        }
        try {
            bindNewNamespace(file);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /** Like `ip netns del NAME`: detaches the bind mount and removes the file. */
    static synchronized void delete(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            throw new NamespaceException("network namespace \"" + name + "\" does not exist (no " + file + ")");
        }
        SystemCallException.check(LibC.INSTANCE.umount2(file.toString(), MNT_DETACH), "umount2(" + file + ")");
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new NamespaceException("cannot remove " + file + ": " + e.getMessage());
        }
    }

    /**
     * unshare(CLONE_NEWNET) moves only the calling thread, so a short-lived thread makes the namespace
     * and bind-mounts its own nsfs file; the namespace lives on in the mount after the thread ends.
     */
    private static void bindNewNamespace(Path file) {
        RuntimeException[] failure = new RuntimeException[1];
        Thread maker = new Thread(() -> {
            try {
                LibC c = LibC.INSTANCE;
                SystemCallException.check(c.unshare(CLONE_NEWNET), "unshare(CLONE_NEWNET)");
                String source = "/proc/self/task/" + c.gettid() + "/ns/net";
                SystemCallException.check(c.mount(source, file.toString(), "none", MS_BIND),
                        "mount --bind " + source + " " + file);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "netns-create");
        maker.start();
        try {
            maker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NamespaceException("interrupted while creating " + file);
        }
        if (failure[0] != null) throw failure[0];
    }

    /**
     * Mounts made in /run/netns must propagate to other mount namespaces (so that `ip netns exec` sees
     * them): make it a shared mount, first turning the directory into a mount point if it is not one.
     */
    private static void makeRunDirShared() {
        LibC c = LibC.INSTANCE;
        try {
            Files.createDirectories(RUN_NETNS);
        } catch (IOException e) {
            throw new NamespaceException("cannot create " + RUN_NETNS + ": " + e.getMessage());
        }
        String dir = RUN_NETNS.toString();
        if (c.mount("", dir, "none", MS_SHARED | MS_REC) == 0) return;
        int errno = LibC.errno();
        if (errno != Errno.EINVAL) throw new SystemCallException("mount --make-rshared " + dir, errno);
        SystemCallException.check(c.mount(dir, dir, "none", MS_BIND | MS_REC), "mount --rbind " + dir + " " + dir);
        SystemCallException.check(c.mount("", dir, "none", MS_SHARED | MS_REC), "mount --make-rshared " + dir);
    }

    static Path file(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..") || name.length() > 255) {
            throw new NamespaceException("\"" + name + "\" is not a valid network namespace name");
        }
        return RUN_NETNS.resolve(name);
    }

    private static int openFile(String path, String what) {
        int fd = LibC.INSTANCE.open(path, O_RDONLY_CLOEXEC, 0);
        if (fd < 0) {
            int errno = LibC.errno();
            throw new NamespaceException("cannot open " + what + " (" + path + "): " + Errno.name(errno)
                    + " (" + Errno.describe(errno) + ")");
        }
        return fd;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }

    /**
     * The kernel identity of an open namespace (device and inode of its nsfs file), to tell whether two are the same.
     * The file key is both, read in one stat: two reads of named attributes ("unix:dev", "unix:ino") parse their names
     * and fill a map each time, ~0.4 ms on the host at the first call (docs/benchmarks.md, "Sixth round").
     */
    static String identity(NetworkNamespace namespace) {
        Path fd = Path.of("/proc/self/fd/" + namespace.fd());
        try {
            return Files.readAttributes(fd, BasicFileAttributes.class).fileKey().toString();
        } catch (IOException e) {
            throw new NamespaceException("cannot stat " + namespace + ": " + e.getMessage());
        }
    }
}
