package org.rait.agent;

import org.rait.tunnels.Recap;

import java.time.Duration;
import java.util.Optional;

/**
 * What one pass did.
 *
 * @param news       what the pass worked from: "fresh", "unchanged", "unreachable", "refused" (what the source said),
 *                   "cache" (the start from the state directory), "drift" (a repair after a link event), "none"
 * @param action     "applied", "held", "nothing" (no snapshot to apply yet) or "failed" (planning or applying threw)
 * @param detail     the reason, for held, failed, unreachable and refused passes
 * @param recap      when a plan was applied
 * @param retryAfter what the server asked for, so the next pass does not come sooner
 */
public record PassReport(String news, String action, String detail, Optional<Recap> recap, Optional<Duration> retryAfter) {
    public boolean applied() {
        return action.equals("applied");
    }

    public boolean held() {
        return action.equals("held");
    }
}
