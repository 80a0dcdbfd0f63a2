package org.rait.wireguard;

/** A WireGuard backend could not do what was asked; the message names the device and the step. */
public class WireGuardException extends RuntimeException {
    public WireGuardException(String message) {
        super(message);
    }

    public WireGuardException(String message, Throwable cause) {
        super(message, cause);
    }
}
