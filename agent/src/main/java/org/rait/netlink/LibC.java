package org.rait.netlink;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/** The few libc calls rait needs for netlink sockets and network namespaces (Linux, 64-bit). */
public interface LibC {
    LibC INSTANCE = load();

    /**
     * Binds through jnr-ffi's reflection path rather than its default ASM one: generating the stubs'
     * bytecode took about 80 ms of every short command, and the few calls of a pass gain nothing from it.
     */
    private static LibC load() {
        System.setProperty("jnr.ffi.asm.enabled", "false");
        return LibraryLoader.create(LibC.class).load("c");
    }

    /** errno of the last call on this thread that was marked {@link SaveError}. */
    static int errno() {
        return Runtime.getRuntime(INSTANCE).getLastError();
    }

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, @In byte[] address, int addressLength);

    @SaveError
    int getsockname(int fd, @Out byte[] address, @In @Out int[] addressLength);

    @SaveError
    int setsockopt(int fd, int level, int option, @In byte[] value, int valueLength);

    @SaveError
    long sendto(int fd, @In byte[] buffer, long length, int flags, Pointer address, int addressLength);

    @SaveError
    long recvfrom(int fd, @Out byte[] buffer, long length, int flags, Pointer address, Pointer addressLength);

    @SaveError
    int close(int fd);

    @SaveError
    int open(String path, int flags, int mode);

    @SaveError
    int setns(int fd, int nstype);

    @SaveError
    int unshare(int flags);

    @SaveError
    int mount(String source, String target, String fstype, long flags, Pointer data);

    @SaveError
    int umount2(String target, int flags);

    int getpid();

    int gettid();

    String strerror(int errno);
}
