package org.rait.agent;

/** rait.conf asks for a remote peer list but gives no way to trust it; nothing is fetched. */
public class UntrustedSource extends RuntimeException {
    public UntrustedSource(String message) {
        super(message);
    }
}
