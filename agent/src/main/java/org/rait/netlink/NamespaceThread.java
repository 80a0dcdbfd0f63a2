package org.rait.netlink;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * One long-lived daemon thread that has entered a network namespace with setns(2). setns changes only
 * the calling thread, so work meant for the namespace runs here and the caller's thread never moves.
 */
final class NamespaceThread implements AutoCloseable {
    private static final int CLONE_NEWNET = 0x40000000;

    private final ExecutorService executor;
    private volatile Thread thread;

    NamespaceThread(int namespaceFd, String name) {
        executor = Executors.newSingleThreadExecutor(new Daemon("netns-" + (name.isEmpty() ? "current" : name)));
        try {
            call(new Enter(namespaceFd, name));
        } catch (RuntimeException e) {
            executor.shutdownNow();
            throw e;
        } catch (Exception e) {
            executor.shutdownNow();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The executor's one thread. Named classes rather than lambdas here: each lambda is linked at run time in
     * every one-shot, and a session opens two of these threads (docs/benchmarks.md, "Sixth round").
     */
    private static final class Daemon implements ThreadFactory {
        private final String name;

        Daemon(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }
    }

    /** Run first on the thread: it enters the namespace and is known as this namespace's thread. */
    private final class Enter implements Callable<Void> {
        private final int namespaceFd;
        private final String name;

        Enter(int namespaceFd, String name) {
            this.namespaceFd = namespaceFd;
            this.name = name;
        }

        @Override
        public Void call() {
            thread = Thread.currentThread();
            SystemCallException.check(LibC.INSTANCE.setns(namespaceFd, CLONE_NEWNET),
                    "setns(" + (name.isEmpty() ? "current namespace" : "/run/netns/" + name) + ")");
            return null;
        }
    }

    <T> T call(Callable<T> action) throws Exception {
        if (Thread.currentThread() == thread) {
            return action.call(); // already inside: a nested call would wait for itself
        }
        Future<T> result = executor.submit(action);
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) throw ex;
            if (cause instanceof Error err) throw err;
            throw e;
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
