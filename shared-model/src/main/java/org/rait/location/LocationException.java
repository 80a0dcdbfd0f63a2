package org.rait.location;

import java.io.IOException;

/** A location that could not be read or written; the message names the location and what went wrong. */
public class LocationException extends IOException {
    public LocationException(String message) {
        super(message);
    }

    public LocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
