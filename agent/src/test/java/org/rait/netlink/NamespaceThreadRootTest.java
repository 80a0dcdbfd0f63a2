package org.rait.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rait.testbed.Testbed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-over to a namespace's own thread (the current namespace: entering it needs root). */
@Tag("root")
class NamespaceThreadRootTest {
    @BeforeEach
    void needsRoot() {
        Testbed.requireRoot("ip");
    }

    @Test
    void anExceptionOrErrorOfTheTaskReachesTheCallerAsThrown() throws Exception {
        IOException io = new IOException("no");
        AssertionError error = new AssertionError("broken");
        try (NetworkNamespace ns = NetworkNamespace.current()) {
            assertSame(io, assertThrows(IOException.class, () -> ns.call(() -> {
                throw io;
            })));
            assertSame(error, assertThrows(AssertionError.class, () -> ns.call(() -> {
                throw error;
            })));
            assertEquals("after", ns.call(() -> "after"));
        }
    }

    @Test
    void aCallFromInsideTheThreadRunsInPlace() throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.current()) {
            Thread inside = ns.call(Thread::currentThread);
            assertSame(inside, ns.call(() -> ns.call(Thread::currentThread)));
        }
    }

    @Test
    void callersOnSeveralThreadsTakeTurnsAndEachGetsItsOwnResult() throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.current()) {
            List<Thread> callers = new ArrayList<>();
            List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean busy = new AtomicBoolean();
            for (int c = 0; c < 4; c++) {
                int caller = c;
                Thread t = new Thread(() -> {
                    for (int i = 0; i < 50; i++) {
                        String want = caller + "/" + i;
                        try {
                            String got = ns.call(() -> {
                                if (!busy.compareAndSet(false, true)) wrong.add("two tasks at once");
                                busy.set(false);
                                return want;
                            });
                            if (!want.equals(got)) wrong.add(want + " got " + got);
                        } catch (Exception e) {
                            wrong.add(want + " threw " + e);
                        }
                    }
                });
                callers.add(t);
                t.start();
            }
            for (Thread t : callers) t.join(10_000);
            assertEquals(List.of(), wrong);
        }
    }

    @Test
    void anInterruptedCallerInterruptsItsRunningTaskAndTheNextCallRuns() throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.current()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            AtomicReference<Exception> callerGot = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    ns.call(() -> {
                        started.countDown();
                        try {
                            Thread.sleep(10_000);
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                        }
                        return null;
                    });
                } catch (Exception e) {
                    callerGot.set(e);
                }
            });
            caller.start();
            assertTrue(started.await(10, TimeUnit.SECONDS));
            caller.interrupt();
            caller.join(10_000);
            assertTrue(callerGot.get() instanceof InterruptedException, String.valueOf(callerGot.get()));
            assertTrue(interrupted.await(10, TimeUnit.SECONDS));
            assertEquals("next", ns.call(() -> "next"));
        }
    }

    @Test
    void aCallAfterCloseIsRefused() {
        NetworkNamespace ns = NetworkNamespace.current();
        ns.close();
        assertThrows(RejectedExecutionException.class, () -> ns.call(() -> "late"));
    }
}
