package org.rait.netlink;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * One long-lived daemon thread that has entered a network namespace with setns(2). setns changes only
 * the calling thread, so work meant for the namespace runs here and the caller's thread never moves.
 *
 * <p>The work is handed over under this object's monitor, one task at a time, rather than through a
 * single-thread executor: its pool, queue, futures and locks are ~45 classes, and a lock's wait
 * initialises ForkJoinPool's common pool, all loaded by every one-shot for the two tasks a session
 * gives each of its two threads (docs/benchmarks.md, "From Main to the first kernel request").
 */
final class NamespaceThread implements AutoCloseable {
    private static final int CLONE_NEWNET = 0x40000000;

    private final Thread thread;
    /** Handed over, not yet taken by the thread; guarded by this. */
    private Task<?> pending;
    /** Taken by the thread and not yet done; guarded by this. */
    private Task<?> running;
    /** Guarded by this: no task is taken after what was handed over before. */
    private boolean closed;

    NamespaceThread(int namespaceFd, String name) {
        thread = new Thread(new Work(), "netns-" + (name.isEmpty() ? "current" : name));
        thread.setDaemon(true);
        thread.start();
        try {
            call(new Enter(namespaceFd, name));
        } catch (RuntimeException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IllegalStateException(e);
        }
    }

    /** One call: the action, and what it returned or threw once done. */
    private static final class Task<T> {
        private final Callable<T> action;
        private T result;
        private Throwable failure;
        private boolean done;

        Task(Callable<T> action) {
            this.action = action;
        }

        void run() {
            try {
                result = action.call();
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /** The thread's loop: takes each task handed over and runs it, until closed with nothing left. */
    private final class Work implements Runnable {
        @Override
        public void run() {
            while (true) {
                Task<?> task;
                synchronized (NamespaceThread.this) {
                    while (pending == null && !closed) {
                        try {
                            NamespaceThread.this.wait();
                        } catch (InterruptedException e) {
                            // a cancelled task's interrupt came after it ended: nothing to cancel
                        }
                    }
                    if (pending == null) return;
                    task = pending;
                    pending = null;
                    running = task;
                    NamespaceThread.this.notifyAll();
                }
                task.run();
                synchronized (NamespaceThread.this) {
                    running = null;
                    task.done = true;
                    Thread.interrupted(); // a cancel that came as the task ended does not reach the next
                    NamespaceThread.this.notifyAll();
                }
            }
        }
    }

    /** Run first on the thread: it enters the namespace. */
    private static final class Enter implements Callable<Void> {
        private final int namespaceFd;
        private final String name;

        Enter(int namespaceFd, String name) {
            this.namespaceFd = namespaceFd;
            this.name = name;
        }

        @Override
        public Void call() {
            SystemCallException.check(LibC.INSTANCE.setns(namespaceFd, CLONE_NEWNET),
                    "setns(" + (name.isEmpty() ? "current namespace" : "/run/netns/" + name) + ")");
            return null;
        }
    }

    /**
     * Runs the action on the thread and returns what it returned, or throws what it threw (an Error as it is, any
     * other Throwable in an ExecutionException). Callers on other threads take turns. When the caller is
     * interrupted while it waits, a task not yet started is dropped and a running one is interrupted.
     */
    <T> T call(Callable<T> action) throws Exception {
        if (Thread.currentThread() == thread) {
            return action.call(); // already inside: a nested call would wait for itself
        }
        Task<T> task = new Task<>(action);
        synchronized (this) {
            try {
                while (pending != null && !closed) wait();
                if (closed) throw new RejectedExecutionException(thread.getName() + " is closed");
                pending = task;
                notifyAll();
                while (!task.done) wait();
            } catch (InterruptedException e) {
                if (pending == task) pending = null;
                else if (running == task) thread.interrupt();
                Thread.currentThread().interrupt();
                throw e;
            }
        }
        Throwable failure = task.failure;
        if (failure == null) return task.result;
        if (failure instanceof Exception ex) throw ex;
        if (failure instanceof Error err) throw err;
        throw new ExecutionException(failure);
    }

    /** The thread ends once what was handed over before is done; later calls are refused. */
    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
