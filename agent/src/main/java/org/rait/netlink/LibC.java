package org.rait.netlink;

import com.kenai.jffi.ArrayFlags;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Function;
import com.kenai.jffi.HeapInvocationBuffer;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The few libc calls rait needs for netlink sockets and network namespaces (Linux, 64-bit), called
 * through jffi, the native layer of jnr-ffi. jnr-ffi's own binding of an interface (its library
 * loader, type mappers and annotation reflection) cost a short command 20 ms of CPU, and its platform
 * probe looks up a class that does not exist, which opens and indexes every jar on the class path
 * (25 ms more); the dozen calls below are plain C signatures that need none of it.
 * Every call keeps errno for {@link #errno()}; a null pointer argument of the C function is passed as NULL.
 * When jffi or libc cannot be loaded, every call throws the UnsatisfiedLinkError that says why (also when the
 * binding was made ahead on another thread, {@link Ahead#load()}).
 */
public final class LibC {
    private static final Type INT = Type.SINT;
    private static final Type LONG = Type.SLONG;
    private static final Type POINTER = Type.POINTER;

    /** After the types it binds with (static fields are set in order). */
    public static final LibC INSTANCE = new LibC();

    /** Why jffi or libc.so.6 could not be loaded, or null. */
    private final LinkageError unavailable;

    private final Function socket;
    private final Function bind;
    private final Function setsockopt;
    private final Function sendto;
    private final Function recvfrom;
    private final Function close;
    private final Function open;
    private final Function setns;
    private final Function unshare;
    private final Function mount;
    private final Function umount2;
    private final Function gettid;
    private final Function strerror;
    private final Function fcntl;
    private final Function ftruncate;
    private final Function write;

    private LibC() {
        Library loaded;
        LinkageError failure = null;
        try {
            loaded = Library.getCachedInstance("libc.so.6", Library.LAZY | Library.LOCAL);
            if (loaded == null) throw new UnsatisfiedLinkError("cannot open libc.so.6: " + Library.getLastError());
        } catch (LinkageError e) {
            loaded = null;
            failure = e;
        }
        unavailable = failure;
        Library libc = loaded;
        socket = function(libc, "socket", INT, INT, INT, INT);
        bind = function(libc, "bind", INT, INT, POINTER, INT);
        setsockopt = function(libc, "setsockopt", INT, INT, INT, INT, POINTER, INT);
        sendto = function(libc, "sendto", LONG, INT, POINTER, LONG, INT, POINTER, INT);
        recvfrom = function(libc, "recvfrom", LONG, INT, POINTER, LONG, INT, POINTER, POINTER);
        close = function(libc, "close", INT, INT);
        open = function(libc, "open", INT, POINTER, INT, INT);
        setns = function(libc, "setns", INT, INT, INT);
        unshare = function(libc, "unshare", INT, INT);
        mount = function(libc, "mount", INT, POINTER, POINTER, POINTER, LONG, POINTER);
        umount2 = function(libc, "umount2", INT, POINTER, INT);
        gettid = function(libc, "gettid", INT);
        strerror = function(libc, "strerror", POINTER, INT);
        fcntl = function(libc, "fcntl", INT, INT, INT, POINTER);
        ftruncate = function(libc, "ftruncate", INT, INT, LONG);
        write = function(libc, "write", LONG, INT, POINTER, LONG);
    }

    /**
     * Binds libc on a daemon thread, so that a short command finds it ready at its first call: jffi's set-up (its
     * native stub; its class initialisation formats a string, which loads the JDK's locale data) costs ~10 ms, which
     * then overlaps picocli's parse and reading rait.conf on another core (docs/benchmarks.md, start-up). A nested
     * class, so that calling it does not initialise LibC in the caller's thread; the thread's task rather than a
     * lambda, whose linking would cost the caller more than starting the thread.
     */
    public static final class Ahead implements Runnable {
        private Ahead() {
        }

        public static void load() {
            Thread load = new Thread(new Ahead(), "libc-load");
            load.setDaemon(true);
            load.start();
        }

        @Override
        public void run() {
            Objects.requireNonNull(INSTANCE);
        }
    }

    /** null when libc could not be loaded (every call then throws why). */
    private static Function function(Library libc, String name, Type result, Type... parameters) {
        if (libc == null) return null;
        long address = libc.getSymbolAddress(name);
        if (address == 0) throw new UnsatisfiedLinkError("libc.so.6 has no " + name + ": " + Library.getLastError());
        return new Function(address, result, parameters, CallingConvention.DEFAULT, true);
    }

    /** errno of the last call made through this class on this thread. */
    public static int errno() {
        return LastError.getInstance().get();
    }

    public int socket(int domain, int type, int protocol) {
        bound();
        return Invoker.getInstance().invokeIIIrI(socket, domain, type, protocol);
    }

    public int bind(int fd, byte[] address, int addressLength) {
        bound();
        HeapInvocationBuffer call = new HeapInvocationBuffer(bind);
        call.putInt(fd);
        call.putArray(address, 0, address.length, ArrayFlags.IN);
        call.putInt(addressLength);
        return Invoker.getInstance().invokeInt(bind, call);
    }

    public int setsockopt(int fd, int level, int option, byte[] value, int valueLength) {
        bound();
        HeapInvocationBuffer call = new HeapInvocationBuffer(setsockopt);
        call.putInt(fd);
        call.putInt(level);
        call.putInt(option);
        call.putArray(value, 0, value.length, ArrayFlags.IN);
        call.putInt(valueLength);
        return Invoker.getInstance().invokeInt(setsockopt, call);
    }

    /** @param address the destination's sockaddr, or null for none (a netlink socket sends to the kernel) */
    public long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength) {
        bound();
        HeapInvocationBuffer call = new HeapInvocationBuffer(sendto);
        call.putInt(fd);
        call.putArray(buffer, 0, buffer.length, ArrayFlags.IN);
        call.putLong(length);
        call.putInt(flags);
        if (address == null) call.putAddress(0);
        else call.putArray(address, 0, address.length, ArrayFlags.IN);
        call.putInt(addressLength);
        return Invoker.getInstance().invokeLong(sendto, call);
    }

    /** recvfrom(2) without the sender's address. */
    public long recvfrom(int fd, byte[] buffer, long length, int flags) {
        bound();
        HeapInvocationBuffer call = new HeapInvocationBuffer(recvfrom);
        call.putInt(fd);
        call.putArray(buffer, 0, buffer.length, ArrayFlags.OUT);
        call.putLong(length);
        call.putInt(flags);
        call.putAddress(0);
        call.putAddress(0);
        return Invoker.getInstance().invokeLong(recvfrom, call);
    }

    /**
     * recvfrom(2) into a direct buffer, from its start, without the sender's address. Written in place: a heap
     * array is copied back whole after the call (64 KiB for a netlink reply of a few hundred bytes).
     */
    public long recvfrom(int fd, ByteBuffer buffer, int flags) {
        bound();
        HeapInvocationBuffer call = new HeapInvocationBuffer(recvfrom);
        call.putInt(fd);
        call.putDirectBuffer(buffer, 0, buffer.capacity());
        call.putLong(buffer.capacity());
        call.putInt(flags);
        call.putAddress(0);
        call.putAddress(0);
        return Invoker.getInstance().invokeLong(recvfrom, call);
    }

    public int close(int fd) {
        bound();
        return Invoker.getInstance().invokeIrI(close, fd);
    }

    public int open(String path, int flags, int mode) {
        bound();
        HeapInvocationBuffer call = new HeapInvocationBuffer(open);
        putString(call, path);
        call.putInt(flags);
        call.putInt(mode);
        return Invoker.getInstance().invokeInt(open, call);
    }

    public int setns(int fd, int nstype) {
        bound();
        return Invoker.getInstance().invokeIIrI(setns, fd, nstype);
    }

    public int unshare(int flags) {
        bound();
        return Invoker.getInstance().invokeIrI(unshare, flags);
    }

    /** mount(2) with no filesystem-specific data. */
    public int mount(String source, String target, String fstype, long flags) {
        bound();
        HeapInvocationBuffer call = new HeapInvocationBuffer(mount);
        putString(call, source);
        putString(call, target);
        putString(call, fstype);
        call.putLong(flags);
        call.putAddress(0);
        return Invoker.getInstance().invokeInt(mount, call);
    }

    public int umount2(String target, int flags) {
        bound();
        HeapInvocationBuffer call = new HeapInvocationBuffer(umount2);
        putString(call, target);
        call.putInt(flags);
        return Invoker.getInstance().invokeInt(umount2, call);
    }

    public int gettid() {
        bound();
        return Invoker.getInstance().invokeVrI(gettid);
    }

    public String strerror(int errno) {
        bound();
        HeapInvocationBuffer call = new HeapInvocationBuffer(strerror);
        call.putInt(errno);
        long text = Invoker.getInstance().invokeAddress(strerror, call);
        return new String(MemoryIO.getInstance().getZeroTerminatedByteArray(text), StandardCharsets.UTF_8);
    }

    /**
     * fcntl(2) with a pointer argument (a struct flock and the like), read by the kernel only. A C variadic call
     * passes its third argument as a fixed one does on Linux x86_64 and aarch64.
     */
    public int fcntl(int fd, int command, byte[] argument) {
        bound();
        HeapInvocationBuffer call = new HeapInvocationBuffer(fcntl);
        call.putInt(fd);
        call.putInt(command);
        call.putArray(argument, 0, argument.length, ArrayFlags.IN);
        return Invoker.getInstance().invokeInt(fcntl, call);
    }

    public int ftruncate(int fd, long length) {
        bound();
        HeapInvocationBuffer call = new HeapInvocationBuffer(ftruncate);
        call.putInt(fd);
        call.putLong(length);
        return Invoker.getInstance().invokeInt(ftruncate, call);
    }

    public long write(int fd, byte[] buffer) {
        bound();
        HeapInvocationBuffer call = new HeapInvocationBuffer(write);
        call.putInt(fd);
        call.putArray(buffer, 0, buffer.length, ArrayFlags.IN);
        call.putLong(buffer.length);
        return Invoker.getInstance().invokeLong(write, call);
    }

    private void bound() {
        if (unavailable != null) {
            UnsatisfiedLinkError again = new UnsatisfiedLinkError(unavailable.getMessage());
            again.initCause(unavailable);
            throw again;
        }
    }

    /** A C string: the UTF-8 bytes and the terminating NUL, copied in for the call. */
    private static void putString(HeapInvocationBuffer call, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] terminated = Arrays.copyOf(utf8, utf8.length + 1);
        call.putArray(terminated, 0, terminated.length, ArrayFlags.IN);
    }
}
