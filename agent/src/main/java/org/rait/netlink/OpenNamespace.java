package org.rait.netlink;

import java.util.concurrent.Callable;

/** A namespace held by an open descriptor, with its own thread for work inside it. */
final class OpenNamespace implements NetworkNamespace {
    private final String name;
    private final int fd;
    private final NamespaceThread thread;
    private boolean closed;

    /** Takes ownership of {@code fd}: closed when this is closed, also when entering it fails. */
    OpenNamespace(String name, int fd) {
        this.name = name;
        this.fd = fd;
        try {
            this.thread = new NamespaceThread(fd, name);
        } catch (RuntimeException e) {
            LibC.INSTANCE.close(fd);
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public <T> T call(Callable<T> action) throws Exception {
        return thread.call(action);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            thread.close();
            LibC.INSTANCE.close(fd);
        }
    }

    @Override
    public String toString() {
        return name.isEmpty() ? "current netns" : "netns " + name;
    }
}
