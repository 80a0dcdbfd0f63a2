package org.rait.netlink;

/** The kernel refused a netlink request; says which request, errno and its name. */
public class NetlinkException extends RuntimeException {
    private final int errno;
    private final String errnoName;
    private final String request;

    public NetlinkException(String request, int errno, String errnoName, String detail) {
        super(request + " failed: " + errnoName + " (errno " + errno + ")" + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.errno = errno;
        this.errnoName = errnoName;
        this.request = request;
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return errnoName;
    }

    public String request() {
        return request;
    }
}
