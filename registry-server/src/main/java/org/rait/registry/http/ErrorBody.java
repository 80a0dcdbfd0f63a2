package org.rait.registry.http;

/** Every error response: the status again and a message that says what was wrong. */
public record ErrorBody(int status, String error) {
}
