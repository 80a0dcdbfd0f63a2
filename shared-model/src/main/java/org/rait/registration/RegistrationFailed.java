package org.rait.registration;

/** The registry did not accept a registration, or could not be asked; the message says which and why. */
public final class RegistrationFailed extends Exception {
    private final int status;

    public RegistrationFailed(int status, String message) {
        super(message);
        this.status = status;
    }

    public RegistrationFailed(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status the registry answered with, 0 when there was no answer. */
    public int status() {
        return status;
    }
}
