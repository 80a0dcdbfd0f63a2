package org.rait.registry.nodes;

import org.rait.registration.RegistrationKey;
import org.rait.registration.RequestProof;
import org.rait.registry.Refusal;

import java.time.Duration;
import java.time.Instant;

/**
 * What every request a node proves with its WireGuard key must pass before anything else: the proof holds for
 * this request, and its timestamp is within the clock window. (Replays, a timestamp not newer than the node's
 * last accepted one, are checked by the caller in its own transaction.)
 */
public final class ProofCheck {
    private final RegistrationKey registrationKey;
    private final Duration clockWindow;

    public ProofCheck(RegistrationKey registrationKey, Duration clockWindow) {
        this.registrationKey = registrationKey;
        this.clockWindow = clockWindow;
    }

    /** @throws Refusal UNAUTHENTICATED saying which of the two failed */
    public void verify(RequestProof proof, String method, String path, byte[] body, Instant now) {
        if (!registrationKey.verifies(proof, method, path, body)) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "the proof does not show possession of the private key of "
                    + proof.nodeKey() + " (made with another key, for another registry, or over a different request)");
        }
        long skew = proof.timestamp() - now.getEpochSecond();
        if (Math.abs(skew) > clockWindow.toSeconds()) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "timestamp " + proof.timestamp() + " is " + skew
                    + " s from the registry's clock; allowed is +-" + clockWindow.toSeconds() + " s (check the node's clock)");
        }
    }
}
