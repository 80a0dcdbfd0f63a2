package org.rait.babeld;

/** babeld sent something that is not its control protocol, or stopped in the middle of a reply. */
final class MalformedReply extends RuntimeException {
    MalformedReply(String message) {
        super(message);
    }
}
