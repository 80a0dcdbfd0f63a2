package org.rait.netlink;

/** A system call (socket, setns, mount...) failed; carries errno, its name and what was attempted. */
public class SystemCallException extends RuntimeException {
    private final int errno;

    public SystemCallException(String call, int errno) {
        super(call + " failed: " + Errno.name(errno) + " (" + Errno.describe(errno) + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return Errno.name(errno);
    }

    /** Throws for a negative return value, reading errno at once (before any other call can change it). */
    static long check(long result, String call) {
        if (result < 0) {
            throw new SystemCallException(call, LibC.errno());
        }
        return result;
    }
}
