package org.rait.demo;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a demo (or an end-to-end test) set up, undone in reverse order exactly once: on a normal exit,
 * on failure, and from a shutdown hook on Ctrl-C. A step that fails is reported and the rest still run.
 */
public final class Teardown {
    /** One undo step; named so that a failing step says what it could not remove. */
    public interface Step {
        void run() throws Exception;
    }

    private record Named(String what, Step step) {
    }

    private final Deque<Named> steps = new ArrayDeque<>();
    private boolean done;

    public synchronized void add(String what, Step step) {
        if (done) throw new IllegalStateException("teardown already ran; cannot add: " + what);
        steps.push(new Named(what, step));
    }

    /** Runs every step, newest first. Safe to call again (and from several threads): later calls do nothing. */
    public synchronized void run() {
        if (done) return;
        done = true;
        while (!steps.isEmpty()) {
            Named next = steps.pop();
            try {
                next.step().run();
            } catch (Exception e) {
                System.err.println("cleanup step failed: " + next.what() + ": " + e.getMessage());
            }
        }
    }
}
